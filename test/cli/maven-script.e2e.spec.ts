import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, uptake } from './cli-runner';

const SCRIPT = join(ROOT, 'scripts', 'maven-to-import.mjs');

/** A hand-made folder in the layout of the Maven Analytics download (CRLF line ends, as published). */
const SOURCE: Record<string, string> = {
  'sales_teams.csv': [
    'sales_agent,manager,regional_office',
    'Anna Li,Dustin Brinkmann,Central',
    'Boris Kent,Dustin Brinkmann,Central',
    'Cara Díaz,Melvin Marxen,West',
  ].join('\r\n'),
  'sales_pipeline.csv': [
    'opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value',
    'D1,Anna Li,GTX Pro,Acme,Won,2017-01-05,2017-02-01,1000',
    'D2,Boris Kent,MG Special,Acme,Lost,2017-01-10,2017-03-01,0',
    'D3,Cara Díaz,GTX Pro,,Prospecting,,,',
    'D4,Boris Kent,GTX Pro,Acme,Engaging,2017-02-10,,',
  ].join('\r\n'),
  'accounts.csv': [
    'account,sector,year_established,revenue,employees,office_location,subsidiary_of',
    'Acme,technolgy,1990,100.5,50,United States,',
    'Zeta Corp,retail,2001,20,10,Philipines,Acme',
  ].join('\r\n'),
};

function convert(args: string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/maven-to-import.mjs', () => {
  let dir: string;
  let source: string;
  let out: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-maven-'));
    source = join(dir, 'crm-sales-opportunities');
    out = join(dir, 'out');
    mkdirSync(source);
    for (const [name, body] of Object.entries(SOURCE)) writeFileSync(join(source, name), `${body}\r\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('says where to get the data set when --source is not given', () => {
    const result = convert([out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--source is missing');
    expect(result.stderr).toContain('Maven Analytics');
    expect(result.stderr).toContain('CRM Sales Opportunities');
  });

  it('names a source folder that does not exist', () => {
    const result = convert(['--source', join(dir, 'nowhere'), out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--source ${join(dir, 'nowhere')}: no such folder`);
  });

  it('names the file a source folder lacks, and writes nothing', () => {
    unlinkSync(join(source, 'accounts.csv'));
    const result = convert(['--source', source, out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--source ${source} has no accounts.csv`);
    expect(result.stderr).toContain('sales_teams.csv, sales_pipeline.csv and accounts.csv');
    expect(() => readFileSync(join(out, 'users.csv'))).toThrow();
  });

  it('converts the folder into the import format, which imports', () => {
    const result = convert(['--source', source, out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Managers first (their office is their agents'), then the agents, ids slugified (Díaz -> diaz).
    expect(readFileSync(join(out, 'users.csv'), 'utf8')).toBe(
      [
        'id,name,department,role,manager_id',
        'dustin-brinkmann,Dustin Brinkmann,Central,Sales Manager,',
        'melvin-marxen,Melvin Marxen,West,Sales Manager,',
        'anna-li,Anna Li,Central,Sales Agent,dustin-brinkmann',
        'boris-kent,Boris Kent,Central,Sales Agent,dustin-brinkmann',
        'cara-diaz,Cara Díaz,West,Sales Agent,melvin-marxen',
        '',
      ].join('\n'),
    );
    // Acme: Boris has 2 of its 3 deals, so he owns it; Zeta Corp has no deal, so no owner.
    expect(readFileSync(join(out, 'accounts.csv'), 'utf8')).toBe(
      [
        'id,owner_id,name,sector,year_established,revenue,employees,office_location,subsidiary_of',
        'acme,boris-kent,Acme,technolgy,1990,100.5,50,United States,',
        'zeta-corp,,Zeta Corp,retail,2001,20,10,Philipines,Acme',
        '',
      ].join('\n'),
    );
    const opportunities = readFileSync(join(out, 'opportunities.csv'), 'utf8').split('\n');
    expect(opportunities[3]).toBe('D3,cara-diaz,Prospecting,,false,false,,,,,,GTX Pro');

    const imported = uptake(['import', out], { DATABASE_URL: `sqlite:${join(dir, 'maven.sqlite')}` });
    expect(imported.stderr).not.toContain('uptake:');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('5 users');
    expect(imported.stdout).toContain('4 opportunities');
  });
});
