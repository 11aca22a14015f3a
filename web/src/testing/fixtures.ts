import type {
  Connection,
  DepartmentMetrics,
  LaunchPlan,
  MetricSeriesResponse,
  MetricValues,
  OverviewResponse,
  PeopleResponse,
  PersonRow,
  PresenceOverviewResponse,
  DepartmentPresenceResponse,
  PlanHistoryResponse,
  PlanVersionView,
  Role,
  RoiResponse,
  SessionResponse,
  SyncRun,
  TrainingResponse,
} from '@uptake/shared';

export const NO_VALUES: MetricValues = {
  active_users: null,
  monthly_active_users: null,
  logins_per_user: null,
  record_completeness: null,
  stale_opportunities: null,
  training_completion: null,
  active_contributors: null,
  activities_per_user: null,
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
    priority: 10,
    createdAt: '2026-01-15T08:00:00.000Z',
    removedAt: null,
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
    active_contributors: 0.45,
    activities_per_user: 1.5,
  },
  expected: { active_users: 0.8, stale_opportunities: 0.2 },
  // 0.55 / 0.8 = 0.6875 (red); (1 - 0.3) / (1 - 0.2) = 0.875 (amber)
  attainment: { active_users: 0.6875, stale_opportunities: 0.875 },
  health: 78.125,
  status: 'amber',
  provenance: 'observed',
};

export const support: DepartmentMetrics = {
  department: 'Support',
  seatHolders: 0,
  metrics: NO_VALUES,
  expected: { active_users: 0.8 },
  attainment: {},
  health: null,
  status: null,
  provenance: 'observed',
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
        active_contributors: 0.6,
        activities_per_user: 2.1,
      },
      expected: { active_users: 0.75, stale_opportunities: 0.2 },
      // 0.7125 / 0.75 = 0.95 (green); (1 - 0.22) / (1 - 0.2) = 0.975 (green)
      attainment: { active_users: 0.95, stale_opportunities: 0.975 },
      health: 96.25,
      status: 'green',
      provenance: 'observed',
    },
    weekEarlier: {
      active_users: 0.6875,
      monthly_active_users: 0.9,
      logins_per_user: 3.6,
      record_completeness: 0.6,
      stale_opportunities: 0.25,
      training_completion: null,
      active_contributors: 0.55,
      activities_per_user: 1.9,
    },
    departments: [salesEmea, support],
    connections: [connection()],
    dataCoverage: { loginsFrom: '2026-01-10', loginsTo: '2026-03-01', dataEndsOn: '2026-03-01' },
    ...overrides,
  };
}

export function launchPlan(): LaunchPlan {
  return {
    launch_date: '2026-01-15',
    timezone: 'UTC',
    currency: 'EUR',
    departments: [
      { name: 'Sales EMEA', seats: 40, licence_cost_per_seat_month: 75 },
      { name: 'Support', seats: 10, licence_cost_per_seat_month: 50 },
    ],
    required_fields: { opportunity: ['amount', 'close_date'] },
    weights: { active_users: 2 },
    privacy: { min_group_size: 5 },
    goals: [
      { department: '*', metric: 'active_users', target: 0.85, by: '2026-04-15' },
      { department: 'Sales EMEA', metric: 'stale_opportunities', target: 0.15, by: '2026-06-30', baseline: 0.4 },
    ],
    alerts: {
      behind_ramp: { enabled: true, days: 7 },
      week_drop: { enabled: true, points: 10 },
      sync_stale: { enabled: true, periods: 2 },
      shelfware: { enabled: true, share: 0.3 },
    },
  };
}

export function planHistory(): PlanHistoryResponse {
  const v2: PlanVersionView = {
    version: 2,
    createdAt: '2026-02-01T10:00:00.000Z',
    createdBy: 'Ana Owner',
    source: 'dashboard: stricter stale goal',
    effectiveFrom: '2026-02-01',
    plan: launchPlan(),
    changes: ['goal Sales EMEA / stale_opportunities: target 0.2 → 0.15'],
  };
  const v1Plan = launchPlan();
  v1Plan.goals[1] = { ...v1Plan.goals[1], target: 0.2 };
  const v1: PlanVersionView = {
    ...v2,
    version: 1,
    createdAt: '2026-01-15T08:00:00.000Z',
    createdBy: 'uptake (demo)',
    source: 'built-in demo plan',
    effectiveFrom: '2026-01-15',
    plan: v1Plan,
    changes: [],
  };
  return { current: v2, history: [v2, v1] };
}

