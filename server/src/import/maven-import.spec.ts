import { execFileSync } from 'node:child_process';
import { PlanInForce } from '../plan/plan-in-force.service';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { FixedClock } from '../common/clock';
import { ConnectionRepository } from '../connections/connection.repository';
import type { Database } from '../database/database.service';
import type { SnapshotService } from '../metrics/snapshot.service';
import { PlanRepository } from '../plan/plan.repository';
import { IngestRepository } from '../sync/ingest.repository';
import { SyncRepository } from '../sync/sync.repository';
import { SyncService } from '../sync/sync.service';
import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';
import { ImportService } from './import.service';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const SCRIPT = join(REPO_ROOT, 'scripts', 'maven-to-import.mjs');
/** The unzipped Maven download (not shipped: see README.md); UPTAKE_MAVEN_DATASET names another folder. */
const DATASET = process.env.UPTAKE_MAVEN_DATASET ?? resolve(REPO_ROOT, '..', 'shared', 'datasets', 'maven-crm-sales-opportunities');
const describeWithDataset = existsSync(DATASET) ? describe : describe.skip;

/*
 * Expected values, computed from the source files with awk, independently of the script and the import
 * (CR stripped first: the files have CRLF line ends):
 *   tr -d '\r' < sales_teams.csv > st.csv; tr -d '\r' < sales_pipeline.csv > sp.csv
 *   open deals per office:
 *     awk -F, 'NR==FNR{if(FNR>1)office[$1]=$3;next} FNR>1 && ($5=="Prospecting"||$5=="Engaging"){n[office[$2]]++}
 *       END{for(o in n)print o,n[o]}' st.csv sp.csv          -> Central 908, East 433, West 748
 *   won deals and their close_value per office: the same with $5=="Won", n[...]++ and s[...]+=$8
 *                                                            -> Central 1629 3346293, East 1171 3090594, West 1438 3568647
 *   deals without an account:    awk -F, 'NR>1 && $4==""' sp.csv | wc -l   -> 1425
 *   deals without engage_date:   awk -F, 'NR>1 && $6==""' sp.csv | wc -l   -> 500 (the Prospecting ones)
 *   agents per office: sales_teams.csv has 11 Central, 12 East, 12 West, and 2 managers per office
 *   deals per agent on one account:
 *     awk -F, 'NR>1 && $4=="Acme Corporation"{print $2}' sp.csv | sort | uniq -c | sort -rn
 *       -> 9 each for Daniell Hammack, Donn Cantrell, Reed Clapper, Violet Mclelland: the tie goes to "daniell-hammack"
 *     the same for Betasoloin -> 10 each for Cassey Cress and Donn Cantrell: "cassey-cress"
 */
