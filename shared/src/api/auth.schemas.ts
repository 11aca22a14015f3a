import { z } from 'zod';

/*
 * Accounts, sessions, roles and the audit log (DESIGN.md "Privacy").
 *
 * Roles: admin (everything: goals, connections, users, audit log), trainer (people-level data of
 * the departments assigned to them), executive and viewer (aggregates only). Aggregates over
 * fewer than the plan's `privacy.min_group_size` seat holders are hidden from a role without
 * people-level access to them: their values are null and the object carries `suppressed: true`.
 *
 * Browser: POST /api/auth/login sets an httpOnly SameSite=Strict session cookie and a readable
 * `uptake_csrf` cookie (`__Host-` names over HTTPS: see SECURE_COOKIE_PREFIX); every unsafe request (POST, PUT, PATCH, DELETE) authenticated by the
 * cookie must echo that value in the `X-CSRF-Token` header. API clients send
 * `Authorization: Bearer <token>` (tokens from `uptake token create EMAIL`) and need no CSRF token.
 * Errors: 401 UNAUTHENTICATED (no or expired login), 403 FORBIDDEN (role may not),
 * 403 CSRF_TOKEN_INVALID, 429 LOGIN_RATE_LIMITED (with Retry-After).
 */

export const ROLES = ['admin', 'trainer', 'executive', 'viewer'] as const;
export const RoleSchema = z.enum(ROLES, { message: `expected a role: ${ROLES.join(', ')}` });
export type Role = z.infer<typeof RoleSchema>;

export const SESSION_COOKIE = 'uptake_session';
export const CSRF_COOKIE = 'uptake_csrf';
/**
 * Over HTTPS the cookies are named `__Host-uptake_session` and `__Host-uptake_csrf`: browsers take
 * such a cookie only with Secure, Path=/ and no Domain, so neither a plain-HTTP page nor a sibling
 * domain can plant one. Over plain HTTP (e.g. `npm start` on http://localhost:3000, or an intranet
 * install without TLS) they keep the bare names, without Secure, so every browser still signs in.
 */
export const SECURE_COOKIE_PREFIX = '__Host-';

/** The name of cookie `base` on an HTTPS (`secure`) or plain-HTTP connection. */
export function cookieName(base: string, secure: boolean): string {
  return secure ? `${SECURE_COOKIE_PREFIX}${base}` : base;
}
/** Header (lower case, as Node gives it) that carries the CSRF token on unsafe cookie-authenticated requests. */
export const CSRF_HEADER = 'x-csrf-token';

/** A department name as the plan and the CRM spell it. */
const DepartmentNameSchema = z.string().trim().min(1, 'a department name must not be empty').max(200);
export const EmailSchema = z
  .string()
  .trim()
  .max(320)
  .regex(/^[^\s@<>"',;]+@[^\s@<>"',;]+$/, 'expected an email address such as ann@example.com')
  .transform((email) => email.toLowerCase());
/** At least 12 characters; no upper limit below 1024 (argon2 hashes any length). */
export const PasswordSchema = z.string().min(12, 'a password needs at least 12 characters').max(1024);

// ---------------------------------------------------------------------------------------------
// POST /api/auth/login  body LoginRequestSchema -> 200 SessionResponseSchema (sets the cookies)
//   401 INVALID_CREDENTIALS; 429 LOGIN_RATE_LIMITED.
// POST /api/auth/logout -> 204 (clears the cookies, ends the session)
// GET  /api/auth/me     -> 200 SessionResponseSchema; 401 UNAUTHENTICATED without a login
// POST /api/auth/password body ChangePasswordRequestSchema -> 204
// GET  /api/auth/providers -> AuthProvidersResponseSchema (public: what the login page offers)
// GET  /api/auth/oidc/login -> 302 to the identity provider; /api/auth/oidc/callback -> 302 to /
// ---------------------------------------------------------------------------------------------

export const LoginRequestSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1, 'password is required').max(1024),
});

export const AccountViewSchema = z.object({
  id: z.number().int(),
  email: z.string(),
  name: z.string().nullable(),
  role: RoleSchema,
  /** Departments whose people a trainer may see (empty for other roles). */
  departments: z.array(z.string()),
  disabled: z.boolean(),
  /** A local password is set (single sign-on accounts may have none). */
  hasPassword: z.boolean(),
  /** Linked to a single sign-on identity. */
  sso: z.boolean(),
  createdAt: z.string(),
  lastLoginAt: z.string().nullable(),
});

/** What the signed-in account may see, for the UI to hide what the server would refuse anyway. */
export const PeopleAccessSchema = z.enum(['all', 'departments', 'none']);

