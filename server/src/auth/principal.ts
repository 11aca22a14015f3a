import type { PeopleAccess, Role } from '@uptake/shared';
import type { Request } from 'express';

/** The signed-in account of a request, as the guard found it. */
export interface Principal {
  accountId: number;
  email: string;
  name: string | null;
  role: Role;
  /** Departments whose people a trainer may see. */
  departments: readonly string[];
  via: 'session' | 'token';
  /** SHA-256 of the session id (via session). */
  sessionHash: string | null;
  /** The session's CSRF token (via session). */
  csrfToken: string | null;
  /** When the session or token ends (ms); null for a token without expiry. */
  expiresAt: number | null;
}

/** Who did something, for the audit log: a principal, a failed login's email, or the CLI. */
export interface Actor {
  accountId: number | null;
  email: string;
  role: Role | null;
  ip: string | null;
}

export type RequestWithPrincipal = Request & { principal?: Principal | null };

export function principalOf(request: Request): Principal | null {
  return (request as RequestWithPrincipal).principal ?? null;
}

export function actorOf(principal: Principal, ip: string | null): Actor {
  return { accountId: principal.accountId, email: principal.email, role: principal.role, ip };
}

/** The client's address as Express sees it (X-Forwarded-For only with UPTAKE_TRUST_PROXY). */
export function clientIp(request: Request): string | null {
  return (request.ip ?? request.socket?.remoteAddress ?? null)?.slice(0, 64) ?? null;
}

/** admin: everyone; trainer: the people of the departments assigned; executive and viewer: nobody. */
export function peopleAccessOf(role: Role): PeopleAccess {
  if (role === 'admin') return 'all';
  if (role === 'trainer') return 'departments';
  return 'none';
}

export function seesPeopleOf(principal: Pick<Principal, 'role' | 'departments'> | null, department: string): boolean {
  if (!principal) return false;
  const access = peopleAccessOf(principal.role);
  return access === 'all' || (access === 'departments' && principal.departments.includes(department));
}
