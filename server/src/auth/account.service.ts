import { Injectable } from '@nestjs/common';
import {
  CreateAccountRequestSchema,
  UpdateAccountRequestSchema,
  type AccountView,
  type CreateAccountRequest,
  type Role,
  type UpdateAccountRequest,
} from '@uptake/shared';
import { Clock } from '../common/clock';
import { UptakeError } from '../common/error-codes';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';
import { AccountRepository, type StoredAccount } from './account.repository';
import { ApiTokenRepository } from './api-token.repository';
import { AuditService } from './audit.service';
import { assertAssignableDepartments, DepartmentDirectory } from './department-directory';
import { generatePassword, hashPassword, verifyPassword } from './password.util';
import type { Actor } from './principal';
import { SessionRepository } from './session.repository';

export function toAccountView(account: StoredAccount): AccountView {
  return {
    id: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    departments: account.role === 'trainer' ? account.departments : [],
    disabled: account.disabled,
    hasPassword: account.passwordHash !== null,
    sso: account.oidcSubject !== null,
    createdAt: new Date(account.createdAt).toISOString(),
    lastLoginAt: account.lastLoginAt === null ? null : new Date(account.lastLoginAt).toISOString(),
  };
}

export interface CreatedAccount {
  account: StoredAccount;
  /** The generated password when none was given (shown once, never stored in clear). */
  generatedPassword: string | null;
}

