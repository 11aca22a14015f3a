import { DataSource } from 'typeorm';
import { freshDatabase, testEngines } from '../../../test/test-database';
import { createDataSource, MIGRATIONS } from '../data-source.factory';
import { parseDatabaseUrl } from '../database-url.util';
import { LoginThrottleAndSessionIdle1765100000000 } from './1765100000000-login-throttle-and-session-idle';

/** The data source of `url`, with the migrations up to (without) `before` only. */
function migratedBefore(url: string, before: string): DataSource {
  const source = createDataSource(parseDatabaseUrl(url));
  const migrations = MIGRATIONS.slice(
    0,
    MIGRATIONS.findIndex((migration) => migration.name === before),
  );
  source.setOptions({ migrations });
  return source;
}

describe.each(testEngines())(`${LoginThrottleAndSessionIdle1765100000000.name} on %s`, (engine) => {
  it('upgrades a database in use: tokens get an expiry, sessions a last use, accounts keep their change counter', async () => {
    const fresh = await freshDatabase(engine);
    try {
      const old = migratedBefore(fresh.url, LoginThrottleAndSessionIdle1765100000000.name);
      await old.initialize();
      await old.runMigrations();
      await old.query("INSERT INTO accounts (email, role, disabled, created_at) VALUES ('ann@example.com', 'admin', FALSE, 1000)");
      const [{ id }] = (await old.query("SELECT id FROM accounts WHERE email = 'ann@example.com'")) as Array<{ id: number }>;
      await old.query(`INSERT INTO api_tokens (account_id, token_hash, prefix, created_at) VALUES (${id}, 'h1', 'upt_a', 1000)`);
      await old.query(
        `INSERT INTO api_tokens (account_id, token_hash, prefix, created_at, revoked_at) VALUES (${id}, 'h2', 'upt_b', 1000, 2000)`,
      );
      await old.query(
        `INSERT INTO sessions (id_hash, account_id, csrf_token, created_at, expires_at) VALUES ('s1', ${id}, 'c', 5000, 9000)`,
      );
      await old.destroy();

      const before = Date.now();
      const current = createDataSource(parseDatabaseUrl(fresh.url));
      await current.initialize();
      try {
        await current.runMigrations();
        const tokens = (await current.query('SELECT prefix, expires_at FROM api_tokens ORDER BY prefix')) as Array<{
          prefix: string;
          expires_at: string | number | null;
        }>;
        // The live token expires 90 days after the upgrade; the revoked one is left alone.
        expect(Math.round((Number(tokens[0].expires_at) - before) / 86_400_000)).toBe(90);
        expect(tokens[1].expires_at).toBeNull();
        const [session] = (await current.query('SELECT last_seen_at FROM sessions')) as Array<{ last_seen_at: string | number }>;
        expect(Number(session.last_seen_at)).toBe(5000);
        const [account] = (await current.query('SELECT oidc_link_allowed FROM accounts')) as Array<{ oidc_link_allowed: unknown }>;
        expect([false, 0]).toContain(account.oidc_link_allowed);
        // The triggers that count account changes survived the new column.
        const counter = async () =>
          Number(
            ((await current.query("SELECT value FROM change_counters WHERE name = 'access'")) as Array<{ value: string | number }>)[0]
              .value,
          );
        const start = await counter();
        await current.query("UPDATE accounts SET name = 'Ann'");
        expect(await counter()).toBe(start + 1);
      } finally {
        await current.destroy();
      }
    } finally {
      await fresh.dispose();
    }
  });
});
