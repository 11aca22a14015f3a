import { Module } from '@nestjs/common';
import { AccountRepository } from './account.repository';
import { AccountService } from './account.service';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenService } from './api-token.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { DEPARTMENT_DIRECTORY_PROVIDER, DepartmentDirectory } from './department-directory.provider';
import { SessionRepository } from './session.repository';

const ACCOUNT_PROVIDERS = [
  AccountRepository,
  AccountService,
  ApiTokenRepository,
  ApiTokenService,
  AuditRepository,
  AuditService,
  SessionRepository,
];

/**
 * Accounts, API tokens, the session store and the audit log, without HTTP: shared by the server's
 * AuthModule and the CLI's application context.
 */
@Module({
  providers: [...ACCOUNT_PROVIDERS, DEPARTMENT_DIRECTORY_PROVIDER],
  exports: [...ACCOUNT_PROVIDERS, DepartmentDirectory],
})
export class AccountsModule {}
