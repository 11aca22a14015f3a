import { Injectable } from '@nestjs/common';
import { deepFreeze } from '../common/deep-freeze.util';
import { CacheService, invalidate, type CacheRegion } from '../cache/cache.service';
import { Database, toNullableNumber, toNumber } from '../database/database.service';

export interface StoredApiToken {
  id: number;
  accountId: number;
  /** First characters of the token, to recognise it in a list. */
  prefix: string;
  label: string | null;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

interface TokenRow {
  id: number | string;
  account_id: number | string;
  prefix: string;
  label: string | null;
  created_at: number | string;
  expires_at: number | string | null;
  last_used_at: number | string | null;
  revoked_at: number | string | null;
}

const toToken = (row: TokenRow): StoredApiToken => ({
  id: toNumber(row.id),
  accountId: toNumber(row.account_id),
  prefix: row.prefix,
  label: row.label,
  createdAt: toNumber(row.created_at),
  expiresAt: toNullableNumber(row.expires_at),
  lastUsedAt: toNullableNumber(row.last_used_at),
  revokedAt: toNullableNumber(row.revoked_at),
});

const COLUMNS = 'id, account_id, prefix, label, created_at, expires_at, last_used_at, revoked_at';

/** API tokens for `Authorization: Bearer`; only their SHA-256 is stored. */
@Injectable()
export class ApiTokenRepository {
  /** Tokens looked up by hash for signing requests in, kept per access stamp: see `findByHashForSignIn`. */
  private readonly signIns: CacheRegion<StoredApiToken | null>;

  constructor(
    private readonly db: Database,
    cache: CacheService = new CacheService(db),
  ) {
    this.signIns = cache.region('tokens-for-sign-in', ['access']);
  }

  async create(token: {
    accountId: number;
    tokenHash: string;
    prefix: string;
    label: string | null;
    createdAt: number;
    expiresAt: number | null;
  }): Promise<StoredApiToken> {
    await this.db.query(
      `INSERT INTO api_tokens (account_id, token_hash, prefix, label, created_at, expires_at)
       VALUES (:accountId, :tokenHash, :prefix, :label, :createdAt, :expiresAt)`,
      token,
    );
    await invalidate(this.db, 'access');
    const [row] = await this.db.query<TokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = :tokenHash`, {
      tokenHash: token.tokenHash,
    });
    return toToken(row);
  }

  async findByHash(tokenHash: string): Promise<StoredApiToken | null> {
    const [row] = await this.db.query<TokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE token_hash = :tokenHash`, { tokenHash });
    return row ? toToken(row) : null;
  }

  /**
   * `findByHash` for the look-up every bearer request makes: kept until an account, department or
   * token changes in any process (cache tag `access`; using a token writes last_used_at, which
   * counts as a change at most once a minute). Frozen: every request shares it.
   */
  async findByHashForSignIn(tokenHash: string): Promise<StoredApiToken | null> {
    return this.signIns.one(tokenHash, async () => deepFreeze(await this.findByHash(tokenHash)));
  }

  async findById(id: number): Promise<StoredApiToken | null> {
    const [row] = await this.db.query<TokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE id = :id`, { id });
    return row ? toToken(row) : null;
  }

  async listForAccount(accountId: number): Promise<StoredApiToken[]> {
    const rows = await this.db.query<TokenRow>(`SELECT ${COLUMNS} FROM api_tokens WHERE account_id = :accountId ORDER BY id`, {
      accountId,
    });
    return rows.map(toToken);
  }

  async markUsed(id: number, at: number): Promise<void> {
    await this.db.query('UPDATE api_tokens SET last_used_at = :at WHERE id = :id', { id, at });
    await invalidate(this.db, 'access');
  }

  async revoke(id: number, at: number): Promise<void> {
    await this.db.query('UPDATE api_tokens SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL', { id, at });
    await invalidate(this.db, 'access');
  }

  /** Revokes every token of the account not revoked yet. */
  async revokeForAccount(accountId: number, at: number): Promise<void> {
    await this.db.query('UPDATE api_tokens SET revoked_at = :at WHERE account_id = :accountId AND revoked_at IS NULL', { accountId, at });
    await invalidate(this.db, 'access');
  }
}
