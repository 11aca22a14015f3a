import { SchedulerRegistry } from '@nestjs/schedule';
import { Clock } from '../common/clock';
import type { AppConfig } from '../config/app.config';
import type { ConnectionService } from '../connections/connection.service';
import type { StoredConnection } from '../connections/connection.repository';
import type { SyncRepository } from './sync.repository';
import type { SyncService } from './sync.service';
import { SyncScheduler } from './sync.scheduler';

describe('SyncScheduler: one cron job per enabled connection', () => {
  const connection = (name: string, schedule: string, enabled = true): StoredConnection => ({
    id: name.length,
    name,
    kind: 'csv',
    options: {},
    schedule,
    enabled,
    priority: null,
    createdAt: 0,
    removedAt: null,
  });
  let stored: StoredConnection[];
  let registry: SchedulerRegistry;
  let scheduler: SyncScheduler;

  beforeEach(() => {
    stored = [connection('sales-crm', '0 0 * * * *'), connection('paused', '0 0 * * * *', false)];
    registry = new SchedulerRegistry();
    // listing answers after a turn of the event loop, as the database does
    const connections = { list: async () => new Promise<StoredConnection[]>((done) => setImmediate(() => done([...stored]))) };
    scheduler = new SyncScheduler(
      registry,
      connections as unknown as ConnectionService,
      {} as SyncService,
      {} as SyncRepository,
      new Clock(),
      { scheduler: true } as AppConfig,
    );
  });

  afterEach(() => scheduler.onApplicationShutdown());

  it('creates a job for each enabled connection only', async () => {
    await scheduler.refresh();
    expect([...registry.getCronJobs().keys()]).toEqual(['sync:sales-crm']);
  });

  it('creates one job when two refreshes overlap (the minute re-read and an edit through the API)', async () => {
    await Promise.all([scheduler.refresh(), scheduler.refresh()]);
    expect([...registry.getCronJobs().keys()]).toEqual(['sync:sales-crm']);
  });

  it('rebuilds the job of a connection whose schedule changed and drops a removed one', async () => {
    await scheduler.refresh();
    const before = registry.getCronJob('sync:sales-crm');
    stored = [connection('sales-crm', '0 30 6 * * *'), connection('support-crm', '0 0 * * * *')];
    await scheduler.refresh();
    expect([...registry.getCronJobs().keys()].sort()).toEqual(['sync:sales-crm', 'sync:support-crm']);
    expect(registry.getCronJob('sync:sales-crm')).not.toBe(before);
    expect(registry.getCronJob('sync:sales-crm').cronTime.source).toBe('0 30 6 * * *');
    stored = [];
    await scheduler.refresh();
    expect(registry.getCronJobs().size).toBe(0);
  });
});
