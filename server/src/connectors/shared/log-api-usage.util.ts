import type { SyncContext } from '../connector.port';
import { formatApiUsage, type ApiUsage } from '../http/api-usage';

/** Writes the API usage the CRM reported to the run log, prefixed with the CRM's name; nothing when none was reported. */
export function logApiUsage(ctx: Pick<SyncContext, 'log'>, crmName: string, usage: ApiUsage | null): void {
  if (usage) ctx.log(`${crmName}: ${formatApiUsage(usage)}`);
}
