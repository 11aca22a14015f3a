#!/usr/bin/env node
// Turns the Maven Analytics "CRM Sales Opportunities" data set into Uptake's CSV import format
// (DESIGN.md, "CSV import format"), ready for `uptake import <out-dir>`.
//
//   node scripts/maven-to-import.mjs --source <dir> <out-dir>
//
// Source: the unzipped download of the data set (Maven Analytics Data Playground,
// https://mavenanalytics.io/data-playground, "CRM Sales Opportunities": sample data of a
// fictitious company, not shipped with Uptake because the download states no licence):
// sales_teams.csv, sales_pipeline.csv, accounts.csv. Written:
// - users.csv: the 35 sales agents and their 6 managers. id = the slugified name ("Mei-Mei Johns"
//   -> "mei-mei-johns"), department = regional office (Central, East, West; a manager's is the
//   office of their agents), role "Sales Agent" or "Sales Manager", manager_id = the manager's id.
//   The data set has no e-mail, status, licence or start date: those columns are left out, so the
//   import defaults apply (active, licensed, not integration, always existed).
// - opportunities.csv: one row per pipeline deal. id = opportunity_id, owner_id = the agent,
//   stage = deal_stage, amount = close_value (empty while open), is_closed = Won or Lost,
//   is_won = Won, created_at = engage_date (empty for Prospecting deals, which have none),
//   close_date; last_activity_at and last_modified_at are empty (not in the data); field columns
//   account (the account name as published, empty on 1,425 open deals) and product.
// - accounts.csv: one row per account. id = the slugified account name, owner_id = the agent with
//   the most deals on that account (any stage; a tie goes to the agent whose id sorts first; an
//   account without deals has no owner), fields name, sector, year_established, revenue,
//   employees, office_location, subsidiary_of, as published (typos included).
// The data set has no login history and no training records: no logins.csv or training.csv is
// written, nothing is invented.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';

const SOURCE_FILES = ['sales_teams.csv', 'sales_pipeline.csv', 'accounts.csv'];
const WHERE_TO_GET_IT =
  'Download "CRM Sales Opportunities" from the Maven Analytics Data Playground (https://mavenanalytics.io/data-playground), ' +
  'unzip it, and pass the folder with --source.';

function usage(message) {
  process.stderr.write(`${message}\nusage: node scripts/maven-to-import.mjs --source <dir> <out-dir>\n`);
  process.exit(2);
}

/** The source folder must hold the three files of the download; anything else is named before a file is written. */
function checkSource(source) {
  if (!existsSync(source) || !statSync(source).isDirectory()) usage(`--source ${source}: no such folder. ${WHERE_TO_GET_IT}`);
  const missing = SOURCE_FILES.find((name) => !existsSync(join(source, name)));
  if (missing) {
    usage(
      `--source ${source} has no ${missing}: expected the unzipped Maven Analytics "CRM Sales Opportunities" data set (sales_teams.csv, sales_pipeline.csv and accounts.csv)`,
    );
  }
}

function parseArguments(argv) {
  let out = null;
  let source = null;
  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--source') {
      if (!argv[i + 1]) usage('--source needs a folder');
      source = resolve(argv[++i]);
    } else if (argument.startsWith('--')) {
      usage(`unknown option ${argument}`);
    } else if (out === null) {
      out = resolve(argument);
    } else {
      usage(`unexpected argument ${argument}`);
    }
  }
  if (source === null) usage(`--source is missing: it names the folder of the data set. ${WHERE_TO_GET_IT}`);
  if (out === null) usage('the output folder is missing');
  checkSource(source);
  return { out, source };
}

/** Rows of a source file as objects keyed by its header (the files are CRLF, no BOM). */
function readTable(source, name) {
  const path = join(source, name);
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    usage(`cannot read ${path}: ${error.message}`);
  }
  return parse(text, { columns: true, bom: true, skip_empty_lines: true });
}

