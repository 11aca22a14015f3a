import { forwardRef, Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { DatabaseModule } from '../database/database.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PlanEditService } from './plan-edit.service';
import { PlanInForce } from './plan-in-force.service';
import { PlanController } from './plan.controller';
import { PlanRepository } from './plan.repository';
import { PlanService } from './plan.service';

/**
 * The launch plan: its versions, the plan in force and "today" (PlanInForce), and editing it over
 * HTTP. Editing recomputes today's snapshots (MetricsModule), which read the plan in force: the
 * two modules import each other (forwardRef), no provider depends on itself through them.
 */
@Module({
  imports: [DatabaseModule, CacheModule, forwardRef(() => MetricsModule)],
  controllers: [PlanController],
  providers: [PlanRepository, PlanService, PlanInForce, PlanEditService],
  exports: [PlanRepository, PlanService, PlanInForce],
})
export class PlanModule {}
