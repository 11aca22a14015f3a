import { Module } from '@nestjs/common';
import { DatabaseModule } from '../database/database.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PlanModule } from '../plan/plan.module';
import { RoiController } from './roi.controller';
import { RoiRepository } from './roi.repository';
import { RoiService } from './roi.service';

/** Return on the CRM investment: adoption against pipeline. */
@Module({
  imports: [DatabaseModule, MetricsModule, PlanModule],
  controllers: [RoiController],
  providers: [RoiRepository, RoiService],
})
export class RoiModule {}
