import { createGuardedFetch } from '../connectors/http/guarded-fetch';
import type { FetchFn } from '../connectors/http/http.transport';
import type { WebhookRequest } from './alert-message.util';

const TIMEOUT_MS = 15_000;

/**
 * Posts a webhook through the connectors' outbound policy (connectors/http/guarded-fetch.ts): no
 * redirects followed, private, loopback and link-local hosts refused unless
 * UPTAKE_ALLOW_PRIVATE_CRM_HOSTS is true. Any answer but 2xx is a failed attempt.
 */
export class WebhookChannel {
  constructor(private readonly fetch: FetchFn = createGuardedFetch()) {}

  async send(url: string, request: WebhookRequest): Promise<void> {
    const response = await this.fetch(url, {
      method: 'POST',
      headers: request.headers,
      body: request.body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const answer = await response.text().catch(() => '');
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`the webhook answered HTTP ${response.status}${answer ? `: ${answer.slice(0, 200)}` : ''}`);
    }
  }
}
