import { userInfo } from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { AccountService } from './account.service';
import { ApiTokenService } from './api-token.service';
import { AuditService } from './audit.service';
import type { Actor } from './principal';

/** Account, token and audit services from the CLI's application context (CliModule). */
export function accountServices(app: INestApplicationContext): { accounts: AccountService; tokens: ApiTokenService; audit: AuditService } {
  return { accounts: app.get(AccountService), tokens: app.get(ApiTokenService), audit: app.get(AuditService) };
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