/** Accounts and roles: creation, changes (never leaving the install without an enabled admin), password checks. */
@Injectable()
export class AccountService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tokens: ApiTokenRepository,
    private readonly departments: DepartmentDirectory,
  ) {}

  /** Department names a trainer may be assigned (the plan's and the CRM data's). */
  assignableDepartments(): Promise<string[]> {
    return this.departments.assignable();
  }

  /** Refuses department names nobody knows ("Sales Apac" for "Sales APAC"): such a trainer would see no one. */
  private async checkDepartments(requested: readonly string[], kept: readonly string[] = []): Promise<void> {
    if (requested.every((name) => kept.includes(name))) return;
    assertAssignableDepartments(requested, await this.departments.assignable(), kept);
  }

  list(): Promise<StoredAccount[]> {
    return this.accounts.list();
  }

  count(): Promise<number> {
    return this.accounts.count();
  }

  async get(id: number): Promise<StoredAccount> {
    const account = await this.accounts.findById(id);
    if (!account) throw new UptakeError('ACCOUNT_NOT_FOUND', `no account with id ${id}`);
    return account;
  }

  async getByEmail(email: string): Promise<StoredAccount> {
    const account = await this.accounts.findByEmail(email.trim().toLowerCase());
    if (!account) throw new UptakeError('ACCOUNT_NOT_FOUND', `no account ${email.trim().toLowerCase()} (see \`uptake user list\`)`);
    return account;
  }

  findByEmail(email: string): Promise<StoredAccount | null> {
    return this.accounts.findByEmail(email.trim().toLowerCase());
  }

  /**
   * Validates like POST /api/users (the CLI goes through here too); generates a password when none
   * is given, unless an SSO identity is linked or `linkOidc` lets the first single sign-on link it.
   */
  async create(
    input: CreateAccountRequest & { oidcIssuer?: string; oidcSubject?: string; linkOidc?: boolean },
    actor: Actor,
  ): Promise<CreatedAccount> {
    const { oidcIssuer, oidcSubject, linkOidc, ...request } = input;
    const body = new ZodValidationPipe(CreateAccountRequestSchema, 'body').transform(request);
    if (await this.accounts.findByEmail(body.email)) throw new UptakeError('ACCOUNT_EXISTS', `an account ${body.email} already exists`);
    await this.checkDepartments(body.departments);
    const generatedPassword = body.password === undefined && !oidcSubject && !linkOidc ? generatePassword() : null;
    const password = body.password ?? generatedPassword;
    const account = await this.accounts.create(
      {
        email: body.email,
        name: body.name ?? null,
        role: body.role,
        passwordHash: password === null ? null : await hashPassword(password),
        oidcIssuer: oidcIssuer ?? null,
        oidcSubject: oidcSubject ?? null,
        oidcLinkAllowed: linkOidc === true,
        createdAt: this.clock.now(),
      },
      body.departments,
    );
    await this.audit.record(actor, {
      action: 'account.created',
      target: `account ${account.email}`,
      detail: {
        accountId: account.id,
        role: account.role,
        departments: account.departments,
        sso: Boolean(oidcSubject),
        ...(linkOidc ? { linkOidc } : {}),
      },
    });
    return { account, generatedPassword };
  }

  /** Applies an admin's change (effective at the next request); a new role, a new password or disabling also ends the account's sessions. */
  async update(id: number, changes: UpdateAccountRequest, actor: Actor): Promise<StoredAccount> {
    const body = new ZodValidationPipe(UpdateAccountRequestSchema, 'body').transform(changes);
    const account = await this.get(id);
    const role: Role = body.role ?? account.role;
    const departments = body.departments ?? (role === 'trainer' ? account.departments : []);
    if (role !== 'trainer' && body.departments !== undefined && body.departments.length > 0) {
      throw new UptakeError('VALIDATION_FAILED', 'invalid body: departments: only a trainer is assigned departments', [
        { path: 'departments', message: 'only a trainer is assigned departments' },
      ]);
    }
    if (body.departments !== undefined) await this.checkDepartments(body.departments, account.departments);
    const losesAdmin = account.role === 'admin' && !account.disabled && (role !== 'admin' || body.disabled === true);
    if (losesAdmin && (await this.accounts.countOtherEnabledAdmins(id)) === 0) {
      throw new UptakeError('LAST_ADMIN', `${account.email} is the last enabled admin: make another account admin first`);
    }
    await this.accounts.update(id, {
      name: body.name,
      role: body.role,
      disabled: body.disabled,
      passwordHash: body.password === undefined ? undefined : await hashPassword(body.password),
      departments: body.departments !== undefined || body.role !== undefined ? departments : undefined,
      // true: the next single sign-on with the verified email links (replacing a link); false: no link.
      ...(body.linkOidc === true ? { oidcLinkAllowed: true } : {}),
      ...(body.linkOidc === false ? { oidcLinkAllowed: false, oidcIssuer: null, oidcSubject: null } : {}),
    });
    const endsSessions = (body.role !== undefined && body.role !== account.role) || body.disabled === true;
    if (body.password !== undefined) await this.endCredentials(id, null);
    else if (endsSessions) await this.sessions.deleteForAccount(id);
    const changed = Object.entries(body)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key);
    await this.audit.record(actor, {
      action: 'account.updated',
      target: `account ${account.email}`,
      // Which fields changed, and the new role and departments; never the password.
      detail: {
        accountId: id,
        changed,
        ...(body.role ? { role: body.role } : {}),
        ...(body.departments ? { departments: body.departments } : {}),
        ...(body.disabled !== undefined ? { disabled: body.disabled } : {}),
        ...(body.linkOidc !== undefined ? { linkOidc: body.linkOidc } : {}),
      },
    });
    return this.get(id);
  }

  /** The account whose password this is, or null (unknown email, wrong password, disabled, or no password). */
  async checkPassword(email: string, password: string): Promise<StoredAccount | null> {
    const account = await this.accounts.findByEmail(email.trim().toLowerCase());
    const ok = await verifyPassword(account?.passwordHash ?? null, password);
    return ok && account && !account.disabled ? account : null;
  }

  /** A new password of one's own: ends the account's other sessions and its API tokens; `currentSession` (a session id hash) stays. */
  async changeOwnPassword(
    accountId: number,
    currentPassword: string,
    newPassword: string,
    actor: Actor,
    currentSession: string | null = null,
  ): Promise<void> {
    const account = await this.get(accountId);
    if (!(await verifyPassword(account.passwordHash, currentPassword)))
      throw new UptakeError('INVALID_CREDENTIALS', 'the current password is not correct');
    await this.accounts.update(accountId, { passwordHash: await hashPassword(newPassword) });
    await this.endCredentials(accountId, currentSession);
    await this.audit.record(actor, { action: 'auth.password_changed', target: `account ${account.email}`, detail: { accountId } });
  }

  /** After a new password: whoever held the old one may have made sessions and tokens; they all end but `keepSession`. */
  private async endCredentials(accountId: number, keepSession: string | null): Promise<void> {
    await this.sessions.deleteForAccount(accountId, keepSession);
    await this.tokens.revokeForAccount(accountId, this.clock.now());
  }

  /** Links the single sign-on identity to the account; an admin's permission to link is used up. */
  async linkOidc(accountId: number, issuer: string, subject: string): Promise<void> {
    await this.accounts.update(accountId, { oidcIssuer: issuer, oidcSubject: subject, oidcLinkAllowed: false });
  }

  findByOidc(issuer: string, subject: string): Promise<StoredAccount | null> {
    return this.accounts.findByOidc(issuer, subject);
  }

  async touchLogin(accountId: number): Promise<void> {
    await this.accounts.touchLogin(accountId, this.clock.now());
  }
}
