import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { CSRF_HEADER } from '@uptake/shared';
import type { Request } from 'express';
import { UptakeError } from '../common/error-codes';
import { AuditService } from './audit.service';
import { Authenticator } from './authenticator.service';
import { actorOf, clientIp, seesPeopleOf, type Principal, type RequestWithPrincipal } from './principal';
import { policyFor, type RoutePolicy } from './route-policy';
import { sameSecret } from './token.util';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate of every API route (APP_GUARD): finds the principal, then applies the route's
 * entry of ROUTE_POLICIES — 401 without a login, 403 for a role that may not, 403 without the
 * CSRF token on an unsafe cookie-authenticated request, 400 for a query or body the route does
 * not take. Runs before pipes and handlers, so nothing of a refused request is computed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');
  private readonly warned = new Set<string>();

  constructor(
    private readonly authenticator: Authenticator,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    const { key, policy, classified } = policyFor(request.method, (request.route as { path?: string } | undefined)?.path);
    if (!classified && !this.warned.has(key)) {
      this.warned.add(key);
      this.logger.warn(`route ${key} is not in ROUTE_POLICIES (server/src/auth/route-policy.ts): only admins may call it`);
    }
    const principal = await this.authenticator.authenticate(request);
    request.principal = principal;

    if (policy.access !== 'public') {
      if (!principal)
        throw new UptakeError('UNAUTHENTICATED', 'sign in first: POST /api/auth/login, or send Authorization: Bearer <API token>');
      this.checkCsrf(request, principal);
      await this.authorize(request, principal, policy, key);
    }
    checkInputs(request, policy);
    if (policy.actorField && principal && isPlainObject(request.body)) request.body[policy.actorField] = principal.email;
    return true;
  }

  private checkCsrf(request: Request, principal: Principal): void {
    if (principal.via !== 'session' || SAFE_METHODS.has(request.method.toUpperCase())) return;
    const sent = request.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !principal.csrfToken || !sameSecret(sent, principal.csrfToken)) {
      throw new UptakeError(
        'CSRF_TOKEN_INVALID',
        `a request signed in by cookie must send the ${CSRF_HEADER} header with the value of the uptake_csrf cookie`,
      );
    }
  }

  private async authorize(request: Request, principal: Principal, policy: RoutePolicy, key: string): Promise<void> {
    let reason: string | null = null;
    if (policy.access === 'admin' && principal.role !== 'admin') reason = `only an admin may call ${key}`;
    if (policy.access === 'trainers' && principal.role !== 'admin' && principal.role !== 'trainer')
      reason = `only an admin or a trainer may call ${key}`;
    if (policy.access === 'people') {
      if (principal.role !== 'admin' && principal.role !== 'trainer')
        reason = `the ${principal.role} role sees aggregates only, not people-level data`;
      else if (policy.departmentParam) {
        const department = String(request.params[policy.departmentParam] ?? '');
        if (!seesPeopleOf(principal, department)) reason = `department "${department}" is not assigned to ${principal.email}`;
      }
    }
    if (reason === null) return;
    await this.audit.record(actorOf(principal, clientIp(request)), {
      action: 'access.denied',
      target: `${request.method} ${safeUrl(request.originalUrl)}`,
      department: policy.departmentParam ? String(request.params[policy.departmentParam] ?? '') : null,
      detail: { route: key, reason },
    });
    throw new UptakeError('FORBIDDEN', reason);
  }
}

/** A route that validates no query (or body) takes none: unknown input is refused, not ignored. */
function checkInputs(request: Request, policy: RoutePolicy): void {
  const query = request.query as Record<string, unknown> | undefined;
  if (!policy.query && query && Object.keys(query).length > 0) {
    const names = Object.keys(query);
    throw new UptakeError(
      'VALIDATION_FAILED',
      `invalid query: this route takes no query parameters (got ${names.map((name) => `"${name}"`).join(', ')})`,
      names.map((name) => ({ path: name, message: 'unknown parameter' })),
    );
  }
  const body: unknown = request.body;
  const empty = body === undefined || body === null || (isPlainObject(body) && Object.keys(body).length === 0);
  if (!policy.body && !empty) throw new UptakeError('VALIDATION_FAILED', 'invalid body: this route takes no request body');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The URL as sent, decoded for reading where it can be. */
export function safeUrl(url: string): string {
  try {
    return decodeURI(url);
  } catch {
    return url;
  }
}
