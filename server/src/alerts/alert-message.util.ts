import { ALERT_RULE_DESCRIPTIONS, type WebhookFormat } from '@uptake/shared';
import type { StoredAlert } from './alert.repository';
import { DELIVERY_HEADER, SIGNATURE_HEADER, signWebhookBody, TIMESTAMP_HEADER } from './webhook-signature.util';

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function scopeLine(alert: StoredAlert): string {
  const rule = ALERT_RULE_DESCRIPTIONS[alert.rule].label;
  return `${rule} · ${alert.department === '*' ? 'installation' : alert.department}${alert.subject ? ` · ${alert.subject}` : ''} · since ${alert.startedOn}`;
}

/** The email of an alert: plain text and HTML with the same content, a link to the Alerts page and the unsubscribe link. */
export function alertEmail(alert: StoredAlert, links: { alertsUrl: string; unsubscribeUrl: string }): EmailMessage {
  const text = [
    alert.title,
    '',
    alert.detail,
    '',
    scopeLine(alert),
    '',
    `Open the Alerts page: ${links.alertsUrl}`,
    '',
    `You receive this because of your alert subscription in Uptake. Unsubscribe: ${links.unsubscribeUrl}`,
  ].join('\n');
  const html = `<!doctype html><html><body style="font-family:sans-serif">
<h2 style="margin:0 0 8px">${escapeHtml(alert.title)}</h2>
<p>${escapeHtml(alert.detail)}</p>
<p style="color:#555">${escapeHtml(scopeLine(alert))}</p>
<p><a href="${escapeHtml(links.alertsUrl)}">Open the Alerts page</a></p>
<p style="color:#777;font-size:12px">You receive this because of your alert subscription in Uptake. <a href="${escapeHtml(links.unsubscribeUrl)}">Unsubscribe</a></p>
</body></html>`;
  return { subject: `[Uptake] ${alert.title}`, text, html };
}

export interface WebhookRequest {
  body: string;
  headers: Record<string, string>;
}

/** The body of an alert in a webhook's format, with the delivery id and, for a signed JSON webhook, its timestamp and signature. */
export function webhookRequest(
  alert: StoredAlert,
  options: { format: WebhookFormat; deliveryId: number; alertsUrl: string; secret: string | null; nowSeconds: number },
): WebhookRequest {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', [DELIVERY_HEADER]: String(options.deliveryId) };
  let payload: unknown;
  if (options.format === 'slack') {
    const text = `*${alert.title}*\n${alert.detail}\n_${scopeLine(alert)}_ · <${options.alertsUrl}|Open in Uptake>`;
    payload = { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  } else if (options.format === 'teams') {
    payload = {
      type: 'message',
      attachments: [
        {
          contentType: 'application/vnd.microsoft.card.adaptive',
          contentUrl: null,
          content: {
            $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
            type: 'AdaptiveCard',
            version: '1.4',
            body: [
              { type: 'TextBlock', text: alert.title, weight: 'Bolder', size: 'Medium', wrap: true },
              { type: 'TextBlock', text: alert.detail, wrap: true },
              { type: 'TextBlock', text: scopeLine(alert), isSubtle: true, wrap: true },
            ],
            actions: [{ type: 'Action.OpenUrl', title: 'Open in Uptake', url: options.alertsUrl }],
          },
        },
      ],
    };
  } else {
    payload = {
      type: 'alert.opened',
      delivery: options.deliveryId,
      alert: {
        id: alert.id,
        rule: alert.rule,
        department: alert.department,
        metric: alert.metric,
        subject: alert.subject,
        title: alert.title,
        detail: alert.detail,
        startedOn: alert.startedOn,
        openedAt: new Date(alert.openedAt).toISOString(),
        url: options.alertsUrl,
      },
    };
  }
  const body = JSON.stringify(payload);
  if (options.format === 'json' && options.secret !== null) {
    headers[TIMESTAMP_HEADER] = String(options.nowSeconds);
    headers[SIGNATURE_HEADER] = signWebhookBody(options.secret, options.nowSeconds, body);
  }
  return { body, headers };
}