export const SessionResponseSchema = z.object({
  account: AccountViewSchema,
  /** How this request was authenticated. */
  via: z.enum(['session', 'token']),
  /** Echo in the X-CSRF-Token header of unsafe requests (null for bearer tokens). */
  csrfToken: z.string().nullable(),
  peopleAccess: PeopleAccessSchema,
  /** Session end (ISO 8601); null for bearer tokens without expiry. */
  expiresAt: z.string().nullable(),
});

/**
 * GET /api/auth/session: who is signed in, answered 200 also to nobody (`authenticated: false`),
 * so the dashboard's first probe logs no error. GET /api/auth/me answers 401 then.
 */
export const SessionProbeResponseSchema = z.discriminatedUnion('authenticated', [
  z.object({ authenticated: z.literal(false) }),
  SessionResponseSchema.extend({ authenticated: z.literal(true) }),
]);

export const ChangePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: PasswordSchema,
});

export const AuthProvidersResponseSchema = z.object({
  password: z.literal(true),
  oidc: z.object({ enabled: z.boolean(), label: z.string() }),
});

/**
 * Why a single sign-on failed. The callback redirects to `/login?error=<reason>` and the login
 * page shows the text of the reason, never text taken from the URL (anyone can send a link with
 * any text in it). The details stay in the server log.
 */
export const SSO_ERRORS = {
  sso_failed: 'Single sign-on failed. Start again, or sign in with your password.',
  sso_expired: 'The single sign-on was not started in this browser or took too long. Start again.',
  sso_unavailable: 'Single sign-on is unavailable: the identity provider does not answer. Try again later.',
  sso_no_account: 'Your identity has no Uptake account. Ask an admin to create one.',
  sso_link_required:
    'An Uptake account with your email exists but is not linked to single sign-on. Sign in with your password, or ask an admin to allow the link.',
  sso_email_unverified: 'Your identity provider did not confirm your email address, so it cannot be matched to an Uptake account.',
  sso_domain_not_allowed: 'Accounts of your email domain may not sign in here.',
  sso_account_disabled: 'Your Uptake account is disabled.',
} as const;
export type SsoError = keyof typeof SSO_ERRORS;

/** The text to show for `/login?error=<reason>`: the reason's text, a general one for any other value, null without one. */
export function ssoErrorText(reason: string | null): string | null {
  if (!reason) return null;
  return Object.hasOwn(SSO_ERRORS, reason) ? SSO_ERRORS[reason as SsoError] : SSO_ERRORS.sso_failed;
}

// ---------------------------------------------------------------------------------------------
// GET   /api/users          -> AccountViewSchema[] (admin)
// POST  /api/users          body CreateAccountRequestSchema -> 201 CreatedAccountResponseSchema
//   409 ACCOUNT_EXISTS; 400 VALIDATION_FAILED.
// PATCH /api/users/:id      body UpdateAccountRequestSchema -> 200 AccountViewSchema
//   404 ACCOUNT_NOT_FOUND; 409 LAST_ADMIN (the last enabled admin cannot be demoted or disabled).
// GET   /api/users/departments -> AssignableDepartmentsResponseSchema (admin)
// A trainer's departments must be assignable: named by the launch plan in force or by the CRM data
// (departments of imported users). Any other name is a 400 VALIDATION_FAILED whose message
// suggests the assignable name that differs only in case or spacing ("Sales Apac" -> "Sales APAC").
// ---------------------------------------------------------------------------------------------

export const AssignableDepartmentsResponseSchema = z.object({
  /** Department names a trainer may be assigned, sorted; empty before any plan or CRM data. */
  departments: z.array(z.string()),
});

const departmentsField = z.array(DepartmentNameSchema).max(500);

export const CreateAccountRequestSchema = z
  .strictObject({
    email: EmailSchema,
    name: z.string().trim().min(1).max(200).optional(),
    role: RoleSchema,
    departments: departmentsField.default([]),
    /** Omit to have a password generated and returned once. */
    password: PasswordSchema.optional(),
  })
  .refine((body) => body.role === 'trainer' || body.departments.length === 0, {
    path: ['departments'],
    message: 'only a trainer is assigned departments',
  });

export const CreatedAccountResponseSchema = z.object({
  account: AccountViewSchema,
  /** The generated password, shown this once; null when the request gave one. */
  generatedPassword: z.string().nullable(),
});

