import { Injectable } from '@nestjs/common';
import type { SessionResponse } from '@uptake/shared';
import { UptakeError } from '../common/error-codes';
import type { StoredAccount } from './account.repository';
import { AccountService, toAccountView } from './account.service';
import { AuditService } from './audit.service';
import { LoginRateLimiter } from './login-rate-limit.service';
import { actorOf, peopleAccessOf, type Principal } from './principal';
import { SessionService, type NewSession } from './session.service';

export interface Client {
  ip: string | null;
  userAgent: string | null;
}

/** Password login and logout, with throttling and an audit entry for every attempt. */
@Injectable()
export class LoginService {
  constructor(
    private readonly accounts: AccountService,
    private readonly sessions: SessionService,
    private readonly limiter: LoginRateLimiter,
    private readonly audit: AuditService,
  ) {}

  /** A new session for the account, or INVALID_CREDENTIALS (the same answer for an unknown email, a wrong password and a disabled account). */
  async login(email: string, password: string, client: Client): Promise<{ account: StoredAccount; session: NewSession }> {
    const account = await this.limiter.attempt(email, client.ip, async () => {
      const checked = await this.accounts.checkPassword(email, password);
      if (!checked) {
        await this.audit.record(
          { accountId: null, email, role: null, ip: client.ip },
          { action: 'auth.login_failed', target: 'POST /api/auth/login', detail: { method: 'password' } },
        );
        throw new UptakeError('INVALID_CREDENTIALS', 'wrong email or password');
      }
      return checked;
    });
    return { account, session: await this.start(account, client, 'password') };
  }

  /** Opens a session for an account that has proven who it is (password or single sign-on). */
  async start(account: StoredAccount, client: Client, method: 'password' | 'oidc'): Promise<NewSession> {
    const session = await this.sessions.create(account.id, client);
    await this.accounts.touchLogin(account.id);
    await this.audit.record(
      { accountId: account.id, email: account.email, role: account.role, ip: client.ip },
      { action: 'auth.login', target: 'session', detail: { method } },
    );
    return session;
  }

  /**
   * Changes the signed-in account's password, throttled like a login (the current password is a
   * guess like any other). The session that asks stays; the account's other sessions and its API tokens end.
   */
  async changePassword(principal: Principal, currentPassword: string, newPassword: string, ip: string | null): Promise<void> {
    await this.limiter.attempt(principal.email, ip, () =>
      this.accounts.changeOwnPassword(principal.accountId, currentPassword, newPassword, actorOf(principal, ip), principal.sessionHash),
    );
  }

  async logout(principal: Principal, ip: string | null): Promise<void> {
    if (principal.sessionHash) await this.sessions.end(principal.sessionHash);
    await this.audit.record(
      { accountId: principal.accountId, email: principal.email, role: principal.role, ip },
      { action: 'auth.logout', target: 'session', detail: { via: principal.via } },
    );
  }

  async describe(principal: Principal): Promise<SessionResponse> {
    const account = await this.accounts.get(principal.accountId);
    return sessionResponse(account, principal.via, principal.csrfToken, principal.expiresAt);
  }
}

export function sessionResponse(
  account: StoredAccount,
  via: 'session' | 'token',
  csrfToken: string | null,
  expiresAt: number | null,
): SessionResponse {
  return {
    account: toAccountView(account),
    via,
    csrfToken,
    peopleAccess: peopleAccessOf(account.role),
    expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
  };
}