describeWithDataset('maven-to-import.mjs then ImportService', () => {
  beforeAll(() => Logger.overrideLogger(false));

  let out: string;
  let written: string;
  beforeAll(() => {
    out = mkdtempSync(join(tmpdir(), 'uptake-maven-'));
    written = execFileSync(process.execPath, [SCRIPT, '--source', DATASET, out], { encoding: 'utf8' });
  });
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('prints what it wrote', () => {
    expect(written).toContain('users.csv: 41 rows');
    expect(written).toContain('opportunities.csv: 8800 rows');
    expect(written).toContain('accounts.csv: 85 rows');
  });

  describe.each(testEngines())('imported on %s', (engine) => {
    let database: TestDatabase;
    let db: Database;
    let counts: Record<string, number>;

    beforeAll(async () => {
      database = await openTestDatabase(engine);
      db = database.db;
      const clock = new FixedClock(Date.UTC(2018, 0, 1));
      const connections = new ConnectionRepository(db);
      const snapshots = { backfillMissing: async () => undefined, recomputeToday: async () => undefined } as unknown as SnapshotService;
      const sync = new SyncService(
        db,
        connections,
        new SyncRepository(db),
        new IngestRepository(),
        new PlanInForce(new PlanRepository(db), clock),
        snapshots,
        clock,
      );
      const sut = new ImportService(connections, sync, clock);
      counts = (await sut.importFolder(out)).counts;
    });
    afterAll(() => database.dispose());

    const perDepartment = async (sql: string) => {
      const rows = await db.query<{ department: string; n: number | string; total?: number | string }>(sql);
      return Object.fromEntries(
        rows.map((row) => [row.department, row.total === undefined ? Number(row.n) : [Number(row.n), Number(row.total)]]),
      );
    };

    it('imports 41 users, 8,800 opportunities and 85 accounts', () => {
      // no logins.csv, training.csv or activities.csv: the sync counts 0 for them
      expect(counts).toEqual({ users: 41, logins: 0, opportunities: 8800, 'records:account': 85, training: 0, activities: 0 });
    });

    it('puts agents and managers in their regional office', async () => {
      // 11 + 2, 12 + 2, 12 + 2
      expect(
        await perDepartment(
          'SELECT d.name AS department, COUNT(*) AS n FROM crm_users u JOIN departments d ON d.id = u.department_id GROUP BY d.name',
        ),
      ).toEqual({
        Central: 13,
        East: 14,
        West: 14,
      });
    });

    it('counts the open deals of each office like awk does', async () => {
      expect(
        await perDepartment(`SELECT d.name AS department, COUNT(*) AS n FROM opportunities o
          JOIN crm_users u ON u.connection_id = o.connection_id AND u.external_id = o.owner_external_id
          JOIN departments d ON d.id = u.department_id
          WHERE o.is_closed = FALSE GROUP BY d.name`),
      ).toEqual({ Central: 908, East: 433, West: 748 });
    });

    it('counts the won deals and their value per office like awk does', async () => {
      expect(
        await perDepartment(`SELECT d.name AS department, COUNT(*) AS n, SUM(o.amount) AS total FROM opportunities o
          JOIN crm_users u ON u.connection_id = o.connection_id AND u.external_id = o.owner_external_id
          JOIN departments d ON d.id = u.department_id
          WHERE o.is_won = TRUE AND o.is_closed = TRUE GROUP BY d.name`),
      ).toEqual({ Central: [1629, 3346293], East: [1171, 3090594], West: [1438, 3568647] });
    });

    it('leaves created_at empty for Prospecting deals and the account field empty where the data has none', async () => {
      const [{ n: noStart }] = await db.query<{ n: number | string }>('SELECT COUNT(*) AS n FROM opportunities WHERE created_at IS NULL');
      const [{ n: noAccount }] = await db.query<{ n: number | string }>(
        `SELECT COUNT(*) AS n FROM record_fields WHERE object_type = 'opportunity' AND field = 'account' AND filled = FALSE`,
      );
      expect([Number(noStart), Number(noAccount)]).toEqual([500, 1425]);
    });

    it('stores the first deal of the file as published', async () => {
      // 1C1I7A6R,Moses Frase,GTX Plus Basic,Cancity,Won,2016-10-20,2017-03-01,1054
      const [deal] = await db.query<Record<string, unknown>>(
        `SELECT owner_external_id, stage, amount, created_at, close_date FROM opportunities WHERE external_id = '1C1I7A6R'`,
      );
      expect({ ...deal, amount: Number(deal.amount), created_at: Number(deal.created_at) }).toEqual({
        owner_external_id: 'moses-frase',
        stage: 'Won',
        amount: 1054,
        created_at: Date.UTC(2016, 9, 20),
        close_date: '2017-03-01',
      });
    });

    it('gives each account to the agent with the most deals on it, ties to the first id', async () => {
      const owners = await db.query<{ external_id: string; owner_external_id: string }>(
        `SELECT external_id, owner_external_id FROM records WHERE object_type = 'account' AND external_id IN ('acme-corporation', 'betasoloin') ORDER BY external_id`,
      );
      expect(owners).toEqual([
        { external_id: 'acme-corporation', owner_external_id: 'daniell-hammack' },
        { external_id: 'betasoloin', owner_external_id: 'cassey-cress' },
      ]);
    });
  });
});
