import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { LaunchPlan } from '@uptake/shared';
import { PlanRepository } from '../plan/plan.repository';

interface PlanVersionView {
  version: number;
  createdAt: string;
  createdBy: string;
  source: string | null;
  plan: LaunchPlan;
}

@ApiTags('plan')
@Controller('plan')
export class PlanController {
  constructor(private readonly plans: PlanRepository) {}

  @Get()
  @ApiOkResponse({ description: 'The current launch plan and every earlier version, newest first.' })
  async plan(): Promise<{ current: PlanVersionView | null; history: PlanVersionView[] }> {
    const history = (await this.plans.history()).map((version) => ({
      version: version.version,
      createdAt: new Date(version.createdAt).toISOString(),
      createdBy: version.createdBy,
      source: version.source,
      plan: version.plan,
    }));
    return { current: history[0] ?? null, history };
  }
}
