import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { AccountService } from './auth/account.service';
import { CacheService } from './cache/cache.service';
import { CliModule } from './cli/cli.module';
import { loadConfig } from './config/app.config';
import { ConnectionService } from './connections/connection.service';
import { ImportService } from './import/import.service';
import { OverviewService } from './overview/overview.service';
import { PlanInForce } from './plan/plan-in-force.service';
import { PlanService } from './plan/plan.service';
import { SyncScheduler } from './sync/sync.scheduler';

describe('the domain modules booted by the command line (CliModule)', () => {
  let app: INestApplicationContext;

  beforeAll(async () => {
    const config = loadConfig({}, { databaseUrl: 'sqlite::memory:', scheduler: false, demo: false });
    app = await NestFactory.createApplicationContext(CliModule.forRoot(config), { logger: false });
  });

  afterAll(() => app.close());

  it('gives the services the commands use, from the same modules as the server', () => {
    for (const service of [ConnectionService, ImportService, AccountService, OverviewService, PlanInForce]) {
      expect(app.get(service)).toBeInstanceOf(service);
    }
  });

  it('shows a new plan at once to every module reading the plan in force (its writer invalidates the tag)', async () => {
    const inForce = app.get(PlanInForce);
    expect(await inForce.plan()).toBeNull(); // now kept under the tag `plan`
    await app.get(PlanService).apply('launch_date: 2026-01-05\ndepartments:\n  - { name: Sales, seats: 2 }\n', 'plan.yaml', 'test', 0);
    expect((await inForce.plan())?.launch_date).toBe('2026-01-05');
    expect(await app.get(CacheService).stamp(['plan'])).toMatch(/^plan:1\.1$/); // this process's change, and the shared counter
  });

  it('has the scheduler idle: a connection gets no cron job and no next run', async () => {
    const connection = await app.get(ConnectionService).add({ name: 'crm', kind: 'demo' });
    const scheduler = app.get(SyncScheduler);
    await scheduler.refresh();
    expect(scheduler.nextRunAt(connection)).toBeNull();
    const [described] = await app.get(OverviewService).describeConnections();
    expect(described).toMatchObject({ name: 'crm', nextRunAt: null });
  });
});
