import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { SyncModule } from '../sync/sync.module';
import { ImportService } from './import.service';

/** `uptake import`: a folder of CSV files synced through a CSV connection. */
@Module({
  imports: [ConnectionsModule, SyncModule],
  providers: [ImportService],
  exports: [ImportService],
})
export class ImportModule {}
