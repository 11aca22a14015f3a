import { Injectable } from '@nestjs/common';
import type { Role } from '@uptake/shared';
import { deepFreeze } from '../common/deep-freeze.util';
import { CacheService, invalidate, type CacheRegion } from '../cache/cache.service';
import { Database, toBoolean, toNullableNumber, toNumber } from '../database/database.service';
import type { Sql } from '../database/sql';

export interface StoredAccount {
  id: number;
  email: string;
  name: string | null;
  role: Role;
  passwordHash: string | null;
  oidcIssuer: string | null;
  oidcSubject: string | null;
  /** An admin allowed the next single sign-on with this account's verified email to link to it. */
  oidcLinkAllowed: boolean;
  disabled: boolean;
  createdAt: number;
  lastLoginAt: number | null;
  /** Departments whose people a trainer may see, by name; empty for every other role. */
  departments: string[];
}

export interface NewAccount {
  email: string;
  name: string | null;
  role: Role;
  passwordHash: string | null;
  oidcIssuer?: string | null;
  oidcSubject?: string | null;
  oidcLinkAllowed?: boolean;
  createdAt: number;
}

interface AccountRow {
  id: number | string;
  email: string;
  name: string | null;
  role: string;
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  oidc_link_allowed: unknown;
  disabled: unknown;
  created_at: number | string;
  last_login_at: number | string | null;
}

/** Dashboard accounts (not CRM users) and the departments assigned to trainers. */
@Injectable()
export class AccountRepository {
  /** Accounts looked up by id for signing requests in, kept per access stamp: see `findByIdForSignIn`. */
  private readonly signIns: CacheRegion<StoredAccount | null>;

  constructor(
    private readonly db: Database,
    cache: CacheService = new CacheService(db),
  ) {
    this.signIns = cache.region('accounts-for-sign-in', ['access']);
  }

