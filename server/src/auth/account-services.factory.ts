import { userInfo } from 'node:os';
import type { INestApplicationContext } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Database } from '../database/database.service';
import { MetricsService } from '../metrics/metrics.service';
import { AccountRepository } from './account.repository';
import { AccountService } from './account.service';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenService } from './api-token.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { type DepartmentDirectory, departmentDirectoryOf } from './department-directory.provider';
import type { Actor } from './principal';
import { SessionRepository } from './session.repository';

/** Account and token services over the core services of the CLI, without Nest's HTTP module. */
export function accountServices(app: INestApplicationContext): { accounts: AccountService; tokens: ApiTokenService; audit: AuditService } {
  const db = app.get(Database);
  const clock = app.get(Clock);
  const departments: DepartmentDirectory = departmentDirectoryOf(app.get(MetricsService));
  const audit = new AuditService(new AuditRepository(db), clock);
  const tokenRepository = new ApiTokenRepository(db);
  const accounts = new AccountService(new AccountRepository(db), new SessionRepository(db), audit, clock, tokenRepository, departments);
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
