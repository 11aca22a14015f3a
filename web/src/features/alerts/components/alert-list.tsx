import { ALERT_RULE_DESCRIPTIONS, type AlertDelivery, type AlertView } from '@uptake/shared';
import { TableScroll } from '@/components/ui/table-scroll';

const STATUS_WORDS: Record<AlertDelivery['status'], string> = {
  pending: 'Waiting',
  sent: 'Sent',
  failed: 'Gave up',
  cancelled: 'Cancelled',
};

function when(iso: string): string {
  return iso.replace('T', ' ').replace(/:\d{2}\.\d{3}Z$/, ' UTC');
}

/** One delivery in words: sent when, or how many attempts and when the next is. */
export function deliveryText(delivery: AlertDelivery): string {
  const to = `${delivery.channel === 'email' ? 'Email to' : 'Webhook'} ${delivery.recipient}`;
  if (delivery.status === 'sent') return `${to}: sent ${delivery.sentAt ? when(delivery.sentAt) : ''}`.trim();
  if (delivery.status === 'pending') {
    if (delivery.attempts === 0) return `${to}: waiting to be sent`;
    return `${to}: ${delivery.attempts} failed ${delivery.attempts === 1 ? 'attempt' : 'attempts'}${delivery.lastError ? ` (${delivery.lastError})` : ''}; next try ${delivery.nextAttemptAt ? when(delivery.nextAttemptAt) : 'soon'}`;
  }
  return `${to}: ${STATUS_WORDS[delivery.status].toLowerCase()}${delivery.lastError ? ` (${delivery.lastError})` : ''}`;
}

/** Open and closed alerts, newest first: what, where, since when, and where each message went. */
export function AlertList({ alerts, emptyText }: { alerts: AlertView[]; emptyText: string }) {
  if (alerts.length === 0) return <p className="muted">{emptyText}</p>;
  return (
    <TableScroll label="Alerts">
      <table>
        <thead>
          <tr>
            <th scope="col">Alert</th>
            <th scope="col">Rule</th>
            <th scope="col">Since</th>
            <th scope="col">State</th>
            <th scope="col">Delivery</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((alert) => (
            <tr key={alert.id} data-testid={`alert-${alert.id}`}>
              <th scope="row">
                <strong>{alert.title}</strong>
                <br />
                <span className="muted" style={{ fontWeight: 400 }}>
                  {alert.detail}
                </span>
              </th>
              <td>{ALERT_RULE_DESCRIPTIONS[alert.rule].label}</td>
              <td>{alert.startedOn}</td>
              <td>{alert.status === 'open' ? 'Open' : `Closed ${alert.closedAt ? when(alert.closedAt) : ''}`}</td>
              <td>
                {alert.deliveries.length === 0 ? (
                  <span className="muted">No message</span>
                ) : (
                  <ul className="plain-list">
                    {alert.deliveries.map((delivery) => (
                      <li key={delivery.id} data-status={delivery.status}>
                        {deliveryText(delivery)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
