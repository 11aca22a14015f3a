import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module';
import { DatabaseModule } from '../database/database.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AccountRepository } from './account.repository';
import { AccountService } from './account.service';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenService } from './api-token.service';
import { AuditModule } from './audit.module';
import { DEPARTMENT_DIRECTORY_PROVIDER, DepartmentDirectory } from './department-directory.provider';
import { SessionRepository } from './session.repository';

const ACCOUNT_PROVIDERS = [AccountRepository, AccountService, ApiTokenRepository, ApiTokenService, SessionRepository];

/**
 * Accounts, API tokens and the session store, without HTTP: shared by the server's AuthModule and
 * the CLI's `user` and `token` commands.
 */
@Module({
  imports: [DatabaseModule, CacheModule, AuditModule, MetricsModule],
  providers: [...ACCOUNT_PROVIDERS, DEPARTMENT_DIRECTORY_PROVIDER],
  exports: [...ACCOUNT_PROVIDERS, DepartmentDirectory],
})
export class AccountsModule {}
