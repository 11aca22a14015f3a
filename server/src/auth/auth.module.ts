import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { UsersController } from './users.controller';
import type { AppConfig } from '../config/app.config';
import { AccountsModule } from './accounts.module';
import { AuditModule } from './audit.module';
import { PlanModule } from '../plan/plan.module';
import { SecretsModule } from '../secrets/secrets.module';
import { DatabaseModule } from '../database/database.module';
import { AUTH_CONFIG, loadAuthConfig, type AuthOverrides } from './auth.config';
import { AuthGuard } from './auth.guard';
import { Authenticator } from './authenticator.service';
import { FirstAdminBootstrap } from './first-admin.bootstrap';
import { LoginRateLimiter } from './login-rate-limit.service';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginService } from './login.service';
import { OidcService } from './oidc/oidc.service';
import { PrivacyInterceptor } from './privacy.interceptor';
import { RoutePolicyCheck } from './route-policy.check';
import { SessionService } from './session.service';

/**
 * Accounts, sessions, API tokens, single sign-on, the audit log, and the global guard and
 * interceptor that enforce ROUTE_POLICIES on every route (DESIGN.md "Privacy").
 */
@Module({})
export class AuthModule {
  static forRoot(config: AppConfig, overrides: AuthOverrides = {}, env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: AuthModule,
      imports: [DatabaseModule, AccountsModule, AuditModule, PlanModule, SecretsModule],
      controllers: [AuthController, UsersController],
      providers: [
        { provide: AUTH_CONFIG, useValue: loadAuthConfig(env, config.demo, overrides) },
        SessionService,
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
      exports: [AUTH_CONFIG, SessionService],
    };
  }
}
