import { EmailSchema, PasswordSchema, RoleSchema } from '@uptake/shared';
import { CronTime } from 'cron';
import { z } from 'zod';
import { DATABASE_URL_FORMS, DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../database/database-url.util';
import { ConfigError } from './config.error';

/** One environment variable: how it is validated (with its default), what it does, and whether its value is a secret never echoed. */
export interface EnvVariable<S extends z.ZodType = z.ZodType> {
  schema: S;
  description: string;
  sensitive: boolean;
}

/** Where csv connections may read when UPTAKE_IMPORT_ROOT is unset: next to the default database (`data/uptake.sqlite`), relative to the working directory. */
export const DEFAULT_IMPORT_ROOT = 'data/import';

const variable = <S extends z.ZodType>(schema: S, description: string, options: { sensitive?: boolean } = {}): EnvVariable<S> => ({
  schema,
  description,
  sensitive: options.sensitive ?? false,
});

function isCronExpression(value: string): boolean {
  try {
    new CronTime(value, 'UTC');
    return true;
  } catch {
    return false;
  }
}

const flag = (fallback: 'true' | 'false') =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback)
    .transform((value) => value === 'true' || value === '1');

/**
 * Every environment variable Uptake reads, declared once: the README's configuration table lists
 * each of them (environment.spec.ts). `loadConfig` validates them all at start; the parts that
 * need one (auth, secrets, connectors, CLI) read it through `envValue`, with the same validation.
 */
export const ENVIRONMENT = {
  PORT: variable(z.coerce.number().int().min(0).max(65535).default(3000), 'HTTP port of the API and dashboard'),
  HOST: variable(z.string().default('0.0.0.0'), 'Interface to listen on'),
  DATABASE_URL: variable(
    z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .superRefine((value, ctx) => {
        try {
          parseDatabaseUrl(value);
        } catch {
          // Not the value: a URL may hold a password.
          ctx.addIssue({ code: 'custom', message: `not understood: ${DATABASE_URL_FORMS}` });
        }
      }),
    'sqlite:<path> or postgres://user:password@host:5432/db',
    { sensitive: true },
  ),
  UPTAKE_DEMO: variable(flag('true'), 'On an empty database, create the built-in demo CRM connection and its launch plan'),
  UPTAKE_SCHEDULER: variable(flag('true'), 'Run scheduled syncs in this process'),
  UPTAKE_WEB_DIST: variable(z.string().optional(), 'Folder of the built dashboard (default: web/dist of this checkout)'),
  UPTAKE_SYNC_OVERLAP_MINUTES: variable(
    z.coerce.number().min(0).default(5),
    'Incremental syncs re-read this many minutes before the watermark',
  ),
  UPTAKE_LOG_LEVEL: variable(
    z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    "Server log level; debug adds Nest's module and route mappings",
  ),
  // accounts, sessions, single sign-on and HTTP hardening (server/src/auth)
  UPTAKE_ADMIN_EMAIL: variable(EmailSchema.optional(), 'First admin, created at the first start when no account exists'),
  UPTAKE_ADMIN_PASSWORD: variable(
    PasswordSchema.optional(),
    'Password of the first admin; in demo mode a generated one is printed when unset',
    { sensitive: true },
  ),
  UPTAKE_SESSION_HOURS: variable(
    z.coerce
      .number()
      .positive()
      .max(24 * 90)
      .default(12),
    'Lifetime of a browser session',
  ),
  UPTAKE_SESSION_IDLE_HOURS: variable(
    z.coerce
      .number()
      .positive()
      .max(24 * 90)
      .default(8),
    'A browser session not used for this long ends',
  ),
  UPTAKE_TOKEN_TTL_DAYS: variable(
    z.coerce.number().int().min(1).max(3650).default(90),
    'Days until a new API token expires, unless `token create --expires-in-days` says otherwise',
  ),
  UPTAKE_COOKIE_SECURE: variable(
    z.enum(['auto', 'true', 'false']).default('auto'),
    'Secure cookies: auto = when the request came over HTTPS',
  ),
  UPTAKE_TRUST_PROXY: variable(
    z.string().optional(),
    'Express "trust proxy" (e.g. 1, loopback): use X-Forwarded-* for the client IP and HTTPS',
  ),
  UPTAKE_CORS_ORIGINS: variable(
    z.string().default(''),
    'Comma-separated origins allowed to call the API from a browser; empty: none (CORS closed)',
  ),
  UPTAKE_LOGIN_MAX_FAILURES: variable(
    z.coerce.number().int().min(1).default(10),
    'Password attempts per email that go without delay (per IP: 3 times as many); each further one waits 1 s, 2 s, 4 s...',
  ),
  UPTAKE_LOGIN_MAX_DELAY_SECONDS: variable(
    z.coerce.number().int().min(1).max(3600).default(60),
    'The longest delay between two password attempts for one email or from one IP',
  ),
  UPTAKE_LOGIN_WINDOW_MINUTES: variable(
    z.coerce.number().positive().default(15),
    'A streak of password attempts is forgotten after this long without attempts',
  ),
  UPTAKE_OIDC_ISSUER: variable(z.url().optional(), 'OpenID Connect issuer URL; enables single sign-on'),
  UPTAKE_OIDC_CLIENT_ID: variable(z.string().min(1).optional(), 'OpenID Connect client id'),
  UPTAKE_OIDC_CLIENT_SECRET: variable(
    z.string().min(1).optional(),
    'OpenID Connect client secret; without it the client is public and uses PKCE only',
    { sensitive: true },
  ),
  UPTAKE_OIDC_REDIRECT_URI: variable(
    z.url().optional(),
    'Callback registered at the provider, e.g. https://uptake.example.com/api/auth/oidc/callback',
  ),
  UPTAKE_OIDC_SCOPES: variable(z.string().default('openid email profile'), 'Scopes asked for'),
  UPTAKE_OIDC_DEFAULT_ROLE: variable(
    RoleSchema.optional(),
    'Role of an account created at its first single sign-on; unset: only existing accounts may sign in',
  ),
  UPTAKE_OIDC_ALLOWED_DOMAINS: variable(
    z.string().default(''),
    'Comma-separated email domains whose verified emails may sign in by single sign-on (exact domains, not subdomains); empty: any',
  ),
  UPTAKE_OIDC_LABEL: variable(z.string().default('Single sign-on'), 'Text of the sign-on button'),
  UPTAKE_OIDC_ALLOW_HTTP: variable(flag('false'), 'Allow an http:// issuer (tests, loopback)'),
  // the key that encrypts CRM credentials at rest (server/src/secrets)
  UPTAKE_SECRET_KEY: variable(z.string().optional(), 'Key that encrypts CRM credentials at rest (base64 or hex of 32 bytes)', {
    sensitive: true,
  }),
  UPTAKE_SECRET_KEY_FILE: variable(
    z.string().optional(),
    'File holding that key, used when UPTAKE_SECRET_KEY is unset (default: next to the database)',
  ),
  // connectors (server/src/connectors): read when used, so tests and operators can change them without a restart
  UPTAKE_ALLOW_PRIVATE_CRM_HOSTS: variable(
    z
      .string()
      .default('')
      .transform((value) => value.trim().toLowerCase())
      .pipe(z.enum(['', 'true', 'false', '1', '0'], { error: (issue) => `must be true or false, not "${String(issue.input)}"` }))
      .transform((value) => value === 'true' || value === '1'),
    'Let CRM connections reach private, loopback and link-local hosts (a CRM on the internal network, tests)',
  ),
  UPTAKE_IMPORT_ROOT: variable(
    z
      .string()
      .default('')
      .transform((value) => value.trim() || DEFAULT_IMPORT_ROOT),
    'The folder csv connections may read (their `path` option), relative to the working directory',
  ),
  // alerts (server/src/alerts)
  UPTAKE_SMTP_URL: variable(
    z
      .string()
      .optional()
      .refine((value) => value === undefined || /^smtps?:\/\/[^/]/.test(value.trim()), {
        message: 'expected smtp://[user:password@]host[:port] (STARTTLS) or smtps://... (TLS)',
      }),
    'SMTP server that sends alert emails: smtps:// for TLS, smtp:// upgrades with STARTTLS when offered (add ?requireTLS=true to insist); unset: no email',
    { sensitive: true },
  ),
  UPTAKE_SMTP_FROM: variable(z.string().trim().min(3).default('Uptake <uptake@localhost>'), 'From address of alert emails'),
  UPTAKE_PUBLIC_URL: variable(
    z.url({ protocol: /^https?$/, message: 'expected an http(s) URL such as https://uptake.example.com' }).optional(),
    'Address of the dashboard as readers reach it, for links in alerts (default http://localhost:PORT)',
  ),
  UPTAKE_ALERTS_CRON: variable(
    z.string().trim().default('*/15 * * * *').refine(isCronExpression, { message: 'expected a cron expression such as "*/15 * * * *"' }),
    'When the alert rules are evaluated (cron, UTC); outbox deliveries are retried every 30 seconds',
  ),
} as const satisfies Record<string, EnvVariable>;

