import { openTestDatabase, testEngines, type TestDatabase } from '../../test/test-database';

describe.each(testEngines())('Database on %s', (engine) => {
  let sut: TestDatabase;
  beforeEach(async () => {
    sut = await openTestDatabase(engine);
  });
  afterEach(async () => {
    await sut.dispose();
  });

  it('migrates a fresh database to every table the metrics need', async () => {
    const [{ n }] = await sut.db.query<{ n: number }>('SELECT COUNT(*) AS n FROM crm_users');
    expect(Number(n)).toBe(0);
    await expect(sut.db.query('SELECT * FROM metric_snapshots')).resolves.toEqual([]);
  });

  it('binds named parameters and expands arrays the same on every engine', async () => {
    await sut.db.insertMany(
      'departments',
      ['name', 'created_at'],
      [
        ['A', 1],
        ['B', 2],
        ['C', 3],
      ],
    );
    const rows = await sut.db.query<{ name: string }>(
      'SELECT name FROM departments WHERE name IN (:...names) AND created_at >= :min ORDER BY name',
      {
        names: ['A', 'C'],
        min: 1,
      },
    );
    expect(rows.map((row) => row.name)).toEqual(['A', 'C']);
  });

  it('rolls a failed transaction back completely', async () => {
    await expect(
      sut.db.transaction(async (tx) => {
        await tx.query("INSERT INTO departments (name, created_at) VALUES ('X', 1)");
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(sut.db.query('SELECT * FROM departments')).resolves.toEqual([]);
  });
});
