import { Injectable } from '@nestjs/common';
import { Database, toNumber } from '../database/database.service';

export interface StoredSession {
  idHash: string;
  accountId: number;
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  /** Last request signed in by it (written at most once a minute). */
  lastSeenAt: number;
}

/** Browser sessions; the session id itself is never stored, only its SHA-256. */
@Injectable()
export class SessionRepository {
  constructor(private readonly db: Database) {}

  async create(session: StoredSession & { ip: string | null; userAgent: string | null }): Promise<void> {
    await this.db.query(
      `INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, expires_at, last_seen_at, ip, user_agent)
       VALUES (:idHash, :accountId, :csrfToken, :createdAt, :expiresAt, :lastSeenAt, :ip, :userAgent)`,
      { ...session },
    );
  }

  async find(idHash: string): Promise<StoredSession | null> {
    const [row] = await this.db.query<{
      id_hash: string;
      account_id: number | string;
      csrf_token: string;
      created_at: number | string;
      expires_at: number | string;
      last_seen_at: number | string | null;
    }>('SELECT id_hash, account_id, csrf_token, created_at, expires_at, last_seen_at FROM sessions WHERE id_hash = :idHash', { idHash });
    if (!row) return null;
    const createdAt = toNumber(row.created_at);
    return {
      idHash: row.id_hash,
      accountId: toNumber(row.account_id),
      csrfToken: row.csrf_token,
      createdAt,
      expiresAt: toNumber(row.expires_at),
      lastSeenAt: row.last_seen_at === null ? createdAt : toNumber(row.last_seen_at),
    };
  }

  async touch(idHash: string, at: number): Promise<void> {
    await this.db.query('UPDATE sessions SET last_seen_at = :at WHERE id_hash = :idHash', { idHash, at });
  }

  async delete(idHash: string): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE id_hash = :idHash', { idHash });
  }

  /** Ends every session of the account, but `keep` (a session id hash) when given. */
  async deleteForAccount(accountId: number, keep: string | null = null): Promise<void> {
    if (keep === null) await this.db.query('DELETE FROM sessions WHERE account_id = :accountId', { accountId });
    else await this.db.query('DELETE FROM sessions WHERE account_id = :accountId AND id_hash <> :keep', { accountId, keep });
  }

  /** Sessions past their lifetime, or unused since `idleBefore`. */
  async deleteExpired(now: number, idleBefore: number): Promise<void> {
    await this.db.query('DELETE FROM sessions WHERE expires_at <= :now OR last_seen_at <= :idleBefore', { now, idleBefore });
  }
}
