import { Inject, Injectable } from '@nestjs/common';
import { SESSION_COOKIE } from '@uptake/shared';
import type { Request } from 'express';
import { UptakeError } from '../common/error-codes';
import { AccountRepository } from './account.repository';
import { ApiTokenService } from './api-token.service';
import { AUTH_CONFIG, type AuthConfig } from './auth.config';
import type { Principal } from './principal';
import { readCookie } from './session-cookie.util';
import { SessionService } from './session.service';

/** Finds who sends a request: `Authorization: Bearer <API token>`, else the session cookie. */
@Injectable()
export class Authenticator {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly sessions: SessionService,
    private readonly tokens: ApiTokenService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /**
   * The principal, or null without credentials. A bearer token that is unknown, revoked or
   * expired is an error (UNAUTHENTICATED) rather than "anonymous", so a client notices at once.
   */
  async authenticate(request: Request): Promise<Principal | null> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match) throw new UptakeError('UNAUTHENTICATED', 'the Authorization header must be "Bearer <API token>"');
      const token = await this.tokens.find(match[1]);
      const account = token ? await this.accounts.findByIdForSignIn(token.accountId) : null;
      if (!token || !account || account.disabled)
        throw new UptakeError('UNAUTHENTICATED', 'the API token is unknown, revoked or expired, or its account is disabled');
      return { ...identity(account), via: 'token', sessionHash: null, csrfToken: null, expiresAt: token.expiresAt };
    }
    const cookie = readCookie(request, this.config, SESSION_COOKIE);
    if (!cookie) return null;
    const session = await this.sessions.find(cookie);
    if (!session) return null;
    const account = await this.accounts.findByIdForSignIn(session.accountId);
    if (!account || account.disabled) return null;
    return {
      ...identity(account),
      via: 'session',
      sessionHash: session.idHash,
      csrfToken: session.csrfToken,
      expiresAt: session.expiresAt,
    };
  }
}

function identity(account: { id: number; email: string; name: string | null; role: Principal['role']; departments: string[] }) {
  return {
    accountId: account.id,
    email: account.email,
    name: account.name,
    role: account.role,
    departments: account.role === 'trainer' ? account.departments : [],
  };
}