export type EnvName = keyof typeof ENVIRONMENT;
type Schemas = { [K in EnvName]: (typeof ENVIRONMENT)[K]['schema'] };
export type Environment = { [K in EnvName]: z.output<Schemas[K]> };

const ENV_SCHEMA = z.object(Object.fromEntries(Object.entries(ENVIRONMENT).map(([name, declared]) => [name, declared.schema])) as Schemas);

/** Names of the variables whose values are secrets; a message about them never includes the value. */
export const SENSITIVE_VARIABLES: readonly EnvName[] = (Object.keys(ENVIRONMENT) as EnvName[]).filter(
  (name) => ENVIRONMENT[name].sensitive,
);

function invalid(issues: readonly z.core.$ZodIssue[], name?: string): ConfigError {
  // Messages name the variable and the rule, never a sensitive value: zod's messages do not echo input except where declared so above.
  const problems = issues
    .map((issue) => `${[name, ...issue.path].filter((part) => part !== undefined).join('.')}: ${issue.message}`)
    .join('; ');
  return new ConfigError(`invalid environment: ${problems}`);
}

/** Every declared variable of `env`, validated and with its default; a bad value is CONFIG_INVALID naming the variable. */
export function parseEnvironment(env: NodeJS.ProcessEnv): Environment {
  const parsed = ENV_SCHEMA.safeParse(env);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return parsed.data as Environment;
}

/** One declared variable of `env` (process.env by default), validated as at start. */
export function envValue<K extends EnvName>(name: K, env: NodeJS.ProcessEnv = process.env): Environment[K] {
  const parsed = ENVIRONMENT[name].schema.safeParse(env[name]);
  if (!parsed.success) throw invalid(parsed.error.issues, name);
  return parsed.data as Environment[K];
}
