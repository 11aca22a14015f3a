import type { Role } from '@uptake/shared';
import { ConfigError } from '../config/config.error';
import { envValue, parseEnvironment, type Environment } from '../config/environment';

/** Injection token of the validated `AuthConfig`. */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
  redirectUri: string;
  scopes: string;
  defaultRole: Role | null;
  /** Lower-case email domains allowed to sign in; empty: any. */
  allowedDomains: string[];
  label: string;
  allowHttp: boolean;
}

export interface AuthConfig {
  adminEmail: string | null;
  adminPassword: string | null;
  /** Demo mode (UPTAKE_DEMO): the first admin gets a generated password when none is configured. */
  demo: boolean;
  sessionTtlMs: number;
  sessionIdleMs: number;
  tokenTtlDays: number;
  cookieSecure: 'auto' | boolean;
  trustProxy: string | null;
  corsOrigins: string[];
  loginMaxFailures: number;
  loginMaxDelayMs: number;
  loginWindowMs: number;
  oidc: OidcSettings | null;
}

export type AuthOverrides = Partial<AuthConfig>;

/** UPTAKE_TOKEN_TTL_DAYS alone, for the CLI (which reads no other variable of this file). */
export function tokenTtlDaysFrom(env: NodeJS.ProcessEnv): number {
  return envValue('UPTAKE_TOKEN_TTL_DAYS', env);
}

export function loadAuthConfig(env: NodeJS.ProcessEnv, demo: boolean, overrides: AuthOverrides = {}): AuthConfig {
  const values = parseEnvironment(env);
  return {
    adminEmail: values.UPTAKE_ADMIN_EMAIL ?? null,
    adminPassword: values.UPTAKE_ADMIN_PASSWORD ?? null,
    demo,
    sessionTtlMs: values.UPTAKE_SESSION_HOURS * 3_600_000,
    sessionIdleMs: values.UPTAKE_SESSION_IDLE_HOURS * 3_600_000,
    tokenTtlDays: values.UPTAKE_TOKEN_TTL_DAYS,
    cookieSecure: values.UPTAKE_COOKIE_SECURE === 'auto' ? 'auto' : values.UPTAKE_COOKIE_SECURE === 'true',
    trustProxy: values.UPTAKE_TRUST_PROXY ?? null,
    corsOrigins: values.UPTAKE_CORS_ORIGINS.split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    loginMaxFailures: values.UPTAKE_LOGIN_MAX_FAILURES,
    loginMaxDelayMs: values.UPTAKE_LOGIN_MAX_DELAY_SECONDS * 1000,
    loginWindowMs: values.UPTAKE_LOGIN_WINDOW_MINUTES * 60_000,
    oidc: oidcSettings(values),
    ...overrides,
  };
}

function oidcSettings(values: Environment): OidcSettings | null {
  if (!values.UPTAKE_OIDC_ISSUER) return null;
  const missing = (['UPTAKE_OIDC_CLIENT_ID', 'UPTAKE_OIDC_REDIRECT_URI'] as const).filter((name) => !values[name]);
  if (missing.length) throw new ConfigError(`invalid environment: UPTAKE_OIDC_ISSUER is set, so ${missing.join(' and ')} must be set too`);
  return {
    issuer: values.UPTAKE_OIDC_ISSUER,
    clientId: values.UPTAKE_OIDC_CLIENT_ID as string,
    clientSecret: values.UPTAKE_OIDC_CLIENT_SECRET ?? null,
    redirectUri: values.UPTAKE_OIDC_REDIRECT_URI as string,
    scopes: values.UPTAKE_OIDC_SCOPES,
    defaultRole: values.UPTAKE_OIDC_DEFAULT_ROLE ?? null,
    allowedDomains: values.UPTAKE_OIDC_ALLOWED_DOMAINS.split(',')
      .map((domain) => domain.trim().toLowerCase().replace(/^@/, ''))
      .filter(Boolean),
    label: values.UPTAKE_OIDC_LABEL,
    allowHttp: values.UPTAKE_OIDC_ALLOW_HTTP,
  };
}
