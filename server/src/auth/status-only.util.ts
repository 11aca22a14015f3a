import type { Connection, OverviewResponse, PlanHistoryResponse, PlanVersionView } from '@uptake/shared';

/**
 * What an answer shows to someone who is not an admin: the state, not the details an admin needs
 * to fix it. A sync error holds the CRM's URLs, snippets of its answers or CSV cell values; a plan
 * version, the email of the admin who stored it and the file it came from. Answers may be cached
 * and frozen: these return new objects and never change the one given.
 */
export type StatusOnlyFilter = 'overview' | 'plan';

export function statusOnly(filter: StatusOnlyFilter, body: unknown): unknown {
  switch (filter) {
    case 'overview':
      return overviewStatusOnly(body as OverviewResponse);
    case 'plan':
      return planStatusOnly(body as PlanHistoryResponse);
  }
}

/** Each connection's last run keeps its status, times and counts; its error message is left out. */
export function overviewStatusOnly(overview: OverviewResponse): OverviewResponse {
  return { ...overview, connections: overview.connections.map(connectionStatusOnly) };
}

function connectionStatusOnly(connection: Connection): Connection {
  if (!connection.lastRun || connection.lastRun.error === null) return connection;
  return { ...connection, lastRun: { ...connection.lastRun, error: null } };
}

/** Every version keeps its plan and its changes; who stored it and where it came from are left out. */
export function planStatusOnly(plans: PlanHistoryResponse): PlanHistoryResponse {
  return { current: plans.current && versionStatusOnly(plans.current), history: plans.history.map(versionStatusOnly) };
}

function versionStatusOnly(version: PlanVersionView): PlanVersionView {
  return { ...version, createdBy: null, source: null };
}
