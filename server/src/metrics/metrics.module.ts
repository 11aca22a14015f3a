import { forwardRef, Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { DatabaseModule } from '../database/database.module';
import { PlanModule } from '../plan/plan.module';
import { CatalogueController } from './catalogue.controller';
import { DataCoverageRepository } from './data-coverage.repository';
import { DepartmentsController } from './departments.controller';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';
import { SnapshotRepository } from './snapshot.repository';
import { SnapshotService } from './snapshot.service';

/** The metric counts and reports, the daily snapshots and series, the catalogue and department endpoints. */
@Module({
  imports: [DatabaseModule, CacheModule, forwardRef(() => PlanModule)],
  controllers: [CatalogueController, DepartmentsController],
  providers: [MetricsRepository, DataCoverageRepository, MetricsService, SnapshotRepository, SnapshotService],
  exports: [MetricsRepository, DataCoverageRepository, MetricsService, SnapshotService],
})
export class MetricsModule {}
