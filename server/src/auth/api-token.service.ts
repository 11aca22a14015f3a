import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { UptakeError } from '../common/error-codes';
import { AccountService } from './account.service';
import { ApiTokenRepository, type StoredApiToken } from './api-token.repository';
import { AuditService } from './audit.service';
import type { Actor } from './principal';
import { API_TOKEN_PREFIX, randomSecret, sha256Hex } from './token.util';

/** Days until a token expires when neither the caller nor UPTAKE_TOKEN_TTL_DAYS says otherwise. */
export const DEFAULT_TOKEN_TTL_DAYS = 90;

/** last_used_at is written at most this often per token. */
const USE_RESOLUTION_MS = 60_000;

export interface CreatedApiToken {
  /** The token itself: shown once, never stored. */
  token: string;
  stored: StoredApiToken;
}

/** API tokens (`Authorization: Bearer upt_...`) acting as their account, with its role. */
@Injectable()
export class ApiTokenService {
  constructor(
    private readonly tokens: ApiTokenRepository,
    private readonly accounts: AccountService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** A new token of the account, expiring after `expiresInDays` (default DEFAULT_TOKEN_TTL_DAYS; the server and the CLI pass UPTAKE_TOKEN_TTL_DAYS). */
  async create(email: string, options: { label?: string | null; expiresInDays?: number }, actor: Actor): Promise<CreatedApiToken> {
    const days = options.expiresInDays ?? DEFAULT_TOKEN_TTL_DAYS;
    if (!(Number.isInteger(days) && days > 0))
      throw new UptakeError('VALIDATION_FAILED', `a token expires after a whole number of days above 0, not ${days}`);
    const account = await this.accounts.getByEmail(email);
    if (account.disabled)
      throw new UptakeError('VALIDATION_FAILED', `account ${account.email} is disabled: enable it before creating a token`);
    const token = `${API_TOKEN_PREFIX}${randomSecret()}`;
    const now = this.clock.now();
    const stored = await this.tokens.create({
      accountId: account.id,
      tokenHash: sha256Hex(token),
      prefix: token.slice(0, 10),
      label: options.label?.trim().slice(0, 200) || null,
      createdAt: now,
      expiresAt: now + days * 86_400_000,
    });
    await this.audit.record(actor, {
      action: 'token.created',
      target: `account ${account.email}`,
      detail: { tokenId: stored.id, prefix: stored.prefix, expiresAt: stored.expiresAt },
    });
    return { token, stored };
  }

  /** The token's record when it is known, not revoked and not expired; null otherwise. */
  async find(token: string): Promise<StoredApiToken | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const stored = await this.tokens.findByHashForSignIn(sha256Hex(token));
    const now = this.clock.now();
    if (!stored || stored.revokedAt !== null || (stored.expiresAt !== null && stored.expiresAt <= now)) return null;
    if (stored.lastUsedAt === null || now - stored.lastUsedAt >= USE_RESOLUTION_MS) await this.tokens.markUsed(stored.id, now);
    return stored;
  }

  async list(email: string): Promise<StoredApiToken[]> {
    const account = await this.accounts.getByEmail(email);
    return this.tokens.listForAccount(account.id);
  }

  async revoke(id: number, actor: Actor): Promise<StoredApiToken> {
    const stored = await this.tokens.findById(id);
    if (!stored) throw new UptakeError('TOKEN_NOT_FOUND', `no API token with id ${id} (see \`uptake token list EMAIL\`)`);
    await this.tokens.revoke(id, this.clock.now());
    const account = await this.accounts.get(stored.accountId);
    await this.audit.record(actor, {
      action: 'token.revoked',
      target: `account ${account.email}`,
      detail: { tokenId: id, prefix: stored.prefix },
    });
    return (await this.tokens.findById(id)) as StoredApiToken;
  }
}
