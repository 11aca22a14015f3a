import { Inject, Injectable, Logger } from '@nestjs/common';
import type { SsoError } from '@uptake/shared';
import { z } from 'zod';
import { Clock } from '../../common/clock';
import { UptakeError } from '../../common/error-codes';
import { SecretBox } from '../../secrets/secret-box.service';
import type { StoredAccount } from '../account.repository';
import { AccountService } from '../account.service';
import { AuditService } from '../audit.service';
import { AUTH_CONFIG, type AuthConfig, type OidcSettings } from '../auth.config';
import { openIdClient, type OpenIdClientModule } from './openid-client.loader';

/** The round trip to the provider must come back within this time. */
export const OIDC_TRANSACTION_SECONDS = 600;
const TRANSACTION_CONTEXT = 'uptake oidc transaction';

const TransactionSchema = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), createdAt: z.number() });
type Transaction = z.infer<typeof TransactionSchema>;
type Configuration = Awaited<ReturnType<OpenIdClientModule['discovery']>>;

/** OIDC_FAILED with the reason the login page shows (`/login?error=<reason>`); the message is for the server log. */
export function oidcFailure(reason: SsoError, message: string): UptakeError & { reason: SsoError } {
  return Object.assign(new UptakeError('OIDC_FAILED', message), { reason });
}

/** What the ID token says about who signed in. */
interface OidcIdentity {
  issuer: string;
  subject: string;
  /** The email, lower case, only when the provider vouches for it (`email_verified` is the boolean true). */
  email: string | null;
  /** The email as claimed, verified or not (for messages only). */
  claimedEmail: string | null;
  name: string | null;
}

function identityOf(claims: Record<string, unknown>, fallbackIssuer: string): OidcIdentity {
  const claimedEmail = typeof claims.email === 'string' && claims.email.trim() ? claims.email.trim().toLowerCase() : null;
  return {
    issuer: String(claims.iss ?? fallbackIssuer),
    subject: typeof claims.sub === 'string' ? claims.sub : '',
    // A missing email_verified, or "true" as a string, is not a promise: only the boolean counts.
    email: claimedEmail && claims.email_verified === true ? claimedEmail : null,
    claimedEmail,
    name: typeof claims.name === 'string' ? claims.name : null,
  };
}

/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce), via
 * openid-client and the provider's discovery document. The transaction (state, nonce, PKCE
 * verifier) travels in a cookie sealed with the secret box, so any replica can finish it.
 * Account matching: see `match`.
 */
@Injectable()
export class OidcService {
  private readonly logger = new Logger('OIDC');
  private configuration: Promise<Configuration> | null = null;

