import { forwardRef, Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { DatabaseModule } from '../database/database.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PlanModule } from '../plan/plan.module';
import { SecretsModule } from '../secrets/secrets.module';
import { SyncModule } from '../sync/sync.module';
import { ConnectionRepository } from './connection.repository';
import { ConnectionService } from './connection.service';
import { ConnectionsController } from './connections.controller';

/**
 * The CRM connections: stored (credentials sealed by SecretsModule), checked, changed, removed;
 * the HTTP controller and the CLI's `connection` commands share ConnectionService. Syncs read the
 * connections and a removal takes a sync lease: this module and SyncModule import each other
 * (forwardRef), no provider depends on itself through them.
 */
@Module({
  imports: [DatabaseModule, CacheModule, SecretsModule, MetricsModule, PlanModule, forwardRef(() => SyncModule)],
  controllers: [ConnectionsController],
  providers: [ConnectionRepository, ConnectionService],
  exports: [ConnectionRepository, ConnectionService],
})
export class ConnectionsModule {}
