import { Inject, Injectable, Logger } from '@nestjs/common';
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

/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE, state and nonce), via
 * openid-client and the provider's discovery document. The transaction (state, nonce, PKCE
 * verifier) travels in a cookie sealed with the secret box, so any replica can finish it.
 * Account matching: the linked identity (issuer + subject), else an account with the same
 * verified email (linked then), else a new account with UPTAKE_OIDC_DEFAULT_ROLE when set.
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
    const transaction: Transaction = { state: client.randomState(), nonce: client.randomNonce(), verifier: client.randomPKCECodeVerifier(), createdAt: this.clock.now() };
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
   * in; throws OIDC_FAILED naming why (provider error, state mismatch, no such account...).
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
      throw new UptakeError('OIDC_FAILED', `single sign-on failed: ${(error as Error).message}`);
    }
    const issuer = String(claims.iss ?? settings.issuer);
    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    const email = typeof claims.email === 'string' && claims.email_verified !== false ? claims.email.trim().toLowerCase() : null;
    const account = await this.match(settings, issuer, subject, email, typeof claims.name === 'string' ? claims.name : null);
    if (!account) {
      await this.audit.record({ accountId: null, email: email ?? `oidc:${subject}`, role: null, ip }, { action: 'auth.login_failed', target: 'GET /api/auth/oidc/callback', detail: { method: 'oidc', reason: 'no account' } });
      throw new UptakeError('OIDC_FAILED', `${email ?? subject} has no Uptake account: ask an admin to create one`);
    }
    if (account.disabled) throw new UptakeError('OIDC_FAILED', `the Uptake account ${account.email} is disabled`);
    return account;
  }

  private async match(settings: OidcSettings, issuer: string, subject: string, email: string | null, name: string | null): Promise<StoredAccount | null> {
    if (!subject) return null;
    const linked = await this.accounts.findByOidc(issuer, subject);
    if (linked) return linked;
    if (email) {
      const byEmail = await this.accounts.findByEmail(email);
      if (byEmail) {
        if (byEmail.oidcSubject !== null) return null; // linked to another identity: never re-link silently
        await this.accounts.linkOidc(byEmail.id, issuer, subject);
        return this.accounts.get(byEmail.id);
      }
      if (settings.defaultRole) {
        const actor = { accountId: null, email: `oidc:${issuer}`, role: null, ip: null };
        const { account } = await this.accounts.create({ email, name: name ?? undefined, role: settings.defaultRole, oidcIssuer: issuer, oidcSubject: subject }, actor);
        return account;
      }
    }
    return null;
  }

  private openTransaction(sealed: string | undefined): Transaction {
    if (!sealed) throw new UptakeError('OIDC_FAILED', 'single sign-on failed: the sign-in was not started here or took too long; start again');
    let transaction: Transaction;
    try {
      transaction = TransactionSchema.parse(JSON.parse(this.box.open(sealed, TRANSACTION_CONTEXT, 'the single sign-on cookie')));
    } catch {
      throw new UptakeError('OIDC_FAILED', 'single sign-on failed: the sign-in cookie is not valid; start again');
    }
    if (this.clock.now() - transaction.createdAt > OIDC_TRANSACTION_SECONDS * 1000) throw new UptakeError('OIDC_FAILED', 'single sign-on failed: the sign-in took too long; start again');
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
      this.configuration = client.discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret ?? undefined, auth, options).catch((error: Error) => {
        this.configuration = null;
        this.logger.warn(`discovery of ${settings.issuer} failed: ${error.message}`);
        throw new UptakeError('OIDC_FAILED', `single sign-on is unavailable: the provider ${settings.issuer} did not answer its discovery document (${error.message})`);
      });
    }
    return this.configuration;
  }
}
