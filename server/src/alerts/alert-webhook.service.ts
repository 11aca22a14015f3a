import { Injectable } from '@nestjs/common';
import { formatIssuePath, WebhookCreateRequestSchema, type WebhookCreateRequest, type WebhookView } from '@uptake/shared';
import { DepartmentDirectory } from '../auth/department-directory.provider';
import { assertAssignableDepartments } from '../auth/department-directory';
import { Clock } from '../common/clock';
import { UptakeError } from '../common/error-codes';
import { ALLOW_PRIVATE_CRM_HOSTS_ENV, privateCrmHostsAllowed, privateHostOf } from '../connectors/http/outbound-policy';
import { SecretBox } from '../secrets/secret-box.service';
import { AlertOutboxRepository } from './alert-outbox.repository';
import { WEBHOOK_SECRET_CONTEXT, WEBHOOK_URL_CONTEXT } from './alert-tokens.util';
import { AlertWebhookRepository, type StoredWebhook } from './alert-webhook.repository';

/** Scheme, host and at most 12 characters of the path: enough to tell webhooks apart, not enough to post to one. */
export function urlHint(url: URL): string {
  const path = url.pathname.length > 13 ? `${url.pathname.slice(0, 13)}…` : url.pathname;
  return `${url.protocol}//${url.host}${path}`;
}

/**
 * A webhook URL: https, or http to a loopback host; a private, loopback or link-local host only
 * when UPTAKE_ALLOW_PRIVATE_CRM_HOSTS allows it (the connectors' outbound policy, which also
 * checks the address a name resolves to when sending).
 */
export function checkWebhookUrl(text: string): URL {
  if (!URL.canParse(text)) throw new UptakeError('WEBHOOK_INVALID', 'url: not a URL (expected https://...)');
  const url = new URL(text);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new UptakeError('WEBHOOK_INVALID', 'url: expected an https URL (plain http only to a loopback host)');
  }
  if (url.username || url.password) throw new UptakeError('WEBHOOK_INVALID', 'url: must not hold a user name or password');
  const host = privateHostOf(url);
  if (host !== null && !privateCrmHostsAllowed()) {
    throw new UptakeError(
      'WEBHOOK_INVALID',
      `url: ${host} is a private, loopback or link-local host; set ${ALLOW_PRIVATE_CRM_HOSTS_ENV}=true to allow hosts on the internal network`,
    );
  }
  return url;
}

export function toWebhookView(webhook: StoredWebhook): WebhookView {
  return {
    id: webhook.id,
    name: webhook.name,
    urlHint: webhook.urlHint,
    format: webhook.format,
    signed: webhook.secretSealed !== null,
    departments: webhook.departments,
    createdAt: new Date(webhook.createdAt).toISOString(),
    createdBy: webhook.createdBy,
  };
}

/** Webhooks (admins): Slack, Microsoft Teams, or JSON signed with HMAC-SHA256; URL and secret sealed at rest. */
@Injectable()
export class AlertWebhookService {
  constructor(
    private readonly webhooks: AlertWebhookRepository,
    private readonly outbox: AlertOutboxRepository,
    private readonly directory: DepartmentDirectory,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<WebhookView[]> {
    return (await this.webhooks.list()).map(toWebhookView);
  }

  async add(input: WebhookCreateRequest, createdBy: string): Promise<WebhookView> {
    const parsed = WebhookCreateRequestSchema.safeParse(input);
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${formatIssuePath(issue.path) || 'webhook'}: ${issue.message}`);
      throw new UptakeError('WEBHOOK_INVALID', problems.join('; '));
    }
    const request = parsed.data;
    const url = checkWebhookUrl(request.url);
    if (request.secret !== undefined && request.format !== 'json') {
      throw new UptakeError('WEBHOOK_INVALID', `secret: only json webhooks are signed (Slack and Teams URLs carry their own token)`);
    }
    const departments = [...new Set(request.departments)];
    await this.checkDepartments(departments);
    if (await this.webhooks.findByName(request.name)) {
      throw new UptakeError('WEBHOOK_EXISTS', `a webhook named "${request.name}" exists; remove it first or pick another name`);
    }
    const stored = await this.webhooks.create({
      name: request.name,
      urlSealed: this.box.seal(url.toString(), WEBHOOK_URL_CONTEXT),
      urlHint: urlHint(url),
      format: request.format,
      secretSealed: request.secret === undefined ? null : this.box.seal(request.secret, WEBHOOK_SECRET_CONTEXT),
      departments,
      createdAt: this.clock.now(),
      createdBy,
    });
    return toWebhookView(stored);
  }

  async get(name: string): Promise<StoredWebhook> {
    const webhook = await this.webhooks.findByName(name);
    if (!webhook) throw new UptakeError('WEBHOOK_NOT_FOUND', `no webhook named "${name}"`);
    return webhook;
  }

  /** Removes it; its pending deliveries are cancelled (sent ones stay in the history). */
  async remove(id: number): Promise<void> {
    const webhook = await this.webhooks.find(id);
    if (!webhook) throw new UptakeError('WEBHOOK_NOT_FOUND', `no webhook with id ${id}`);
    await this.outbox.cancelForWebhook(id);
    await this.webhooks.remove(id);
  }

  private async checkDepartments(departments: readonly string[]): Promise<void> {
    if (departments.length > 0) assertAssignableDepartments(departments, await this.directory.assignable());
  }
}