  /** Inserts the account and its departments in one transaction; returns it as stored. */
  async create(account: NewAccount, departments: readonly string[]): Promise<StoredAccount> {
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO accounts (email, name, role, password_hash, oidc_issuer, oidc_subject, oidc_link_allowed, disabled, created_at)
         VALUES (:email, :name, :role, :passwordHash, :oidcIssuer, :oidcSubject, :oidcLinkAllowed, FALSE, :createdAt)`,
        {
          ...account,
          oidcIssuer: account.oidcIssuer ?? null,
          oidcSubject: account.oidcSubject ?? null,
          oidcLinkAllowed: account.oidcLinkAllowed ?? false,
        },
      );
      const [row] = await tx.query<{ id: number | string }>('SELECT id FROM accounts WHERE email = :email', { email: account.email });
      await this.writeDepartments(tx, toNumber(row.id), departments);
      await invalidate(tx, 'access');
    });
    const created = await this.findByEmail(account.email);
    if (!created) throw new Error(`account ${account.email} was not stored`);
    return created;
  }

  async list(): Promise<StoredAccount[]> {
    return this.withDepartments(await this.db.query<AccountRow>('SELECT * FROM accounts ORDER BY email'));
  }

  async count(): Promise<number> {
    const [row] = await this.db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM accounts');
    return toNumber(row.n);
  }

  /** Enabled admins other than `exceptId`. */
  async countOtherEnabledAdmins(exceptId: number): Promise<number> {
    const [row] = await this.db.query<{ n: number | string }>(
      "SELECT COUNT(*) AS n FROM accounts WHERE role = 'admin' AND disabled = FALSE AND id <> :exceptId",
      { exceptId },
    );
    return toNumber(row.n);
  }

  async findById(id: number): Promise<StoredAccount | null> {
    const [account] = await this.withDepartments(await this.db.query<AccountRow>('SELECT * FROM accounts WHERE id = :id', { id }));
    return account ?? null;
  }

  /**
   * `findById` for the look-up every signed-in request makes: kept until an account, department or
   * token changes in any process (cache tag `access`). Frozen: every request shares it.
   */
  async findByIdForSignIn(id: number): Promise<StoredAccount | null> {
    return this.signIns.one(String(id), async () => deepFreeze(await this.findById(id)));
  }

  /** `email` in lower case (as stored). */
  async findByEmail(email: string): Promise<StoredAccount | null> {
    const [account] = await this.withDepartments(await this.db.query<AccountRow>('SELECT * FROM accounts WHERE email = :email', { email }));
    return account ?? null;
  }

  async findByOidc(issuer: string, subject: string): Promise<StoredAccount | null> {
    const rows = await this.db.query<AccountRow>('SELECT * FROM accounts WHERE oidc_issuer = :issuer AND oidc_subject = :subject', {
      issuer,
      subject,
    });
    const [account] = await this.withDepartments(rows);
    return account ?? null;
  }

  /** Changes the given columns; `departments` replaces the whole list. */
  async update(
    id: number,
    changes: Partial<
      Pick<StoredAccount, 'name' | 'role' | 'passwordHash' | 'disabled' | 'oidcIssuer' | 'oidcSubject' | 'oidcLinkAllowed' | 'departments'>
    >,
  ): Promise<void> {
    const columns: Array<[string, keyof typeof changes]> = [
      ['name', 'name'],
      ['role', 'role'],
      ['password_hash', 'passwordHash'],
      ['disabled', 'disabled'],
      ['oidc_issuer', 'oidcIssuer'],
      ['oidc_subject', 'oidcSubject'],
      ['oidc_link_allowed', 'oidcLinkAllowed'],
    ];
    const set = columns.filter(([, key]) => changes[key] !== undefined);
    await this.db.transaction(async (tx) => {
      if (set.length) {
        const params = Object.fromEntries(set.map(([column, key]) => [column, changes[key] as string | boolean | null]));
        await tx.query(`UPDATE accounts SET ${set.map(([column]) => `${column} = :${column}`).join(', ')} WHERE id = :id`, {
          ...params,
          id,
        });
      }
      if (changes.departments !== undefined) {
        await tx.query('DELETE FROM account_departments WHERE account_id = :id', { id });
        await this.writeDepartments(tx, id, changes.departments);
      }
      await invalidate(tx, 'access');
    });
  }

  async touchLogin(id: number, at: number): Promise<void> {
    await this.db.query('UPDATE accounts SET last_login_at = :at WHERE id = :id', { id, at });
    await invalidate(this.db, 'access');
  }

  private async writeDepartments(tx: Sql, accountId: number, departments: readonly string[]): Promise<void> {
    const unique = [...new Set(departments)];
    if (unique.length)
      await tx.insertMany(
        'account_departments',
        ['account_id', 'department'],
        unique.map((department) => [accountId, department]),
      );
  }

  private async withDepartments(rows: AccountRow[]): Promise<StoredAccount[]> {
    if (rows.length === 0) return [];
    // Only trainers are assigned departments (a change of role away from trainer clears them),
    // so the accounts that sign most requests, admins and executives, cost no second query.
    const ids = rows.filter((row) => row.role === 'trainer').map((row) => toNumber(row.id));
    const assigned = ids.length
      ? await this.db.query<{ account_id: number | string; department: string }>(
          'SELECT account_id, department FROM account_departments WHERE account_id IN (:...ids) ORDER BY department',
          { ids },
        )
      : [];
    return rows.map((row) => {
      const id = toNumber(row.id);
      return {
        id,
        email: row.email,
        name: row.name,
        role: row.role as Role,
        passwordHash: row.password_hash,
        oidcIssuer: row.oidc_issuer,
        oidcSubject: row.oidc_subject,
        oidcLinkAllowed: toBoolean(row.oidc_link_allowed),
        disabled: toBoolean(row.disabled),
        createdAt: toNumber(row.created_at),
        lastLoginAt: toNullableNumber(row.last_login_at),
        departments: assigned.filter((entry) => toNumber(entry.account_id) === id).map((entry) => entry.department),
      };
    });
  }
}
