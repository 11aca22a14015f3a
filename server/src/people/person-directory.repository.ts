import type { PersonConflict } from '@uptake/shared';
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

  /**
   * People whose users are in different departments: the primary user's department counts, the
   * others are listed so that an admin can correct the data or the connections' priorities.
   */
  async conflicts(sql: Sql): Promise<PersonConflict[]> {
    const rows = await sql.query<{
      person_id: Cell;
      email_key: string;
      connection_name: string;
      external_id: string;
      name: string | null;
      department: string | null;
      is_primary: Cell;
    }>(
      `WITH ${PERSON_USERS_CTE},
       conflicted AS (
         SELECT p.person_id
         FROM person_users p
         JOIN crm_users u ON u.id = p.user_id
         WHERE p.email_key IS NOT NULL
         GROUP BY p.person_id
         HAVING COUNT(DISTINCT COALESCE(u.department_id, -1)) > 1
       )
       SELECT p.person_id, p.email_key, c.name AS connection_name, u.external_id, u.name, d.name AS department, p.is_primary
       FROM person_users p
       JOIN conflicted k ON k.person_id = p.person_id
       JOIN crm_users u ON u.id = p.user_id
       JOIN connections c ON c.id = u.connection_id
       LEFT JOIN departments d ON d.id = u.department_id
       ORDER BY p.email_key, p.is_primary DESC, c.name, u.external_id`,
    );
    const byPerson = new Map<string, PersonConflict>();
    for (const row of rows) {
      const conflict = byPerson.get(row.email_key) ?? { email: row.email_key, users: [] };
      conflict.users.push({
        connectionName: row.connection_name,
        externalId: row.external_id,
        name: row.name,
        department: row.department,
        primary: toNumber(row.is_primary) === 1,
      });
      byPerson.set(row.email_key, conflict);
    }
    return [...byPerson.values()];
  }
}
