import { forwardRef, Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { DatabaseModule } from '../database/database.module';
import { PlanModule } from '../plan/plan.module';
import { CatalogueController } from './catalogue.controller';
import { DataCoverageRepository } from './data-coverage.repository';
import { DepartmentsController } from './departments.controller';
import { MetricsRepository } from './metrics.repository';
import { ProvenanceRepository } from './provenance.repository';
import { RestatementRepository } from './restatement.repository';
import { RestatementService } from './restatement.service';
import { RestatementsController } from './restatements.controller';
import { StoredDayRepository } from './stored-day.repository';
import { MetricsService } from './metrics.service';
import { SnapshotRepository } from './snapshot.repository';
import { SnapshotService } from './snapshot.service';

/** The metric counts and reports, the daily snapshots and series, late data and restatements, the catalogue and department endpoints. */
@Module({
  imports: [DatabaseModule, CacheModule, forwardRef(() => PlanModule)],
  controllers: [CatalogueController, DepartmentsController, RestatementsController],
  providers: [
    MetricsRepository,
    DataCoverageRepository,
    ProvenanceRepository,
    StoredDayRepository,
    MetricsService,
    SnapshotRepository,
    SnapshotService,
    RestatementRepository,
    RestatementService,
  ],
  exports: [MetricsRepository, DataCoverageRepository, MetricsService, SnapshotRepository, SnapshotService, RestatementService],
})
export class MetricsModule {}
