import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UptakeError } from '../common/error-codes';
import { AccountService } from './account.service';
import { AUTH_CONFIG, type AuthConfig } from './auth.config';
import type { Actor } from './principal';

/** The demo's first admin when UPTAKE_ADMIN_EMAIL is not set. */
export const DEMO_ADMIN_EMAIL = 'admin@uptake.local';
const SYSTEM: Actor = { accountId: null, email: 'uptake (first start)', role: null, ip: null };

/**
 * At the first start (no account at all): the admin of UPTAKE_ADMIN_EMAIL and UPTAKE_ADMIN_PASSWORD;
 * in demo mode without a password, one is generated and printed once. Later starts ignore both
 * variables: accounts are managed in the dashboard or with `uptake user`.
 */
@Injectable()
export class FirstAdminBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger('Auth');
  /** Hold the password box for `announce()` instead of printing it at once. */
  private deferred = false;
  private pending: string | null = null;

  constructor(
    private readonly accounts: AccountService,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureFirstAdmin();
  }

  /** The server prints the generated password last, after "ready", where it is not lost among the start-up lines. */
  deferAnnouncement(): void {
    this.deferred = true;
  }

  /** Prints the generated password held back by `deferAnnouncement()`, once. */
  announce(): void {
    if (this.pending !== null) this.logger.warn(this.pending);
    this.pending = null;
  }

  /** Returns the admin's email and, when generated, its password; null when accounts exist or none can be made. */
  async ensureFirstAdmin(): Promise<{ email: string; generatedPassword: string | null } | null> {
    if ((await this.accounts.count()) > 0) return null;
    const { adminEmail, adminPassword, demo } = this.config;
    if (!adminPassword && !demo) {
      this.logger.warn(
        'no account exists yet: set UPTAKE_ADMIN_EMAIL and UPTAKE_ADMIN_PASSWORD and restart, or run `npx uptake user add EMAIL --role admin`',
      );
      return null;
    }
    const email = adminEmail ?? DEMO_ADMIN_EMAIL;
    try {
      const { account, generatedPassword } = await this.accounts.create(
        { email, role: 'admin', name: 'Administrator', password: adminPassword ?? undefined },
        SYSTEM,
      );
      if (generatedPassword) {
        const box =
          `\n  ┌──────────────────────────────────────────────────────────────\n` +
          `  │ First admin account created (shown only this once):\n` +
          `  │   email:    ${account.email}\n` +
          `  │   password: ${generatedPassword}\n` +
          `  │ Change it after signing in, or set UPTAKE_ADMIN_EMAIL and UPTAKE_ADMIN_PASSWORD before the first start.\n` +
          `  │ Lost it? \`npm run uptake -- user set ${account.email} --reset-password\` prints a new one.\n` +
          `  └──────────────────────────────────────────────────────────────`;
        if (this.deferred) this.pending = box;
        else this.logger.warn(box);
      } else {
        this.logger.log(`first admin account ${account.email} created from UPTAKE_ADMIN_EMAIL`);
      }
      return { email: account.email, generatedPassword };
    } catch (error) {
      // Another replica created it at the same moment.
      if (error instanceof UptakeError && error.code === 'ACCOUNT_EXISTS') return null;
      throw error;
    }
  }
}
