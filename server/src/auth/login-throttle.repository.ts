import { Injectable } from '@nestjs/common';
import { Database, toNumber } from '../database/database.service';

export interface ThrottleKey {
  /** `email:<address>` or `ip:<address>`. */
  key: string;
  /** Delay before the next attempt, given the attempts of the streak including this one. */
  delayAfter(attempts: number): number;
}

/** The verdict of `reserve`: reserved, or the instant the first blocked key frees up. */
export type Reservation = { reserved: true } | { reserved: false; key: string; retryAt: number };

interface ThrottleRow {
  attempts: number | string;
  next_at: number | string;
  last_at: number | string;
}

/**
 * Streaks of password attempts per email and per client IP (`login_throttle`). An attempt is
 * reserved in one transaction before the password is checked, for all its keys or none; on
 * PostgreSQL the rows are locked (FOR UPDATE, keys in sorted order), on SQLite the one writer
 * serialises transactions. So parallel attempts and API replicas see each other's reservations.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly db: Database) {}

  /** Counts one attempt on every key, unless one of them must still wait. A streak idle for `forgetAfterMs` starts over. */
  async reserve(keys: readonly ThrottleKey[], now: number, forgetAfterMs: number): Promise<Reservation> {
    const sorted = [...keys].sort((a, b) => a.key.localeCompare(b.key));
    return this.db.transaction(async (tx) => {
      const lock = tx.engine === 'postgres' ? ' FOR UPDATE' : '';
      const planned: Array<{ key: string; attempts: number; nextAt: number }> = [];
      for (const { key, delayAfter } of sorted) {
        await tx.query(
          'INSERT INTO login_throttle (throttle_key, attempts, next_at, last_at) VALUES (:key, 0, 0, :now) ON CONFLICT (throttle_key) DO NOTHING',
          { key, now },
        );
        const [row] = await tx.query<ThrottleRow>(
          `SELECT attempts, next_at, last_at FROM login_throttle WHERE throttle_key = :key${lock}`,
          { key },
        );
        const forgotten = now - toNumber(row.last_at) >= forgetAfterMs;
        const attempts = forgotten ? 0 : toNumber(row.attempts);
        const nextAt = forgotten ? 0 : toNumber(row.next_at);
        if (nextAt > now) return { reserved: false, key, retryAt: nextAt };
        const delay = delayAfter(attempts + 1);
        planned.push({ key, attempts: attempts + 1, nextAt: delay > 0 ? now + delay : nextAt });
      }
      for (const entry of planned) {
        await tx.query('UPDATE login_throttle SET attempts = :attempts, next_at = :nextAt, last_at = :now WHERE throttle_key = :key', {
          ...entry,
          now,
        });
      }
      return { reserved: true };
    });
  }

  /**
   * Takes back one reserved attempt of each key (the password was right, or it was not checked),
   * and the delay that attempt added: the next may start as if it had not been made.
   */
  async release(keys: readonly ThrottleKey[], now: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      const lock = tx.engine === 'postgres' ? ' FOR UPDATE' : '';
      for (const { key, delayAfter } of [...keys].sort((a, b) => a.key.localeCompare(b.key))) {
        const [row] = await tx.query<ThrottleRow>(
          `SELECT attempts, next_at, last_at FROM login_throttle WHERE throttle_key = :key${lock}`,
          { key },
        );
        if (!row || toNumber(row.attempts) === 0) continue;
        const attempts = toNumber(row.attempts) - 1;
        const delay = delayAfter(attempts);
        const nextAt = delay > 0 ? Math.min(toNumber(row.next_at), now + delay) : 0;
        await tx.query('UPDATE login_throttle SET attempts = :attempts, next_at = :nextAt WHERE throttle_key = :key', {
          key,
          attempts,
          nextAt,
        });
      }
    });
  }

  /** Drops streaks idle since before `before`. */
  async forgetIdle(before: number): Promise<void> {
    await this.db.query('DELETE FROM login_throttle WHERE last_at < :before', { before });
  }
}
