import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as sqlite3 from 'sqlite3';
import { DataSource } from 'typeorm';
import { InitialSchema1764300000000 } from './migrations/1764300000000-initial-schema';
import { AccountsAudit1764400000000 } from './migrations/1764400000000-accounts-audit';
import { SyncTicksAndChangeCounters1764500000000 } from './migrations/1764500000000-sync-ticks-and-change-counters';
import { MoreChangeCounters1764600000000 } from './migrations/1764600000000-more-change-counters';
import { ConnectionPriorityAndRemoval1764700000000 } from './migrations/1764700000000-connection-priority-and-removal';
import { LoginThrottleAndSessionIdle1765100000000 } from './migrations/1765100000000-login-throttle-and-session-idle';
import { CrmVersions1765200000000 } from './migrations/1765200000000-crm-versions';
import { PlanEffectiveFrom1765210000000 } from './migrations/1765210000000-plan-effective-from';
import { LateDataRestatements1765220000000 } from './migrations/1765220000000-late-data-restatements';
import { PlanChangeCounter1765230000000 } from './migrations/1765230000000-plan-change-counter';
import { Activities1765240000000 } from './migrations/1765240000000-activities';
import { Alerts1765250000000 } from './migrations/1765250000000-alerts';
import { TrainingByEmail1765260000000 } from './migrations/1765260000000-training-by-email';
import { Interventions1765270000000 } from './migrations/1765270000000-interventions';
import type { DatabaseLocation } from './database-url.util';

export const MIGRATIONS = [
  InitialSchema1764300000000,
  AccountsAudit1764400000000,
  SyncTicksAndChangeCounters1764500000000,
  MoreChangeCounters1764600000000,
  ConnectionPriorityAndRemoval1764700000000,
  LoginThrottleAndSessionIdle1765100000000,
  CrmVersions1765200000000,
  PlanEffectiveFrom1765210000000,
  LateDataRestatements1765220000000,
  PlanChangeCounter1765230000000,
  Activities1765240000000,
  Alerts1765250000000,
  TrainingByEmail1765260000000,
  Interventions1765270000000,
];

/**
 * The sqlite3 module as TypeORM gets it, minus verbose mode: TypeORM calls `verbose()`, which
 * wraps every call in `new Error()` and `util.inspect` of the SQL and its parameters (long stack
 * traces), a cost on every query of every request. Errors keep their message and SQL.
 */
const SQLITE_DRIVER: object = { ...sqlite3, verbose: () => SQLITE_DRIVER };

/** A TypeORM data source for the location; SQLite gets WAL, foreign keys and a busy timeout. */
export function createDataSource(location: DatabaseLocation): DataSource {
  if (location.engine === 'postgres') {
    return new DataSource({
      type: 'postgres',
      url: location.target,
      migrations: MIGRATIONS,
      migrationsTableName: 'uptake_migrations',
      extra: { max: 10 },
    });
  }
  if (location.target !== ':memory:') mkdirSync(dirname(location.target), { recursive: true });
  return new DataSource({
    type: 'sqlite',
    driver: SQLITE_DRIVER,
    database: location.target,
    migrations: MIGRATIONS,
    migrationsTableName: 'uptake_migrations',
    enableWAL: location.target !== ':memory:',
    busyTimeout: 10_000,
  });
}
