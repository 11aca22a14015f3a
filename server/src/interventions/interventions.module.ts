import { Module } from '@nestjs/common';
import { InterventionRepository } from './intervention.repository';
import { InterventionService } from './intervention.service';

/** The interventions log and its effect estimates; the HTTP service adds InterventionsController, the CLI uses the service. */
@Module({
  providers: [InterventionRepository, InterventionService],
  exports: [InterventionService],
})
export class InterventionsModule {}
