import type { Connection, DepartmentMetrics, MetricValues, OverviewResponse, SyncRun } from '@uptake/shared';

export const NO_VALUES: MetricValues = {
  active_users: null,
  monthly_active_users: null,
  logins_per_user: null,
  record_completeness: null,
  stale_opportunities: null,
  training_completion: null,
};

export function syncRun(overrides: Partial<SyncRun> = {}): SyncRun {
  return {
    id: 7,
    connectionId: 1,
    connectionName: 'demo',
    trigger: 'schedule',
    status: 'succeeded',
    startedAt: '2026-03-01T06:00:00.000Z',
    finishedAt: '2026-03-01T06:00:04.000Z',
    counts: { users: 120, logins: 5400 },
    error: null,
    ...overrides,
  };
}

export function connection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: 1,
    name: 'demo',
    kind: 'demo',
    schedule: '0 * * * *',
    enabled: true,
    createdAt: '2026-01-15T08:00:00.000Z',
    lastRun: syncRun(),
    nextRunAt: '2026-03-01T07:00:00.000Z',
    ...overrides,
  };
}

export const salesEmea: DepartmentMetrics = {
  department: 'Sales EMEA',
  seatHolders: 40,
  metrics: {
    active_users: 0.55,
    monthly_active_users: 0.8,
    logins_per_user: 2.25,
    record_completeness: 0.5,
    stale_opportunities: 0.3,
    training_completion: 0.625,
  },
  expected: { active_users: 0.8, stale_opportunities: 0.2 },
  // 0.55 / 0.8 = 0.6875 (red); (1 - 0.3) / (1 - 0.2) = 0.875 (amber)
  attainment: { active_users: 0.6875, stale_opportunities: 0.875 },
  health: 78.125,
  status: 'amber',
};

export const support: DepartmentMetrics = {
  department: 'Support',
  seatHolders: 0,
  metrics: NO_VALUES,
  expected: { active_users: 0.8 },
  attainment: {},
  health: null,
  status: null,
};

export function overview(overrides: Partial<OverviewResponse> = {}): OverviewResponse {
  return {
    asOf: '2026-03-01',
    launchDate: '2026-01-15',
    timezone: 'UTC',
    organisation: {
      seatHolders: 120,
      metrics: {
        active_users: 0.7125,
        monthly_active_users: 0.9,
        logins_per_user: 3.25,
        record_completeness: 0.64,
        stale_opportunities: 0.22,
        training_completion: null,
      },
      expected: { active_users: 0.75, stale_opportunities: 0.2 },
      // 0.7125 / 0.75 = 0.95 (green); (1 - 0.22) / (1 - 0.2) = 0.975 (green)
      attainment: { active_users: 0.95, stale_opportunities: 0.975 },
      health: 96.25,
      status: 'green',
    },
    weekEarlier: {
      active_users: 0.6875,
      monthly_active_users: 0.9,
      logins_per_user: 3.6,
      record_completeness: 0.6,
      stale_opportunities: 0.25,
      training_completion: null,
    },
    departments: [salesEmea, support],
    connections: [connection()],
    ...overrides,
  };
}