export function person(overrides: Partial<PersonRow> = {}): PersonRow {
  return {
    connectionId: 1,
    externalId: 'u1',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    managerExternalId: 'm1',
    managerName: 'Grace Hopper',
    lastLoginAt: '2026-02-27T09:30:00.000Z',
    logins7: 4,
    logins30: 15,
    recordCompleteness: 0.75,
    trackedRecords: 8,
    openOpportunities: 4,
    staleOpportunities: 1,
    requiredCoursesDone: 1,
    requiredCourses: 2,
    trainingComplete: false,
    activities7: 6,
    lastActivityAt: '2026-02-28T15:00:00.000Z',
    presence: 'logs_in_and_works',
    ...overrides,
  };
}

export function people(): PeopleResponse {
  return {
    asOf: '2026-03-01',
    department: 'Sales EMEA',
    seatHolders: 2,
    people: [
      person(),
      person({
        externalId: 'u2',
        name: 'Bob Idle',
        email: null,
        managerExternalId: null,
        managerName: null,
        lastLoginAt: null,
        logins7: 0,
        logins30: 0,
        recordCompleteness: null,
        trackedRecords: 0,
        openOpportunities: 0,
        staleOpportunities: 0,
        requiredCoursesDone: 2,
        trainingComplete: true,
        activities7: 0,
        lastActivityAt: null,
        presence: 'neither',
      }),
    ],
    byManager: [
      {
        managerExternalId: 'm1',
        managerName: 'Grace Hopper',
        seatHolders: 1,
        people: ['u1'],
        metrics: { ...NO_VALUES, active_users: 1, logins_per_user: 4 },
      },
      {
        managerExternalId: null,
        managerName: 'No manager',
        seatHolders: 1,
        people: ['u2'],
        metrics: { ...NO_VALUES, active_users: 0, logins_per_user: 0 },
      },
    ],
  };
}

export function series(): MetricSeriesResponse {
  // 2026-01-15 ends before Uptake first read the CRM data: reconstructed
  const point = (day: string, active: number, expected: number) => ({
    day,
    seatHolders: 40,
    metrics: { ...NO_VALUES, active_users: active },
    expected: { active_users: expected },
    provenance: day < '2026-02-01' ? ('reconstructed' as const) : ('observed' as const),
  });
  return {
    department: 'Sales EMEA',
    from: '2026-01-15',
    to: '2026-03-01',
    points: [point('2026-01-15', 0.1, 0.1), point('2026-02-15', 0.4, 0.45), point('2026-03-01', 0.55, 0.8)],
  };
}

const figure = (value: number | null, how: string) => ({ value, how });

export function roi(): RoiResponse {
  const pipeline = {
    openAmount: 100000,
    openCount: 10,
    freshAmount: 75000,
    freshCount: 7,
    staleAmount: 25000,
    staleCount: 3,
    how: 'Open opportunities split by the stale rule.',
  };
  const scope = {
    seats: figure(50, 'Seats in the plan.'),
    licenceCostPerSeatMonth: figure(70, 'Spend / seats.'),
    monthlySpend: figure(3500, 'Seats × cost per seat.'),
    seatHolders: figure(40, 'Seat holders on the day.'),
    monthlyActiveUsers: figure(32, 'Seat holders with a counted login in 30 days.'),
    shelfwareSeats: figure(18, 'Seats − monthly active users.'),
    shelfwareCostPerMonth: figure(1260, 'Shelfware seats × cost per seat.'),
    costPerMonthlyActiveUser: figure(109.375, 'Monthly spend / monthly active users.'),
    pipeline,
  };
  return {
    asOf: '2026-03-01',
    currency: 'EUR',
    launchDate: '2026-01-15',
    organisation: scope,
    departments: [{ ...scope, department: 'Sales EMEA', inPlan: true }],
    spendByMonth: {
      months: [
        { month: '2026-01', spend: 3500 },
        { month: '2026-02', spend: 3500 },
        { month: '2026-03', spend: 3500 },
      ],
      how: 'Seats × cost per seat, per month.',
    },
    adoption: {
      metric: 'active_users',
      points: [
        { day: '2026-02-28', actual: 0.5, expected: 0.6, provenance: 'reconstructed' },
        { day: '2026-03-01', actual: 0.55, expected: 0.62, provenance: 'observed' },
      ],
      how: 'Organisation active users per day.',
    },
    dataCoverage: { loginsFrom: '2026-01-10', loginsTo: '2026-03-01', dataEndsOn: '2026-03-01' },
  };
}

