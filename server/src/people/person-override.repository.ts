import { UptakeError } from '../common/error-codes';
import { invalidate } from '../cache/cache-tags';
import { toNumber } from '../database/database.service';
import type { Database } from '../database/database.service';
import type { Sql } from '../database/sql';
import { emailKey, emailKeySql } from './person-resolution.sql';

export type PersonOverrideKind = 'merge' | 'unmerge' | 'split' | 'unsplit';

/** One version of an admin's decision about who is whom, with who and when. */
export interface PersonOverride {
  id: number;
  kind: PersonOverrideKind;
  /** merge / unmerge: the email whose users move; split / unsplit: the user's email. */
  emailKey: string | null;
  /** merge: the email of the person they join. */
  targetKey: string | null;
  /** split / unsplit: the user, as `connection/external id`. */
  user: string | null;
  createdBy: string;
  createdAt: number;
  /** When a later decision about the same email or user replaced it; null while in force. */
  supersededAt: number | null;
}

type Cell = number | string | null;

/**
 * Admins' merges and splits of people (DESIGN.md "a person is one human across connections"):
 * every change is a new row that supersedes the one in force for the same email (merges) or user
 * (splits), so the history says who decided what and when. The resolution reads the rows in force
 * (people/person-resolution.sql.ts); a change shows in every metric at once.
 */
export class PersonOverrideRepository {
  constructor(private readonly db: Database) {}

  /** The users of `email` become one person with the users of `into` (whose primary user is decided by priority as usual). */
  async merge(email: string, into: string, by: string, now: number): Promise<PersonOverride> {
    const from = this.key(email);
    let target = this.key(into);
    if (from === target) throw new UptakeError('PERSON_OVERRIDE_INVALID', `cannot merge ${from} into itself`);
    return this.db.transaction(async (tx) => {
      await this.assertEmailKnown(tx, from);
      await this.assertEmailKnown(tx, target);
      // merged into an email that is itself merged: join its person directly (no chains)
      target = (await this.mergeTarget(tx, target)) ?? target;
      if (target === from) throw new UptakeError('PERSON_OVERRIDE_INVALID', `${this.key(into)} is already merged into ${from}`);
      // emails merged into `from` follow it
      const followers = await tx.query<{ email_key: string }>(
        "SELECT email_key FROM person_overrides WHERE kind = 'merge' AND target_key = :from AND superseded_at IS NULL",
        { from },
      );
      for (const follower of followers) await this.insert(tx, { kind: 'merge', emailKey: follower.email_key, targetKey: target }, by, now);
      return this.insert(tx, { kind: 'merge', emailKey: from, targetKey: target }, by, now);
    });
  }

  /** Undoes the merge in force of `email`: its users are the person of their email again. */
  async unmerge(email: string, by: string, now: number): Promise<PersonOverride> {
    const key = this.key(email);
    return this.db.transaction(async (tx) => {
      if ((await this.mergeTarget(tx, key)) === null) throw new UptakeError('PERSON_OVERRIDE_INVALID', `${key} is not merged into anyone`);
      return this.insert(tx, { kind: 'unmerge', emailKey: key, targetKey: null }, by, now);
    });
  }

  /** The user `externalId` of connection `connection` becomes a person alone, whatever its email. */
  async split(connection: string, externalId: string, by: string, now: number): Promise<PersonOverride> {
    return this.db.transaction(async (tx) => {
      const user = await this.user(tx, connection, externalId);
      if (user.emailKey === null)
        throw new UptakeError('PERSON_OVERRIDE_INVALID', `user ${connection}/${externalId} has no email: it is a person alone already`);
      if (await this.isSplit(tx, user.id))
        throw new UptakeError('PERSON_OVERRIDE_INVALID', `user ${connection}/${externalId} is split already`);
      return this.insert(tx, { kind: 'split', emailKey: user.emailKey, userId: user.id }, by, now);
    });
  }

  /** Undoes a split: the user belongs to the person of its email again. */
  async unsplit(connection: string, externalId: string, by: string, now: number): Promise<PersonOverride> {
    return this.db.transaction(async (tx) => {
      const user = await this.user(tx, connection, externalId);
      if (!(await this.isSplit(tx, user.id)))
        throw new UptakeError('PERSON_OVERRIDE_INVALID', `user ${connection}/${externalId} is not split`);
      return this.insert(tx, { kind: 'unsplit', emailKey: user.emailKey, userId: user.id }, by, now);
    });
  }

