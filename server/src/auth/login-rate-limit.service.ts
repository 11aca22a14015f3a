import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { UptakeError } from '../common/error-codes';
import { AuditRepository } from './audit.repository';
import { AUTH_CONFIG, type AuthConfig } from './auth.config';

/** Failed logins from one IP may be this many times the per-email limit (one office behind a NAT). */
export const IP_FACTOR = 3;

/**
 * Login throttling, counted from the audit log's `auth.login_failed` entries (so it holds across
 * restarts and API replicas): after UPTAKE_LOGIN_MAX_FAILURES failures for one email within the
 * window, or three times that from one IP, logins are refused with 429 until the oldest counted
 * failure leaves the window. The password is not even checked meanwhile.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    private readonly audit: AuditRepository,
    private readonly clock: Clock,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /** Throws LOGIN_RATE_LIMITED (with `retryAfterSeconds`) when the email or the IP is over its limit. */
  async check(email: string, ip: string | null): Promise<void> {
    const now = this.clock.now();
    const since = now - this.config.loginWindowMs;
    const limits: Array<[{ actor: string } | { ip: string }, number]> = [[{ actor: email }, this.config.loginMaxFailures]];
    if (ip) limits.push([{ ip }, this.config.loginMaxFailures * IP_FACTOR]);
    for (const [by, max] of limits) {
      if ((await this.audit.countSince('auth.login_failed', by, since)) < max) continue;
      const oldest = (await this.audit.oldestOfLatest('auth.login_failed', by, since, max)) ?? now;
      const retryAfterSeconds = Math.max(1, Math.ceil((oldest + this.config.loginWindowMs - now) / 1000));
      const who = 'actor' in by ? `for ${email}` : 'from this address';
      throw Object.assign(new UptakeError('LOGIN_RATE_LIMITED', `too many failed logins ${who}: try again in ${retryAfterSeconds} s`), { retryAfterSeconds });
    }
  }
}
