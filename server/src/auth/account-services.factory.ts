import { userInfo } from 'node:os';
import type { Clock } from '../common/clock';
import type { Database } from '../database/database.service';
import { AccountRepository } from './account.repository';
import { AccountService } from './account.service';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenService } from './api-token.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import type { Actor } from './principal';
import { SessionRepository } from './session.repository';

/** Account and token services over a database, without Nest's HTTP module: for the CLI. */
export function accountServices(db: Database, clock: Clock): { accounts: AccountService; tokens: ApiTokenService; audit: AuditService } {
  const audit = new AuditService(new AuditRepository(db), clock);
  const tokenRepository = new ApiTokenRepository(db);
  const accounts = new AccountService(new AccountRepository(db), new SessionRepository(db), audit, clock, tokenRepository);
  const tokens = new ApiTokenService(tokenRepository, accounts, audit, clock);
  return { accounts, tokens, audit };
}

/** The operator at the command line, as the audit log names them. */
export function cliActor(): Actor {
  let name = 'cli';
  try {
    name = `cli:${userInfo().username}`;
  } catch {
    // no user name on this system
  }
  return { accountId: null, email: name, role: null, ip: null };
}