  /** Every decision, newest first. */
  async history(): Promise<PersonOverride[]> {
    const rows = await this.db.query<OverrideRow>(
      `SELECT o.id, o.kind, o.email_key, o.target_key, o.created_by, o.created_at, o.superseded_at, c.name AS connection_name, u.external_id
       FROM person_overrides o
       LEFT JOIN crm_users u ON u.id = o.user_id
       LEFT JOIN connections c ON c.id = u.connection_id
       ORDER BY o.id DESC`,
    );
    return rows.map(toOverride);
  }

  private key(email: string): string {
    const key = emailKey(email);
    if (key === null) throw new UptakeError('PERSON_OVERRIDE_INVALID', 'an email is required');
    return key;
  }

  private async assertEmailKnown(tx: Sql, key: string): Promise<void> {
    const rows = await tx.query(`SELECT 1 AS found FROM crm_users WHERE ${emailKeySql('email')} = :key LIMIT 1`, { key });
    if (rows.length === 0) throw new UptakeError('PERSON_NOT_FOUND', `no user of any connection has the email ${key}`);
  }

  private async mergeTarget(tx: Sql, key: string): Promise<string | null> {
    const [row] = await tx.query<{ target_key: string }>(
      "SELECT target_key FROM person_overrides WHERE kind = 'merge' AND email_key = :key AND superseded_at IS NULL",
      { key },
    );
    return row?.target_key ?? null;
  }

  private async isSplit(tx: Sql, userId: number): Promise<boolean> {
    const rows = await tx.query(
      "SELECT 1 AS found FROM person_overrides WHERE kind = 'split' AND user_id = :userId AND superseded_at IS NULL",
      {
        userId,
      },
    );
    return rows.length > 0;
  }

  private async user(tx: Sql, connection: string, externalId: string): Promise<{ id: number; emailKey: string | null }> {
    const [row] = await tx.query<{ id: Cell; email_key: string | null }>(
      `SELECT u.id, ${emailKeySql('u.email')} AS email_key FROM crm_users u JOIN connections c ON c.id = u.connection_id
       WHERE c.name = :connection AND u.external_id = :externalId`,
      { connection, externalId },
    );
    if (!row) throw new UptakeError('PERSON_NOT_FOUND', `connection "${connection}" has no user "${externalId}"`);
    return { id: toNumber(row.id), emailKey: row.email_key };
  }

  /** Supersedes the row in force for the same subject (email for merges, user for splits) and adds the new one. */
  private async insert(
    tx: Sql,
    change: { kind: PersonOverrideKind; emailKey: string | null; targetKey?: string | null; userId?: number },
    by: string,
    now: number,
  ): Promise<PersonOverride> {
    const bySubject =
      change.userId === undefined
        ? { sql: "kind IN ('merge', 'unmerge') AND email_key = :subject", subject: change.emailKey }
        : { sql: "kind IN ('split', 'unsplit') AND user_id = :subject", subject: change.userId };
    await tx.query(`UPDATE person_overrides SET superseded_at = :now WHERE ${bySubject.sql} AND superseded_at IS NULL`, {
      now,
      subject: bySubject.subject,
    });
    // who is whom changes every metric: a change of CRM data, for the caches of every replica
    await invalidate(tx, 'crm_data');
    await tx.query(
      `INSERT INTO person_overrides (kind, email_key, target_key, user_id, created_by, created_at)
       VALUES (:kind, :emailKey, :targetKey, :userId, :by, :now)`,
      { kind: change.kind, emailKey: change.emailKey, targetKey: change.targetKey ?? null, userId: change.userId ?? null, by, now },
    );
    const [row] = await tx.query<OverrideRow>(
      `SELECT o.id, o.kind, o.email_key, o.target_key, o.created_by, o.created_at, o.superseded_at, c.name AS connection_name, u.external_id
       FROM person_overrides o LEFT JOIN crm_users u ON u.id = o.user_id LEFT JOIN connections c ON c.id = u.connection_id
       WHERE o.id = (SELECT MAX(id) FROM person_overrides)`,
    );
    return toOverride(row);
  }
}

interface OverrideRow {
  id: Cell;
  kind: PersonOverrideKind;
  email_key: string | null;
  target_key: string | null;
  created_by: string;
  created_at: Cell;
  superseded_at: Cell;
  connection_name: string | null;
  external_id: string | null;
}

function toOverride(row: OverrideRow): PersonOverride {
  return {
    id: toNumber(row.id),
    kind: row.kind,
    emailKey: row.email_key,
    targetKey: row.target_key,
    user: row.connection_name === null ? null : `${row.connection_name}/${row.external_id}`,
    createdBy: row.created_by,
    createdAt: toNumber(row.created_at),
    supersededAt: row.superseded_at === null ? null : toNumber(row.superseded_at),
  };
}
