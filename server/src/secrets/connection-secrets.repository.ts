import { invalidate } from '../cache/cache-tags';
import { Injectable } from '@nestjs/common';
import { Database, toNumber } from '../database/database.service';

export interface StoredOptionsRow {
  id: number;
  name: string;
  options: string;
}

/** Raw access to `connections.options` for sealing values stored before encryption existed. */
@Injectable()
export class ConnectionSecretsRepository {
  constructor(private readonly db: Database) {}

  async plainRows(sealedPrefix: string): Promise<StoredOptionsRow[]> {
    const rows = await this.db.query<{ id: number | string; name: string; options: string | null }>(
      'SELECT id, name, options FROM connections WHERE options IS NULL OR options NOT LIKE :prefix ORDER BY id',
      { prefix: `${sealedPrefix}%` },
    );
    return rows.map((row) => ({ id: toNumber(row.id), name: row.name, options: row.options ?? '{}' }));
  }

  /** Replaces the value only if nobody changed it since it was read. */
  async replace(id: number, previous: string, sealed: string): Promise<void> {
    await this.db.query('UPDATE connections SET options = :sealed WHERE id = :id AND options = :previous', { id, previous, sealed });
    await invalidate(this.db, 'sync_state');
  }
}
