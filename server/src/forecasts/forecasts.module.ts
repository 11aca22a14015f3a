import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PlanModule } from '../plan/plan.module';
import { ForecastService } from './forecast.service';
import { ForecastsController } from './forecasts.controller';

/** Forecasts of the goals from the stored snapshots (ForecastService); alerts may use the service. */
@Module({
  imports: [CacheModule, MetricsModule, PlanModule],
  controllers: [ForecastsController],
  providers: [ForecastService],
  exports: [ForecastService],
})
export class ForecastsModule {}
