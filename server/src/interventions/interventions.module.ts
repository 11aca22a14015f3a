import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { DatabaseModule } from '../database/database.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PlanModule } from '../plan/plan.module';
import { InterventionRepository } from './intervention.repository';
import { InterventionService } from './intervention.service';
import { InterventionsController } from './interventions.controller';

/** The interventions log and its effect estimates (read from the stored snapshots). */
@Module({
  imports: [DatabaseModule, CacheModule, MetricsModule, PlanModule],
  controllers: [InterventionsController],
  providers: [InterventionRepository, InterventionService],
  exports: [InterventionService],
})
export class InterventionsModule {}
