import { Body, Controller, Get, HttpCode, Inject, Logger, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import {
  AuthProvidersResponseSchema,
  ChangePasswordRequestSchema,
  LoginRequestSchema,
  SessionProbeResponseSchema,
  SessionResponseSchema,
  type AuthProvidersResponse,
  type ChangePasswordRequest,
  type SessionProbeResponse,
  type SessionResponse,
  type SsoError,
} from '@uptake/shared';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { AUTH_CONFIG, type AuthConfig } from '../auth/auth.config';
import { LoginService, sessionResponse } from '../auth/login.service';
import { OIDC_TRANSACTION_SECONDS, OidcService } from '../auth/oidc/oidc.service';
import { clientIp, principalOf, type Principal } from '../auth/principal';
import { OIDC_COOKIE, clearSessionCookies, readCookie, setOidcCookie, setSessionCookies } from '../auth/session-cookie.util';
import { Clock } from '../common/clock';
import { errorCodeOf } from '../common/error-codes';
import { openApiSchema } from '../common/http/openapi.util';
import { ZodValidationPipe } from '../common/http/zod-validation.pipe';

/** The callback's query: what providers send back (RFC 6749 4.1.2, OpenID Connect 3.1.2.5). */
const OidcCallbackQuerySchema = z.strictObject({
  code: z.string().max(4096).optional(),
  state: z.string().max(1024).optional(),
  error: z.string().max(256).optional(),
  error_description: z.string().max(2048).optional(),
  error_uri: z.string().max(2048).optional(),
  iss: z.string().max(2048).optional(),
  session_state: z.string().max(1024).optional(),
  scope: z.string().max(2048).optional(),
});

/** `Retry-After` of a throttled password attempt. */
function setRetryAfter(response: Response, error: unknown): void {
  const retryAfter = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
  if (errorCodeOf(error) === 'LOGIN_RATE_LIMITED' && retryAfter) response.setHeader('Retry-After', String(retryAfter));
}

/** Signed-in principal of a route the guard lets through only with a login. */
function signedIn(request: Request): Principal {
  return principalOf(request) as Principal;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  private readonly logger = new Logger('OIDC');

  constructor(
    private readonly login: LoginService,
    private readonly oidc: OidcService,
    private readonly clock: Clock,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  @Get('providers')
  @ApiOkResponse({
    description: 'How one can sign in: password, and single sign-on when configured.',
    schema: openApiSchema(AuthProvidersResponseSchema),
  })
  providers(): AuthProvidersResponse {
    return { password: true, oidc: { enabled: this.oidc.enabled, label: this.oidc.label } };
  }

  @Post('login')
  @HttpCode(200)
  @ApiBody({ schema: openApiSchema(LoginRequestSchema) })
  @ApiOkResponse({
    description: 'Signed in: sets the httpOnly session cookie and the uptake_csrf cookie. 401 INVALID_CREDENTIALS; 429 LOGIN_RATE_LIMITED.',
    schema: openApiSchema(SessionResponseSchema),
  })
  async signIn(
    @Body(new ZodValidationPipe(LoginRequestSchema, 'body')) body: z.output<typeof LoginRequestSchema>,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponse> {
    try {
      const { account, session } = await this.login.login(body.email, body.password, {
        ip: clientIp(request),
        userAgent: request.headers['user-agent'] ?? null,
      });
      setSessionCookies(request, response, this.config, session, this.clock.now());
      return sessionResponse(account, 'session', session.csrfToken, session.expiresAt);
    } catch (error) {
      setRetryAfter(response, error);
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Ends the session and clears its cookies.' })
  async signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.login.logout(signedIn(request), clientIp(request));
    clearSessionCookies(request, response, this.config);
  }

  @Get('me')
  @ApiOkResponse({
    description: 'The signed-in account, its role, what it may see, and the CSRF token of the session.',
    schema: openApiSchema(SessionResponseSchema),
  })
  me(@Req() request: Request): Promise<SessionResponse> {
    return this.login.describe(signedIn(request));
  }

  @Get('session')
  @ApiOkResponse({
    description:
      "Whether anyone is signed in, and if so the same answer as GET /api/auth/me; 200 also for nobody (no error status for the dashboard's first probe).",
    schema: openApiSchema(SessionProbeResponseSchema),
  })
  async session(@Req() request: Request): Promise<SessionProbeResponse> {
    const principal = principalOf(request);
    return principal ? { authenticated: true, ...(await this.login.describe(principal)) } : { authenticated: false };
  }

  @Post('password')
  @HttpCode(204)
  @ApiBody({ schema: openApiSchema(ChangePasswordRequestSchema) })
  @ApiNoContentResponse({
    description:
      'Password changed: this session stays; the other sessions and the API tokens of the account end. 401 INVALID_CREDENTIALS; 429 LOGIN_RATE_LIMITED.',
  })
  async changePassword(
    @Body(new ZodValidationPipe(ChangePasswordRequestSchema, 'body')) body: ChangePasswordRequest,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const principal = signedIn(request);
    try {
      await this.login.changePassword(principal, body.currentPassword, body.newPassword, clientIp(request));
    } catch (error) {
      setRetryAfter(response, error);
      throw error;
    }
  }

  @Get('oidc/login')
  @ApiOkResponse({ description: 'Redirects (302) to the OpenID Connect provider; 404 OIDC_NOT_CONFIGURED without UPTAKE_OIDC_ISSUER.' })
  async oidcLogin(@Req() request: Request, @Res() response: Response): Promise<void> {
    const { url, transaction } = await this.oidc.begin();
    setOidcCookie(request, response, this.config, transaction, OIDC_TRANSACTION_SECONDS);
    response.redirect(302, url);
  }

  @Get('oidc/callback')
  @ApiOkResponse({
    description:
      'Where the provider sends the browser back: signs in and redirects (302) to the dashboard, or to /login?error=<reason> (a key of SSO_ERRORS; details in the server log).',
  })
  async oidcCallback(
    @Query(new ZodValidationPipe(OidcCallbackQuerySchema)) query: z.output<typeof OidcCallbackQuerySchema>,
    @Req() request: Request,
    @Res() response: Response,
  ): Promise<void> {
    setOidcCookie(request, response, this.config, '', 0);
    const ip = clientIp(request);
    try {
      const params = Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
      const account = await this.oidc.complete(params, readCookie(request, this.config, OIDC_COOKIE), ip);
      const session = await this.login.start(account, { ip, userAgent: request.headers['user-agent'] ?? null }, 'oidc');
      setSessionCookies(request, response, this.config, session, this.clock.now());
      response.redirect(302, '/');
    } catch (error) {
      // The login page shows the text of the reason; the details go to the server log only.
      const reason: SsoError = (error as { reason?: SsoError }).reason ?? 'sso_failed';
      this.logger.warn(`single sign-on failed (${reason}): ${error instanceof Error ? error.message : String(error)}`);
      response.redirect(302, `/login?error=${reason}`);
    }
  }
}
