import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { DatabaseModule } from '../database/database.module';
import { MetricsModule } from '../metrics/metrics.module';
import { PlanModule } from '../plan/plan.module';
import { PresenceController } from '../presence/presence.controller';
import { PresenceService } from '../presence/presence.service';
import { PeopleController } from './people.controller';
import { PeopleRepository } from './people.repository';
import { PeopleService } from './people.service';

/** The people of a department (audited, admins and managers only). */
@Module({
  imports: [DatabaseModule, CacheModule, MetricsModule, PlanModule],
  controllers: [PeopleController, PresenceController],
  providers: [PeopleRepository, PeopleService, PresenceService],
  exports: [PeopleRepository],
})
export class PeopleModule {}