export const UpdateAccountRequestSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200).nullable().optional(),
    role: RoleSchema.optional(),
    departments: departmentsField.optional(),
    disabled: z.boolean().optional(),
    password: PasswordSchema.optional(),
    /**
     * true: the next single sign-on with the account's verified email links to it (replacing any
     * link). Accounts with a password, and admins, are never linked by email otherwise.
     * false: removes the link and that permission.
     */
    linkOidc: z.boolean().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: 'give at least one of name, role, departments, disabled, password, linkOidc',
  });

// ---------------------------------------------------------------------------------------------
// GET /api/audit?limit=&before=&action=&actor=  -> AuditPageSchema (admin), newest first.
// ---------------------------------------------------------------------------------------------

export const AUDIT_ACTIONS = [
  'people.view',
  'training.people.view',
  'training.people.export',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'account.created',
  'account.updated',
  'token.created',
  'token.revoked',
  'api.change',
  'access.denied',
] as const;
export const AuditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditActionSchema>;

export const AuditEntrySchema = z.object({
  id: z.number().int(),
  /** ISO 8601 instant. */
  at: z.string(),
  /** Email of the account, the attempted email of a failed login, or "cli". */
  actor: z.string(),
  actorRole: RoleSchema.nullable(),
  action: AuditActionSchema,
  /** What was seen or changed, e.g. "GET /api/departments/Sales EMEA/people?asOf=2026-03-01". */
  target: z.string(),
  department: z.string().nullable(),
  /** Facts of the event, e.g. { rows: 38, asOf: "2026-03-01" }. Never secrets. */
  detail: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});

export const AuditQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
  /** Entries with an id below this (paging: the previous page's nextBefore). */
  before: z.coerce.number().int().min(1).optional(),
  action: AuditActionSchema.optional(),
  /** Exact actor email. */
  actor: z.string().trim().min(1).max(320).optional(),
});

export const AuditPageSchema = z.object({
  entries: z.array(AuditEntrySchema),
  /** Pass as `before` for the next (older) page; null at the end. */
  nextBefore: z.number().int().nullable(),
});

// ---------------------------------------------------------------------------------------------
// Suppression (small groups). Objects of the dashboard payloads (DepartmentMetrics, series points,
// ROI departments, training teams and lift) carry `suppressed: true` when their values are hidden
// because the group has fewer than `minGroupSize` seat holders, or because showing it would let a
// smaller hidden group be worked out from the organisation total (complementary suppression); the
// UI shows "hidden (fewer than N people)", or for the latter "hidden (would reveal a group of
// fewer than N people)", instead of the value.
// ---------------------------------------------------------------------------------------------

export const SuppressionFlagSchema = z.object({ suppressed: z.boolean().optional() });

/** The text the dashboard shows in place of a suppressed value. */
export function suppressedLabel(minGroupSize: number): string {
  return `hidden (fewer than ${minGroupSize} people)`;
}

/** The text in place of a group of `minGroupSize` or more hidden so that a smaller one cannot be worked out from the total. */
export function complementSuppressedLabel(minGroupSize: number): string {
  return `hidden (would reveal a group of fewer than ${minGroupSize} people)`;
}

/** The label for a hidden group of `seatHolders` people (unknown: the small-group label). */
export function suppressedLabelFor(seatHolders: number | null | undefined, minGroupSize: number): string {
  return typeof seatHolders === 'number' && seatHolders >= minGroupSize
    ? complementSuppressedLabel(minGroupSize)
    : suppressedLabel(minGroupSize);
}

export function isSuppressed(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { suppressed?: unknown }).suppressed === true;
}

export type LoginRequest = z.input<typeof LoginRequestSchema>;
export type AccountView = z.infer<typeof AccountViewSchema>;
export type PeopleAccess = z.infer<typeof PeopleAccessSchema>;
export type SessionResponse = z.infer<typeof SessionResponseSchema>;
export type SessionProbeResponse = z.infer<typeof SessionProbeResponseSchema>;
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequestSchema>;
export type AuthProvidersResponse = z.infer<typeof AuthProvidersResponseSchema>;
export type CreateAccountRequest = z.input<typeof CreateAccountRequestSchema>;
export type CreatedAccountResponse = z.infer<typeof CreatedAccountResponseSchema>;
export type UpdateAccountRequest = z.infer<typeof UpdateAccountRequestSchema>;
export type AssignableDepartmentsResponse = z.infer<typeof AssignableDepartmentsResponseSchema>;
export type AuditEntry = z.infer<typeof AuditEntrySchema>;
export type AuditQuery = z.infer<typeof AuditQuerySchema>;
export type AuditPage = z.infer<typeof AuditPageSchema>;
