import { Injectable } from '@nestjs/common';
import type { WebhookFormat } from '@uptake/shared';
import { Database, toNumber } from '../database/database.service';

export interface StoredWebhook {
  id: number;
  name: string;
  /** Sealed with the secret key (a Slack or Teams URL is itself a credential). */
  urlSealed: string;
  urlHint: string;
  format: WebhookFormat;
  secretSealed: string | null;
  departments: string[];
  createdAt: number;
  createdBy: string;
}

interface WebhookRow {
  id: number | string;
  name: string;
  url_sealed: string;
  url_hint: string;
  format: string;
  secret_sealed: string | null;
  departments: string;
  created_at: number | string;
  created_by: string;
}

function toWebhook(row: WebhookRow): StoredWebhook {
  return {
    id: toNumber(row.id),
    name: row.name,
    urlSealed: row.url_sealed,
    urlHint: row.url_hint,
    format: row.format as WebhookFormat,
    secretSealed: row.secret_sealed,
    departments: JSON.parse(row.departments) as string[],
    createdAt: toNumber(row.created_at),
    createdBy: row.created_by,
  };
}

@Injectable()
export class AlertWebhookRepository {
  constructor(private readonly db: Database) {}

  async list(): Promise<StoredWebhook[]> {
    return (await this.db.query<WebhookRow>('SELECT * FROM alert_webhooks ORDER BY name')).map(toWebhook);
  }

  async find(id: number): Promise<StoredWebhook | null> {
    const rows = await this.db.query<WebhookRow>('SELECT * FROM alert_webhooks WHERE id = :id', { id });
    return rows.length ? toWebhook(rows[0]) : null;
  }

  async findByName(name: string): Promise<StoredWebhook | null> {
    const rows = await this.db.query<WebhookRow>('SELECT * FROM alert_webhooks WHERE name = :name', { name });
    return rows.length ? toWebhook(rows[0]) : null;
  }

  async create(webhook: Omit<StoredWebhook, 'id'>): Promise<StoredWebhook> {
    await this.db.query(
      `INSERT INTO alert_webhooks (name, url_sealed, url_hint, format, secret_sealed, departments, created_at, created_by)
       VALUES (:name, :urlSealed, :urlHint, :format, :secretSealed, :departments, :createdAt, :createdBy)`,
      { ...webhook, departments: JSON.stringify(webhook.departments) },
    );
    const created = await this.findByName(webhook.name);
    if (!created) throw new Error(`webhook ${webhook.name} was not stored`);
    return created;
  }

  async remove(id: number): Promise<void> {
    await this.db.query('DELETE FROM alert_webhooks WHERE id = :id', { id });
  }
}
