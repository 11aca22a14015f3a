import { Injectable } from '@nestjs/common';
import { Database } from '../database/database.service';

/** Named leases (a row with a holder and an expiry): one replica at a time does what the name says. */
@Injectable()
export class AlertLeaseRepository {
  constructor(private readonly db: Database) {}

  /** Takes the lease when it is free, expired or already ours, in one atomic upsert; false when another holder has it. */
  async acquire(name: string, holder: string, now: number, ttlMs: number): Promise<boolean> {
    await this.db.query(
      `INSERT INTO alert_leases (name, holder, expires_at) VALUES (:name, :holder, :expiresAt)
       ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
       WHERE alert_leases.expires_at < :now OR alert_leases.holder = :holder`,
      { name, holder, expiresAt: now + ttlMs, now },
    );
    const rows = await this.db.query<{ holder: string }>('SELECT holder FROM alert_leases WHERE name = :name', { name });
    return rows[0]?.holder === holder;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.query('DELETE FROM alert_leases WHERE name = :name AND holder = :holder', { name, holder });
  }
}