function slugify(name) {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** One id per name; two names with the same slug would merge two people or accounts, so that is an error. */
function slugsOf(names, what) {
  const ids = new Map();
  const owners = new Map();
  for (const name of names) {
    const id = slugify(name);
    if (!id) throw new Error(`${what} "${name}" gives an empty id`);
    const other = owners.get(id);
    if (other !== undefined && other !== name) throw new Error(`${what}s "${other}" and "${name}" both give the id "${id}"`);
    owners.set(id, name);
    ids.set(name, id);
  }
  return ids;
}

function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function writeCsv(path, header, rows) {
  const lines = [header.join(','), ...rows.map((row) => header.map((column) => csvCell(row[column])).join(','))];
  writeFileSync(path, `${lines.join('\n')}\n`);
  return rows.length;
}

function convert(source) {
  const teams = readTable(source, 'sales_teams.csv');
  const pipeline = readTable(source, 'sales_pipeline.csv');
  const accounts = readTable(source, 'accounts.csv');

  const people = slugsOf([...teams.map((t) => t.sales_agent), ...teams.map((t) => t.manager)], 'person');
  const officeOfManager = new Map();
  for (const team of teams) {
    const office = officeOfManager.get(team.manager);
    if (office !== undefined && office !== team.regional_office) {
      throw new Error(`manager "${team.manager}" has agents in ${office} and ${team.regional_office}`);
    }
    officeOfManager.set(team.manager, team.regional_office);
  }
  const users = [
    ...[...officeOfManager].map(([manager, office]) => ({
      id: people.get(manager),
      name: manager,
      department: office,
      role: 'Sales Manager',
      manager_id: '',
    })),
    ...teams.map((team) => ({
      id: people.get(team.sales_agent),
      name: team.sales_agent,
      department: team.regional_office,
      role: 'Sales Agent',
      manager_id: people.get(team.manager),
    })),
  ];

  const agentOf = (deal) => {
    const id = people.get(deal.sales_agent);
    if (!id) throw new Error(`deal ${deal.opportunity_id}: agent "${deal.sales_agent}" is not in sales_teams.csv`);
    return id;
  };
  const opportunities = pipeline.map((deal) => {
    const closed = deal.deal_stage === 'Won' || deal.deal_stage === 'Lost';
    return {
      id: deal.opportunity_id,
      owner_id: agentOf(deal),
      stage: deal.deal_stage,
      amount: deal.close_value,
      is_closed: closed ? 'true' : 'false',
      is_won: deal.deal_stage === 'Won' ? 'true' : 'false',
      created_at: deal.engage_date,
      close_date: deal.close_date,
      last_activity_at: '',
      last_modified_at: '',
      account: deal.account,
      product: deal.product,
    };
  });

  // Account owner: the agent with the most deals on the account; ties to the id that sorts first.
  const dealsPerAgent = new Map();
  for (const deal of pipeline) {
    if (!deal.account) continue;
    const counts = dealsPerAgent.get(deal.account) ?? new Map();
    const agent = agentOf(deal);
    counts.set(agent, (counts.get(agent) ?? 0) + 1);
    dealsPerAgent.set(deal.account, counts);
  }
  const ownerOf = (account) => {
    const counts = [...(dealsPerAgent.get(account) ?? new Map())];
    counts.sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
    return counts.length ? counts[0][0] : '';
  };
  const accountIds = slugsOf(
    accounts.map((a) => a.account),
    'account',
  );
  const accountRows = accounts.map((account) => ({
    id: accountIds.get(account.account),
    owner_id: ownerOf(account.account),
    name: account.account,
    sector: account.sector,
    year_established: account.year_established,
    revenue: account.revenue,
    employees: account.employees,
    office_location: account.office_location,
    subsidiary_of: account.subsidiary_of,
  }));

  return { users, opportunities, accounts: accountRows };
}

function main() {
  const { out, source } = parseArguments(process.argv.slice(2));
  const { users, opportunities, accounts } = convert(source);
  mkdirSync(out, { recursive: true });
  const written = {
    'users.csv': writeCsv(join(out, 'users.csv'), ['id', 'name', 'department', 'role', 'manager_id'], users),
    'opportunities.csv': writeCsv(
      join(out, 'opportunities.csv'),
      [
        'id',
        'owner_id',
        'stage',
        'amount',
        'is_closed',
        'is_won',
        'created_at',
        'close_date',
        'last_activity_at',
        'last_modified_at',
        'account',
        'product',
      ],
      opportunities,
    ),
    'accounts.csv': writeCsv(
      join(out, 'accounts.csv'),
      ['id', 'owner_id', 'name', 'sector', 'year_established', 'revenue', 'employees', 'office_location', 'subsidiary_of'],
      accounts,
    ),
  };
  process.stdout.write(`from ${source}\nwrote to ${out}:\n`);
  for (const [file, rows] of Object.entries(written)) process.stdout.write(`  ${file}: ${rows} rows\n`);
}

main();
