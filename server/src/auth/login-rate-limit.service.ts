import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { errorCodeOf, UptakeError } from '../common/error-codes';
import { AUTH_CONFIG, type AuthConfig } from './auth.config';
import { throttleDelayMs } from './login-throttle-delay.util';
import { LoginThrottleRepository, type ThrottleKey } from './login-throttle.repository';

/** Attempts from one IP may be this many times the per-email number (one office behind a NAT). */
export const IP_FACTOR = 3;

/**
 * Password throttling (login and password change), kept in the database so it holds across
 * restarts and API replicas. Each attempt is reserved for its email and its client IP before the
 * password is checked, so parallel guesses cannot all slip past the count. The first
 * UPTAKE_LOGIN_MAX_FAILURES attempts of a streak per email (3 times as many per IP) go at once;
 * each further one must wait 1 s, 2 s, 4 s... up to UPTAKE_LOGIN_MAX_DELAY_SECONDS after the
 * previous one: a delay, not a lock, so a guesser cannot keep the real owner out. A right
 * password takes its attempt back; a streak idle for UPTAKE_LOGIN_WINDOW_MINUTES is forgotten.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    private readonly throttle: LoginThrottleRepository,
    private readonly clock: Clock,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  /**
   * Runs `check` (which throws INVALID_CREDENTIALS for a wrong password) as one reserved attempt
   * for `email` and `ip`. Throws LOGIN_RATE_LIMITED (with `retryAfterSeconds`) without running it
   * while either must still wait.
   */
  async attempt<T>(email: string, ip: string | null, check: () => Promise<T>): Promise<T> {
    const now = this.clock.now();
    const keys = this.keysOf(email.trim().toLowerCase(), ip);
    await this.throttle.forgetIdle(now - this.config.loginWindowMs);
    const reservation = await this.throttle.reserve(keys, now, this.config.loginWindowMs);
    if (!reservation.reserved) {
      const retryAfterSeconds = Math.max(1, Math.ceil((reservation.retryAt - now) / 1000));
      const who = reservation.key.startsWith('email:') ? `for ${email.trim().toLowerCase()}` : 'from this address';
      throw Object.assign(
        new UptakeError('LOGIN_RATE_LIMITED', `too many failed password attempts ${who}: try again in ${retryAfterSeconds} s`),
        { retryAfterSeconds },
      );
    }
    try {
      const result = await check();
      await this.throttle.release(keys, this.clock.now());
      return result;
    } catch (error) {
      // A wrong password keeps its attempt; anything else (the server was busy, a database error) was no guess.
      if (errorCodeOf(error) !== 'INVALID_CREDENTIALS') await this.throttle.release(keys, this.clock.now());
      throw error;
    }
  }

  private keysOf(email: string, ip: string | null): ThrottleKey[] {
    const perEmail = { free: this.config.loginMaxFailures, maxDelayMs: this.config.loginMaxDelayMs };
    const perIp = { free: this.config.loginMaxFailures * IP_FACTOR, maxDelayMs: this.config.loginMaxDelayMs };
    const keys: ThrottleKey[] = [{ key: `email:${email}`.slice(0, 400), delayAfter: (attempts) => throttleDelayMs(attempts, perEmail) }];
    if (ip) keys.push({ key: `ip:${ip}`, delayAfter: (attempts) => throttleDelayMs(attempts, perIp) });
    return keys;
  }
}
