import { EmailSchema, PasswordSchema, RoleSchema, type Role } from '@uptake/shared';
import { z } from 'zod';
import { ConfigError } from '../config/app.config';

/** Injection token of the validated `AuthConfig`. */
export const AUTH_CONFIG = Symbol('AUTH_CONFIG');

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback)
    .transform((value) => value === 'true' || value === '1');

/** Every environment variable of accounts, sessions, single sign-on and HTTP hardening, validated once at boot. */
const AuthEnvSchema = z.object({
  UPTAKE_ADMIN_EMAIL: EmailSchema.optional().describe('First admin, created at the first start when no account exists'),
  UPTAKE_ADMIN_PASSWORD: PasswordSchema.optional().describe('Password of the first admin (sensitive); in demo mode a generated one is printed when unset'),
  UPTAKE_SESSION_HOURS: z.coerce.number().positive().max(24 * 90).default(12).describe('Lifetime of a browser session'),
  UPTAKE_SESSION_IDLE_HOURS: z.coerce.number().positive().max(24 * 90).default(8).describe('A browser session not used for this long ends'),
  UPTAKE_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(3650).default(90).describe('Days until a new API token expires, unless `token create --expires-in-days` says otherwise'),
  UPTAKE_COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto').describe('Secure cookies: auto = when the request came over HTTPS'),
  UPTAKE_TRUST_PROXY: z.string().optional().describe('Express "trust proxy" (e.g. 1, loopback): use X-Forwarded-* for the client IP and HTTPS'),
  UPTAKE_CORS_ORIGINS: z.string().default('').describe('Comma-separated origins allowed to call the API from a browser; empty: none (CORS closed)'),
  UPTAKE_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(10).describe('Password attempts per email that go without delay (per IP: 3 times as many); each further one waits 1 s, 2 s, 4 s...'),
  UPTAKE_LOGIN_MAX_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(60).describe('The longest delay between two password attempts for one email or from one IP'),
  UPTAKE_LOGIN_WINDOW_MINUTES: z.coerce.number().positive().default(15).describe('A streak of password attempts is forgotten after this long without attempts'),
  UPTAKE_OIDC_ISSUER: z.url().optional().describe('OpenID Connect issuer URL; enables single sign-on'),
  UPTAKE_OIDC_CLIENT_ID: z.string().min(1).optional().describe('OpenID Connect client id'),
  UPTAKE_OIDC_CLIENT_SECRET: z.string().min(1).optional().describe('OpenID Connect client secret (sensitive); without it the client is public and uses PKCE only'),
  UPTAKE_OIDC_REDIRECT_URI: z.url().optional().describe('Callback registered at the provider, e.g. https://uptake.example.com/api/auth/oidc/callback'),
  UPTAKE_OIDC_SCOPES: z.string().default('openid email profile').describe('Scopes asked for'),
  UPTAKE_OIDC_DEFAULT_ROLE: RoleSchema.optional().describe('Role of an account created at its first single sign-on; unset: only existing accounts may sign in'),
  UPTAKE_OIDC_ALLOWED_DOMAINS: z.string().default('').describe('Comma-separated email domains whose verified emails may sign in by single sign-on (exact domains, not subdomains); empty: any'),
  UPTAKE_OIDC_LABEL: z.string().default('Single sign-on').describe('Text of the sign-on button'),
  UPTAKE_OIDC_ALLOW_HTTP: flag('false').describe('Allow an http:// issuer (tests, loopback)'),
});

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
  const parsed = AuthEnvSchema.shape.UPTAKE_TOKEN_TTL_DAYS.safeParse(env.UPTAKE_TOKEN_TTL_DAYS);
  if (!parsed.success) throw new ConfigError(`invalid environment: UPTAKE_TOKEN_TTL_DAYS: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
  return parsed.data;
}

export function loadAuthConfig(env: NodeJS.ProcessEnv, demo: boolean, overrides: AuthOverrides = {}): AuthConfig {
  const parsed = AuthEnvSchema.safeParse(env);
  if (!parsed.success) {
    // Never echo a value: these include passwords and secrets.
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigError(`invalid environment: ${problems}`);
  }
  const values = parsed.data;
  return {
    adminEmail: values.UPTAKE_ADMIN_EMAIL ?? null,
    adminPassword: values.UPTAKE_ADMIN_PASSWORD ?? null,
    demo,
    sessionTtlMs: values.UPTAKE_SESSION_HOURS * 3_600_000,
    sessionIdleMs: values.UPTAKE_SESSION_IDLE_HOURS * 3_600_000,
    tokenTtlDays: values.UPTAKE_TOKEN_TTL_DAYS,
    cookieSecure: values.UPTAKE_COOKIE_SECURE === 'auto' ? 'auto' : values.UPTAKE_COOKIE_SECURE === 'true',
    trustProxy: values.UPTAKE_TRUST_PROXY ?? null,
    corsOrigins: values.UPTAKE_CORS_ORIGINS.split(',').map((origin) => origin.trim()).filter(Boolean),
    loginMaxFailures: values.UPTAKE_LOGIN_MAX_FAILURES,
    loginMaxDelayMs: values.UPTAKE_LOGIN_MAX_DELAY_SECONDS * 1000,
    loginWindowMs: values.UPTAKE_LOGIN_WINDOW_MINUTES * 60_000,
    oidc: oidcSettings(values),
    ...overrides,
  };
}

function oidcSettings(values: z.output<typeof AuthEnvSchema>): OidcSettings | null {
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
    allowedDomains: values.UPTAKE_OIDC_ALLOWED_DOMAINS.split(',').map((domain) => domain.trim().toLowerCase().replace(/^@/, '')).filter(Boolean),
    label: values.UPTAKE_OIDC_LABEL,
    allowHttp: values.UPTAKE_OIDC_ALLOW_HTTP,
  };
}
