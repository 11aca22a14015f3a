import { dayOf } from '../../common/time.util';
import type { AlertCondition, AlertRule } from './alert-rule';

/**
 * An enabled connection has had no successful sync for `periods` periods of its schedule: the
 * time since its last success (or since it was added, when it never succeeded) is more than
 * `periods` times the gap between two ticks of its schedule. Covers a failing sync (runs fail)
 * and a stale one (nothing runs). The error itself is shown to admins on the Connections page.
 */
export const syncStaleRule: AlertRule<'sync_stale'> = {
  key: 'sync_stale',
  lookBackDays: () => 0,
  evaluate(facts, settings) {
    const conditions: AlertCondition[] = [];
    for (const connection of facts.connections) {
      const since = connection.lastSuccessAt ?? connection.createdAt;
      const due = since + settings.periods * connection.periodMs;
      if (facts.now <= due) continue;
      const when = (at: number) => new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
      const minutes = Math.round(connection.periodMs / 60_000);
      const lastRun = connection.lastRun ? ` The last run ${connection.lastRun.status} at ${when(connection.lastRun.at)}.` : ' No run yet.';
      conditions.push({
        rule: 'sync_stale',
        department: '*',
        metric: null,
        subject: connection.name,
        startedOn: dayOf(due, facts.timezone),
        title: `Connection "${connection.name}" has not synced successfully for ${settings.periods} schedule periods`,
        detail:
          `${connection.lastSuccessAt === null ? `No successful sync since it was added at ${when(connection.createdAt)}` : `Last successful sync: ${when(connection.lastSuccessAt)}`}; ` +
          `schedule "${connection.schedule}" (every ${minutes} minutes).${lastRun}`,
      });
    }
    return conditions;
  },
};
