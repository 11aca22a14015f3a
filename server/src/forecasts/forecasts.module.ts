import { Module } from '@nestjs/common';
import { ForecastService } from './forecast.service';

/** Forecasts of the goals (ForecastService); the HTTP service adds ForecastsController, alerts may use the service. */
@Module({
  providers: [ForecastService],
  exports: [ForecastService],
})
export class ForecastsModule {}
