/**
 * The server's test kit: what the cross-package tests (`test/`) use of the server, in one place.
 * `test/` imports the server only through this file (a lint rule refuses `test/**` -> `server/src/**`),
 * so the server may move its internals without touching those tests. Tests beside the code
 * (the `*.spec.ts` files under server/src) import what they test directly.
 */

// The application and its configuration
export { createHttpApp } from '../src/http-app.factory';
export { type AppConfig, loadConfig } from '../src/config/app.config';
export type { AuthOverrides } from '../src/auth/auth.config';
export { type Clock, FixedClock } from '../src/common/clock';
export { UptakeError } from '../src/common/error-codes';
export { ErrorFilter } from '../src/common/http/error.filter';

// Databases for tests, on SQLite and (with UPTAKE_TEST_PG) PostgreSQL, and CRM data fixtures
export { freshDatabase, type FreshDatabase, openTestDatabase, type TestDatabase, type TestEngine, testEngines } from './test-database';
export { at, MetricsFixture } from './metrics-fixture';
export { Database, toBoolean } from '../src/database/database.service';
export { CacheService, SHARED_COUNTERS_FRESH_MS } from '../src/cache/cache.service';

// Services and repositories that tests drive directly
export { AccountService } from '../src/auth/account.service';
export { ApiTokenService } from '../src/auth/api-token.service';
export { FirstAdminBootstrap } from '../src/auth/first-admin.bootstrap';
export { type ExpressLike, registeredRouteKeys, unclassifiedRoutes } from '../src/auth/route-inventory.util';
export { ROUTE_POLICIES, type RoutePolicy } from '../src/auth/route-policy';
export { ConnectionRepository } from '../src/connections/connection.repository';
export { ConnectionService } from '../src/connections/connection.service';
export {
  ConnectorError,
  type Activity,
  type CrmUser,
  type Opportunity,
  type Page,
  type SyncContext,
  type TrainingAssignment,
} from '../src/connectors/connector.port';
export { FamilyPermissionError } from '../src/connectors/optional-family.error';
export { createDataverseConnector, DataverseConnector } from '../src/connectors/dataverse/dataverse.connector';
export type { HttpTransport } from '../src/connectors/http/http.transport';
export { createHubSpotConnector, HubSpotConnector, type HubSpotConnectorDeps } from '../src/connectors/hubspot/hubspot.connector';
export { createSalesforceConnector, SalesforceConnector } from '../src/connectors/salesforce/salesforce.connector';
export { ImportService } from '../src/import/import.service';
export { MetricsRepository } from '../src/metrics/metrics.repository';
export { MetricsService } from '../src/metrics/metrics.service';
export { SnapshotService } from '../src/metrics/snapshot.service';
export { SnapshotRepository, type SnapshotRow } from '../src/metrics/snapshot.repository';
export { RestatementService } from '../src/metrics/restatement.service';
export { markDirtyDays } from '../src/metrics/dirty-days';
export { eachDay } from '../src/common/time.util';
export { createMoodleConnector, MoodleConnector } from '../src/connectors/moodle/moodle.connector';
export { unsubscribeToken } from '../src/alerts/alert-tokens.util';
export { PlanInForce } from '../src/plan/plan-in-force.service';
export { parseLaunchPlan, PlanInputError } from '../src/plan/plan.parser';
export { PlanRepository } from '../src/plan/plan.repository';
export { PlanService } from '../src/plan/plan.service';
export { ConnectionOptionsSealer } from '../src/secrets/connection-options.sealer';
export { SecretBox } from '../src/secrets/secret-box.service';
export { IngestRepository } from '../src/sync/ingest.repository';
export { SyncRepository } from '../src/sync/sync.repository';
export { SyncScheduler } from '../src/sync/sync.scheduler';
export { SyncService } from '../src/sync/sync.service';
