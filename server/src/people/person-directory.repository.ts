import type { Sql } from '../database/sql';
import { toNumber } from '../database/database.service';
import { emailKeySql, PERSON_USERS_CTE } from './person-resolution.sql';

/** One user and the person it belongs to (DESIGN.md "a person is one human across connections"). */
export interface ResolvedUser {
  userId: number;
  connectionId: number;
  externalId: string;
  emailKey: string | null;
  /** crm_users.id of the person's primary user. */
  personId: number;
  isPrimary: boolean;
}

type Cell = number | string | null;

/** Reads the resolution of users to people, and the emails an import checks against. */
export class PersonDirectory {
  /** Every user with its person, by person then user. */
  async resolvedUsers(sql: Sql): Promise<ResolvedUser[]> {
    const rows = await sql.query<{
      user_id: Cell;
      connection_id: Cell;
      external_id: string;
      email_key: string | null;
      person_id: Cell;
      is_primary: Cell;
    }>(
      `WITH ${PERSON_USERS_CTE}
       SELECT user_id, connection_id, external_id, email_key, person_id, is_primary FROM person_users ORDER BY person_id, user_id`,
    );
    return rows.map((row) => ({
      userId: toNumber(row.user_id),
      connectionId: toNumber(row.connection_id),
      externalId: row.external_id,
      emailKey: row.email_key,
      personId: toNumber(row.person_id),
      isPrimary: toNumber(row.is_primary) === 1,
    }));
  }

  /** Trimmed, lower-case emails of the users of every connection: the people a row keyed by email may name. */
  async knownEmails(sql: Sql): Promise<Set<string>> {
    const rows = await sql.query<{ email_key: string }>(
      `SELECT DISTINCT ${emailKeySql('email')} AS email_key FROM crm_users WHERE ${emailKeySql('email')} IS NOT NULL`,
    );
    return new Set(rows.map((row) => row.email_key));
  }

  /** The users of one connection by their trimmed, lower-case email (external ids; several when the data already has a duplicate). */
  async emailsOf(sql: Sql, connectionId: number): Promise<Map<string, string[]>> {
    const rows = await sql.query<{ email_key: string; external_id: string }>(
      `SELECT ${emailKeySql('email')} AS email_key, external_id FROM crm_users
       WHERE connection_id = :connectionId AND ${emailKeySql('email')} IS NOT NULL ORDER BY external_id`,
      { connectionId },
    );
    const byEmail = new Map<string, string[]>();
    for (const row of rows) byEmail.set(row.email_key, [...(byEmail.get(row.email_key) ?? []), row.external_id]);
    return byEmail;
  }
}
