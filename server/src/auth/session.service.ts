import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { AUTH_CONFIG, type AuthConfig } from './auth.config';
import { SessionRepository, type StoredSession } from './session.repository';
import { randomSecret, sha256Hex } from './token.util';

export interface NewSession {
  /** The session id for the cookie; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: number;
}

/** last_seen_at is written at most this often per session. */
const SEEN_RESOLUTION_MS = 60_000;

/**
 * Browser sessions with a fixed lifetime (UPTAKE_SESSION_HOURS) that also end when unused for
 * UPTAKE_SESSION_IDLE_HOURS; the cookie holds a random 256-bit id.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    @Inject(AUTH_CONFIG) private readonly config: AuthConfig,
  ) {}

  async create(accountId: number, client: { ip: string | null; userAgent: string | null }): Promise<NewSession> {
    const now = this.clock.now();
    await this.sessions.deleteExpired(now, now - this.config.sessionIdleMs);
    const token = randomSecret();
    const csrfToken = randomSecret();
    const expiresAt = now + this.config.sessionTtlMs;
    await this.sessions.create({
      idHash: sha256Hex(token),
      accountId,
      csrfToken,
      createdAt: now,
      expiresAt,
      lastSeenAt: now,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 300) ?? null,
    });
    return { token, csrfToken, expiresAt };
  }

  /** The live session of a cookie value, or null (unknown, expired or idle too long); notes that it was used. */
  async find(token: string): Promise<StoredSession | null> {
    const session = await this.sessions.find(sha256Hex(token));
    if (!session) return null;
    const now = this.clock.now();
    if (session.expiresAt <= now || now - session.lastSeenAt >= this.config.sessionIdleMs) {
      await this.sessions.delete(session.idHash);
      return null;
    }
    if (now - session.lastSeenAt >= SEEN_RESOLUTION_MS) await this.sessions.touch(session.idHash, now);
    return session;
  }

  async end(sessionHash: string): Promise<void> {
    await this.sessions.delete(sessionHash);
  }
}