export function training(): TrainingResponse {
  return {
    asOf: '2026-03-01',
    requiredCourses: 2,
    teams: [
      {
        department: 'Sales EMEA',
        seatHolders: 40,
        health: 78.125,
        status: 'amber',
        largestShortfall: { metric: 'active_users', expected: 0.8, actual: 0.55, gap: 0.25, attainment: 0.6875 },
        gaps: [
          { metric: 'active_users', expected: 0.8, actual: 0.55, gap: 0.25, attainment: 0.6875 },
          { metric: 'stale_opportunities', expected: 0.2, actual: 0.3, gap: 0.1, attainment: 0.875 },
        ],
      },
    ],
    peopleToTrain: [
      {
        connectionId: 1,
        externalId: 'u2',
        name: 'Bob Idle',
        email: 'bob@example.com',
        department: 'Sales EMEA',
        managerName: 'Grace Hopper',
        lastLoginAt: null,
        reasons: ['no_login_14_days', 'training_incomplete'],
        requiredCoursesDone: 0,
        requiredCourses: 2,
      },
    ],
    lift: [
      {
        department: 'Sales EMEA',
        trained: { seatHolders: 25, active7: 20, activeRate: 0.8 },
        untrained: { seatHolders: 15, active7: 3, activeRate: 0.2 },
        activeRateLift: 0.6,
        beforeAfter: { people: 10, weeklyLoginsBefore: 1.25, weeklyLoginsAfter: 3.5 },
      },
    ],
    how: {
      teams: 'Departments by health.',
      peopleToTrain: 'No login in 14 days or training incomplete.',
      lift: 'Trained against untrained.',
    },
  };
}

export function session(role: Role = 'admin', overrides: Partial<SessionResponse> = {}): SessionResponse {
  return {
    account: {
      id: 1,
      email: `${role}@example.test`,
      name: null,
      role,
      departments: role === 'trainer' ? ['Sales EMEA'] : [],
      disabled: false,
      hasPassword: true,
      sso: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      lastLoginAt: null,
    },
    via: 'session',
    csrfToken: 'csrf-token',
    peopleAccess: role === 'admin' ? 'all' : role === 'trainer' ? 'departments' : 'none',
    expiresAt: null,
    ...overrides,
  };
}

/** Sales EMEA: 40 seat holders, 22 log in (55%), 18 work (45%); Support has none. */
export function presenceOverview(): PresenceOverviewResponse {
  return {
    asOf: '2026-03-01',
    departments: [
      {
        department: 'Sales EMEA',
        seatHolders: 40,
        activeUsers: 0.55,
        activeContributors: 0.45,
        quadrants: { logs_in_and_works: 14, logs_in_only: 8, works_only: 4, neither: 14 },
      },
      {
        department: 'Legal',
        seatHolders: 3,
        activeUsers: null,
        activeContributors: null,
        quadrants: { logs_in_and_works: null, logs_in_only: null, works_only: null, neither: null },
        suppressed: true,
      },
    ],
    organisation: {
      seatHolders: 120,
      activeUsers: 85 / 120,
      activeContributors: 0.6,
      quadrants: { logs_in_and_works: 60, logs_in_only: 25, works_only: 12, neither: 23 },
    },
  };
}

/** Sales EMEA per manager: Grace Hopper's 30 reports and 10 without a manager. */
export function departmentPresence(): DepartmentPresenceResponse {
  return {
    asOf: '2026-03-01',
    department: 'Sales EMEA',
    total: {
      seatHolders: 40,
      activeUsers: 0.55,
      activeContributors: 0.45,
      quadrants: { logs_in_and_works: 14, logs_in_only: 8, works_only: 4, neither: 14 },
    },
    byManager: [
      {
        managerExternalId: 'm1',
        managerName: 'Grace Hopper',
        seatHolders: 30,
        activeUsers: 0.6,
        activeContributors: 0.5,
        quadrants: { logs_in_and_works: 12, logs_in_only: 6, works_only: 3, neither: 9 },
      },
      {
        managerExternalId: null,
        managerName: 'No manager',
        seatHolders: 10,
        activeUsers: null,
        activeContributors: null,
        quadrants: { logs_in_and_works: null, logs_in_only: null, works_only: null, neither: null },
        suppressed: true,
      },
    ],
  };
}
