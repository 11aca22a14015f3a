import { Injectable } from '@nestjs/common';
import type { DataCoverage } from '@uptake/shared';
import { CacheService, type CacheRegion } from '../cache/cache.service';
import { dayOf } from '../common/time.util';
import { Database, toNullableNumber } from '../database/database.service';
import { IS_COUNTED_LOGIN } from './metric-rules.sql';
import { METRICS_TAGS } from './metrics.repository';

type Instant = number | string | null;

/**
 * What the CRM data covers: the first and last counted login, and the newest activity of any kind.
 * A data set without logins, or one that ends long before the day asked for, would otherwise read
 * as 0% active and 100% stale. Three MIN/MAX queries, kept until the data changes.
 */
@Injectable()
export class DataCoverageRepository {
  private readonly cache: CacheRegion<DataCoverage>;

  constructor(
    private readonly db: Database,
    cache: CacheService = new CacheService(db),
  ) {
    this.cache = cache.region('data-coverage', METRICS_TAGS);
  }

  /** The coverage as days in `timezone`. */
  async coverage(timezone: string): Promise<DataCoverage> {
    return this.cache.one(timezone, async () => {
      const [logins] = await this.db.query<{ first: Instant; last: Instant }>(
        `SELECT MIN(l.login_at) AS first, MAX(l.login_at) AS last FROM login_events l WHERE ${IS_COUNTED_LOGIN}`,
      );
      const [newest] = await this.db.query<{ last: Instant }>(
        `SELECT MAX(last) AS last FROM (
           SELECT MAX(login_at) AS last FROM login_events
           UNION ALL SELECT MAX(created_at) FROM records
           UNION ALL SELECT MAX(created_at) FROM opportunities
           UNION ALL SELECT MAX(last_activity_at) FROM opportunities
           UNION ALL SELECT MAX(completed_at) FROM training_assignments
           UNION ALL SELECT MAX(occurred_at) FROM activities
         ) lasts`,
      );
      const day = (instant: Instant | undefined) => {
        const value = toNullableNumber(instant ?? null);
        return value === null ? null : dayOf(value, timezone);
      };
      return { loginsFrom: day(logins?.first), loginsTo: day(logins?.last), dataEndsOn: day(newest?.last) };
    });
  }
}
