import { Module } from '@nestjs/common';
import { ConnectionsModule } from '../connections/connections.module';
import { PlanModule } from '../plan/plan.module';
import { SyncModule } from '../sync/sync.module';
import { DemoSeedService } from './demo-seed.service';

/** The demo seed of an empty database (`npm start`). */
@Module({
  imports: [ConnectionsModule, PlanModule, SyncModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class BootstrapModule {}
