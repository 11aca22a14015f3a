import { Injectable } from '@nestjs/common';
import { Database, toNumber } from '../database/database.service';

export interface StoredSession {
  idHash: string;
  accountId: number;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
}

/** Browser sessions; the session id itself is never stored, only its SHA-256. */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: Database) {}

  async create(session: StoredSession & { ip: string | null; userAgent: string | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, expires_at, ip, user_agent)
       VALUES (:idHash, :accountId, :csrfToken, :createdAt, :expiresAt, :ip, :userAgent)`,
      { ...session },
    );
  }

  async find(idHash: string): Promise<StoredSession | null> {
    const [row] = await this.db.query<{ id_hash: string; account_id: number | string; csrf_token: string; created_at: number | string; expires_at: number | string }>(
      'SELECT id_hash, account_id, csrf_token, created_at, expires_at FROM sessions WHERE id_hash = :idHash',
      { idHash },
    );
    if (!row) return null;
    return { idHash: row.id_hash, accountId: toNumber(row.account_id), csrfToken: row.csrf_token, createdAt: toNumber(row.created_at), expiresAt: toNumber(row.expires_at) };
  }

  async delete(idHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id_hash = :idHash', { idHash });
  }

  async deleteForAccount(accountId: number): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE account_id = :accountId', { accountId });
  }

  async deleteExpired(now: number): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE expires_at <= :now', { now });
  }
}