  constructor(
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
    private readonly box: SecretBox,
    private readonly accounts: AccountService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  get enabled(): boolean {
    return this.config.oidc !== null;
  }

  get label(): string {
    return this.config.oidc?.label ?? 'Single sign-on';
  }

  /** The provider's authorization URL and the sealed transaction for the cookie. */
  async begin(): Promise<{ url: string; transaction: string }> {
    const settings = this.settings();
    const client = openIdClient();
    const configuration = await this.discover(settings);
    const transaction: Transaction = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      createdAt: this.clock.now(),
    };
    const url = client.buildAuthorizationUrl(configuration, {
      redirect_uri: settings.redirectUri,
      scope: settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(transaction.verifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url: url.href, transaction: this.box.seal(JSON.stringify(transaction), TRANSACTION_CONTEXT) };
  }

  /**
   * Finishes the round trip: `query` is the callback's query string. Returns the account to sign
   * in; throws OIDC_FAILED with a `reason` (SSO_ERRORS) and a message naming why.
   */
  async complete(query: Record<string, string>, sealedTransaction: string | undefined, ip: string | null): Promise<StoredAccount> {
    const settings = this.settings();
    const transaction = this.openTransaction(sealedTransaction);
    const client = openIdClient();
    const configuration = await this.discover(settings);
    const callback = new URL(settings.redirectUri);
    for (const [key, value] of Object.entries(query)) callback.searchParams.set(key, value);
    let claims: Record<string, unknown>;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, callback, {
        pkceCodeVerifier: transaction.verifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      claims = (tokens.claims() ?? {}) as Record<string, unknown>;
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      const why = cause instanceof Error ? ` (${cause.message})` : '';
      throw oidcFailure('sso_failed', `single sign-on failed: ${(error as Error).message}${why}`);
    }
    const identity = identityOf(claims, settings.issuer);
    try {
      const account = await this.match(settings, identity);
      if (account.disabled) throw oidcFailure('sso_account_disabled', `the Uptake account ${account.email} is disabled`);
      return account;
    } catch (error) {
      const reason = (error as { reason?: SsoError }).reason ?? 'sso_failed';
      await this.audit.record(
        { accountId: null, email: (identity.email ?? identity.claimedEmail ?? `oidc:${identity.subject}`).slice(0, 320), role: null, ip },
        { action: 'auth.login_failed', target: 'GET /api/auth/oidc/callback', detail: { method: 'oidc', reason } },
      );
      throw error;
    }
  }

  /**
   * The account of an identity: the one linked to it (issuer + subject); else, by verified email,
   * an account an admin allowed to link, or one without a password that is not an admin (linked
   * then); else a new account with UPTAKE_OIDC_DEFAULT_ROLE when set. With
   * UPTAKE_OIDC_ALLOWED_DOMAINS, every sign-in needs a verified email of one of those domains.
   */
  private async match(settings: OidcSettings, identity: OidcIdentity): Promise<StoredAccount> {
    const { issuer, subject, email, claimedEmail } = identity;
    const who = email ?? claimedEmail ?? subject;
    if (!subject) throw oidcFailure('sso_failed', 'single sign-on failed: the ID token names no subject');
    if (settings.allowedDomains.length > 0) {
      if (!email)
        throw oidcFailure(
          'sso_email_unverified',
          `${who}: the provider did not confirm the email (email_verified is not true), and UPTAKE_OIDC_ALLOWED_DOMAINS needs one`,
        );
      if (!settings.allowedDomains.includes(email.slice(email.lastIndexOf('@') + 1)))
        throw oidcFailure('sso_domain_not_allowed', `${email} is not of a domain in UPTAKE_OIDC_ALLOWED_DOMAINS`);
    }
    const linked = await this.accounts.findByOidc(issuer, subject);
    if (linked) return linked;
    if (!email) {
      if (claimedEmail)
        throw oidcFailure(
          'sso_email_unverified',
          `${claimedEmail}: the provider did not confirm the email (email_verified is not true), so it matches no account`,
        );
      throw oidcFailure('sso_no_account', `${subject} has no Uptake account and the provider sent no email`);
    }
    const byEmail = await this.accounts.findByEmail(email);
    if (byEmail) {
      const linkable =
        byEmail.oidcLinkAllowed || (byEmail.oidcSubject === null && byEmail.passwordHash === null && byEmail.role !== 'admin');
      if (!linkable) {
        throw oidcFailure(
          'sso_link_required',
          `${email} has an Uptake account that is linked to another identity, has a password or is an admin: an admin must allow the link (uptake user set ${email} --link-oidc)`,
        );
      }
      await this.accounts.linkOidc(byEmail.id, issuer, subject);
      return this.accounts.get(byEmail.id);
    }
    if (!settings.defaultRole) throw oidcFailure('sso_no_account', `${email} has no Uptake account: ask an admin to create one`);
    const actor = { accountId: null, email: `oidc:${issuer}`, role: null, ip: null };
    const { account } = await this.accounts.create(
      { email, name: identity.name ?? undefined, role: settings.defaultRole, oidcIssuer: issuer, oidcSubject: subject },
      actor,
    );
    return account;
  }

  private openTransaction(sealed: string | undefined): Transaction {
    if (!sealed) throw oidcFailure('sso_expired', 'single sign-on failed: the sign-in was not started here or took too long; start again');
    let transaction: Transaction;
    try {
      transaction = TransactionSchema.parse(JSON.parse(this.box.open(sealed, TRANSACTION_CONTEXT, 'the single sign-on cookie')));
    } catch {
      throw oidcFailure('sso_expired', 'single sign-on failed: the sign-in cookie is not valid; start again');
    }
    if (this.clock.now() - transaction.createdAt > OIDC_TRANSACTION_SECONDS * 1000)
      throw oidcFailure('sso_expired', 'single sign-on failed: the sign-in took too long; start again');
    return transaction;
  }

  private settings(): OidcSettings {
    if (!this.config.oidc) throw new UptakeError('OIDC_NOT_CONFIGURED', 'single sign-on is not configured (UPTAKE_OIDC_ISSUER)');
    return this.config.oidc;
  }

  private discover(settings: OidcSettings): Promise<Configuration> {
    if (!this.configuration) {
      const client = openIdClient();
      const auth = settings.clientSecret ? client.ClientSecretPost(settings.clientSecret) : client.None();
      const options = settings.allowHttp ? { execute: [client.allowInsecureRequests] } : undefined;
      this.configuration = client
        .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret ?? undefined, auth, options)
        .catch((error: Error) => {
          this.configuration = null;
          this.logger.warn(`discovery of ${settings.issuer} failed: ${error.message}`);
          throw oidcFailure(
            'sso_unavailable',
            `single sign-on is unavailable: the provider ${settings.issuer} did not answer its discovery document (${error.message})`,
          );
        });
    }
    return this.configuration;
  }
}
