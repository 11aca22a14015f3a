import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AuthController } from './auth.controller';
import { UsersController } from './users.controller';
import type { AppConfig } from '../config/app.config';
import { AccountRepository } from './account.repository';
import { AccountService } from './account.service';
import { ApiTokenRepository } from './api-token.repository';
import { ApiTokenService } from './api-token.service';
import { AuditRepository } from './audit.repository';
import { AuditService } from './audit.service';
import { AUTH_CONFIG, loadAuthConfig, type AuthOverrides } from './auth.config';
import { AuthGuard } from './auth.guard';
import { DEPARTMENT_DIRECTORY_PROVIDER, DepartmentDirectory } from './department-directory.provider';
import { Authenticator } from './authenticator.service';
import { FirstAdminBootstrap } from './first-admin.bootstrap';
import { LoginRateLimiter } from './login-rate-limit.service';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginService } from './login.service';
import { OidcService } from './oidc/oidc.service';
import { PrivacyInterceptor } from './privacy.interceptor';
import { RoutePolicyCheck } from './route-policy.check';
import { SessionRepository } from './session.repository';
import { SessionService } from './session.service';

/** Services of accounts, tokens and the audit log, without HTTP: what the CLI needs too. */
export const ACCOUNT_PROVIDERS = [AccountRepository, AccountService, ApiTokenRepository, ApiTokenService, AuditRepository, AuditService, SessionRepository, SessionService];

/**
 * Accounts, sessions, API tokens, single sign-on, the audit log, and the global guard and
 * interceptor that enforce ROUTE_POLICIES on every route (DESIGN.md "Privacy").
 */
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig, overrides: AuthOverrides = {}, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: AuthModule,
      controllers: [AuthController, UsersController, AuditController],
      providers: [
        { provide: AUTH_CONFIG, useValue: loadAuthConfig(env, config.demo, overrides) },
        ...ACCOUNT_PROVIDERS,
        DEPARTMENT_DIRECTORY_PROVIDER,
        Authenticator,
        LoginRateLimiter,
        LoginThrottleRepository,
        LoginService,
        OidcService,
        FirstAdminBootstrap,
        RoutePolicyCheck,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_INTERCEPTOR, useClass: PrivacyInterceptor },
      ],
      exports: [AUTH_CONFIG, DepartmentDirectory, ...ACCOUNT_PROVIDERS],
    };
  }
}
