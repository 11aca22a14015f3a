import type { AuditAction } from '@uptake/shared';
import type { StatusOnlyFilter } from './status-only.util';

/**
 * Who may call each route of the API, in one table. The global AuthGuard applies it to every
 * request and the PrivacyInterceptor filters the answers; the route-by-role matrix test
 * (test/security/route-matrix.e2e.spec.ts) fails for a route that is not listed here. A route
 * missing from the table is answered for admins only.
 *
 * - public: no login needed.
 * - authenticated: any role; aggregates are filtered by `privacy` (small groups hidden).
 * - people: people-level data. admin: all; trainer: only departments assigned (the department is
 *   the path parameter `departmentParam`, or the answer is filtered to them); executive and
 *   viewer: 403.
 * - trainers: admins and trainers (the handler limits a trainer to the departments assigned);
 *   executive and viewer: 403.
 * - admin: admins only.
 */
export type Access = 'public' | 'authenticated' | 'people' | 'trainers' | 'admin';

/** How the PrivacyInterceptor filters an answer. */
export type PrivacyFilter =
  | 'report'
  | 'overview'
  | 'series'
  | 'roi'
  | 'training'
  | 'trainingCsv'
  | 'people'
  | 'forecasts'
  | 'restatements'
  | 'presence'
  | 'departmentPresence';

export interface RoutePolicy {
  access: Access;
  /** access 'people': the path parameter that names the department; a trainer must be assigned to it. */
  departmentParam?: string;
  /** The handler validates its query string with a strict schema; otherwise any query parameter is a 400. */
  query?: true;
  /** The handler validates its body; otherwise a non-empty body is a 400. */
  body?: true;
  privacy?: PrivacyFilter;
  /** Anyone but an admin gets the answer cut to its status (no sync error messages, no plan authors or files). */
  statusOnly?: StatusOnlyFilter;
  /** Written to the audit log for each answer (before it is sent). */
  audit?: AuditAction;
  /** Set this body field to the signed-in account's email: the server says who changed something, not the client. */
  actorField?: string;
  /** An unsafe route not logged as `api.change` (it writes its own, more precise entry, e.g. login). */
  ownAudit?: true;
}

/** Keys are `METHOD /api/path` exactly as Express registers them (HEAD is answered as GET). */
export const ROUTE_POLICIES: Readonly<Record<string, RoutePolicy>> = {
  'GET /api/health': { access: 'public' },

  // Accounts and sessions
  'GET /api/auth/providers': { access: 'public' },
  'POST /api/auth/login': { access: 'public', body: true, ownAudit: true },
  'POST /api/auth/logout': { access: 'authenticated', ownAudit: true },
  'GET /api/auth/me': { access: 'authenticated' },
  'GET /api/auth/session': { access: 'public' },
  'POST /api/auth/password': { access: 'authenticated', body: true, ownAudit: true },
  'GET /api/auth/oidc/login': { access: 'public' },
  'GET /api/auth/oidc/callback': { access: 'public', query: true },
  'GET /api/users': { access: 'admin' },
  'POST /api/users': { access: 'admin', body: true, ownAudit: true },
  'PATCH /api/users/:id': { access: 'admin', body: true, ownAudit: true },
  'GET /api/users/departments': { access: 'admin' },
  'GET /api/audit': { access: 'admin', query: true },

  // Aggregates: every role, small groups hidden from those who may not see their people
  'GET /api/overview': { access: 'authenticated', query: true, privacy: 'overview', statusOnly: 'overview' },
  'GET /api/departments': { access: 'authenticated', query: true, privacy: 'report' },
  'GET /api/departments/:name/series': { access: 'authenticated', query: true, privacy: 'series' },
  'GET /api/roi': { access: 'authenticated', query: true, privacy: 'roi' },
  'GET /api/training': { access: 'authenticated', query: true, privacy: 'training' },
  'GET /api/metrics/catalogue': { access: 'authenticated' },
  'GET /api/restatements': { access: 'authenticated', query: true, privacy: 'restatements' },
  'GET /api/presence': { access: 'authenticated', query: true, privacy: 'presence' },
  'GET /api/departments/:name/presence': { access: 'authenticated', query: true, privacy: 'departmentPresence' },
  'GET /api/plan': { access: 'authenticated', statusOnly: 'plan' },
  'GET /api/forecasts': { access: 'authenticated', query: true, privacy: 'forecasts' },
  'GET /api/interventions': { access: 'authenticated', query: true },

  // People-level data
  'GET /api/departments/:name/people': { access: 'people', departmentParam: 'name', query: true, privacy: 'people', audit: 'people.view' },
  'GET /api/training/people.csv': { access: 'people', query: true, privacy: 'trainingCsv', audit: 'training.people.export' },

  // The interventions log: admins, and trainers for the departments assigned to them
  'POST /api/interventions': { access: 'trainers', body: true },
  'DELETE /api/interventions/:id': { access: 'trainers' },

  // Administration: goals, connections and syncs
  'PUT /api/plan': { access: 'admin', body: true, actorField: 'changedBy' },
  'GET /api/connections': { access: 'admin' },
  'GET /api/connections/person-conflicts': { access: 'admin', audit: 'people.view' },
  'GET /api/connections/person-overrides': { access: 'admin', audit: 'people.view' },
  'POST /api/connections/person-overrides': { access: 'admin', body: true, actorField: 'by' },
  'POST /api/connections': { access: 'admin', body: true },
  'PATCH /api/connections/:id': { access: 'admin', body: true },
  'DELETE /api/connections/:id': { access: 'admin', query: true },
  'POST /api/connections/:id/test': { access: 'admin' },
  'POST /api/connections/:id/sync': { access: 'admin' },
  'GET /api/connections/:id/runs': { access: 'admin', query: true },
  'GET /api/sync-runs/:runId': { access: 'admin' },

  // Alerts: every role sees the alerts it may (cut in AlertsService), and chooses its own emails
  'GET /api/alerts': { access: 'authenticated', query: true },
  'POST /api/alerts/run': { access: 'admin' },
  'GET /api/alerts/subscription': { access: 'authenticated' },
  'PUT /api/alerts/subscription': { access: 'authenticated', body: true },
  'GET /api/alerts/webhooks': { access: 'admin' },
  'POST /api/alerts/webhooks': { access: 'admin', body: true, actorField: 'createdBy' },
  'DELETE /api/alerts/webhooks/:id': { access: 'admin' },
  // The unsubscribe link of an alert email works without signing in: its token is sealed with the secret key
  'GET /api/alerts/unsubscribe': { access: 'public', query: true },
  'POST /api/alerts/unsubscribe': { access: 'public', query: true, body: true },
};

/** What a route not in the table gets: admins only, nothing else checked. */
export const UNCLASSIFIED: RoutePolicy = { access: 'admin', query: true, body: true };

/** The API documentation (Swagger UI and the OpenAPI document), served outside Nest's routing: public, no data. */
export const DOCS_PATH = '/api/docs';

/** `/api/docs` itself or a path under `/api/docs/`; not `/api/docs-x` or `/api/docsx`. */
export function isDocsPath(path: string): boolean {
  return path === DOCS_PATH || path.startsWith(`${DOCS_PATH}/`);
}

export function routeKey(method: string, path: string): string {
  return `${method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase()} ${path}`;
}

export function policyFor(method: string, path: string | undefined): { key: string; policy: RoutePolicy; classified: boolean } {
  const key = routeKey(method, path ?? '');
  const policy = ROUTE_POLICIES[key];
  return policy ? { key, policy, classified: true } : { key, policy: UNCLASSIFIED, classified: false };
}
