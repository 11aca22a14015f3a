import type { AlertsResponse } from '@uptake/shared';
import { Link } from 'react-router';

/** What each rule checks with its current setting, and how alerts are delivered. */
export function AlertRulesExplainer({ data, isAdmin }: { data: AlertsResponse; isAdmin: boolean }) {
  return (
    <div className="stack">
      <ul className="plain-list">
        {data.rules.map((rule) => (
          <li key={rule.key}>
            <strong>{rule.label}</strong> {rule.enabled ? '' : <span className="muted">(off)</span>} — {rule.description}
          </li>
        ))}
      </ul>
      <p className="muted">
        An alert opens when its condition first holds and closes when it clears; while it stays open it is never sent again. Rules are
        evaluated on a schedule after the daily snapshots. Messages go through an outbox: when the mail server or a webhook is down they
        wait and are retried, with longer pauses each time.
        {isAdmin ? (
          <>
            {' '}
            Change the rules on the <Link to="/goals">Goals</Link> page (or the <code>alerts:</code> section of the plan file).
          </>
        ) : null}
      </p>
      {data.emailConfigured ? null : (
        <p className="muted" role="note">
          Email is not set up on this server (UPTAKE_SMTP_URL), so alerts are only shown here and posted to webhooks.
        </p>
      )}
    </div>
  );
}
