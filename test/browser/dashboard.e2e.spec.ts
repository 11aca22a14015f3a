import { launchChromium, signInAsAdmin } from './chromium';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  METRIC_CATALOGUE,
  METRIC_KEYS,
  type ConnectionDetail,
  type MetricKey,
  type MetricsReport,
  type OverviewResponse,
  type PeopleResponse,
  type PlanHistoryResponse,
  type RestatementPage,
  type RoiResponse,
  type SyncRun,
  type TrainingResponse,
} from '@uptake/shared';
import { type Browser, type BrowserContext, type Page } from 'playwright-core';
import { attainment as attainmentOf, DASHBOARD_WORDING, diffPlans } from '@uptake/shared';
import {
  formatChange,
  formatCount,
  formatHealth,
  formatMetric,
  formatMoney,
  formatMoneyPrecise,
  formatShare,
  missingReason,
} from '../../web/src/utils/format';
import { seriousAxeViolations } from './axe';
import { ADMIN, ROOT, startDashboardServer, type DashboardServer } from './dashboard-server';
import { addDays, visibleText } from './page-text';

/*
 * The built dashboard served by the real server (node server/dist/main.js) on a fresh SQLite
 * database seeded with the demo CRM, driven in Debian Chromium. Every number checked on screen is
 * the API's value put through the dashboard's formatters (unit-tested by hand in web/).
 */

const SCREENSHOTS = join(ROOT, 'test', 'artifacts', 'screenshots');
const VIEWPORTS = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;

let server: DashboardServer;
let browser: Browser;
let desktop: BrowserContext;
let phone: BrowserContext;
let page: Page;

/** Opens `path` in the desktop page, waits for `ready`, runs axe, then screenshots it at 1280×800 and 390×844 (axe again on the phone). */
async function visit(name: string, path: string, ready: (target: Page) => Promise<void>): Promise<void> {
  await page.goto(`${server.baseUrl}${path}`);
  await ready(page);
  expect(await seriousAxeViolations(page)).toEqual([]);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-desktop.png`), fullPage: true });

  const small = await phone.newPage();
  try {
    await small.goto(`${server.baseUrl}${path}`);
    await ready(small);
    expect(await seriousAxeViolations(small)).toEqual([]);
    const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect({ page: name, horizontalOverflowPx: overflow }).toEqual({ page: name, horizontalOverflowPx: 0 });
    await small.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  } finally {
    await small.close();
  }
}

async function tileTexts(target: Page, metric: MetricKey) {
  return {
    value: await visibleText(target.getByTestId(`tile-value-${metric}`)),
    expected: await visibleText(target.getByTestId(`tile-expected-${metric}`)),
    change: await visibleText(target.getByTestId(`tile-change-${metric}`)),
  };
}

function expectedTile(data: OverviewResponse, metric: MetricKey) {
  const org = data.organisation;
  const expected = org.expected[metric];
  return {
    value: formatMetric(metric, org.metrics[metric]),
    expected: expected === undefined ? 'no goal' : formatMetric(metric, expected),
    change: formatChange(metric, org.metrics[metric], data.weekEarlier?.[metric] ?? null) ?? 'no value',
  };
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startDashboardServer();
  // A schedule that cannot fire during the test (1 January), so no sync changes the data under it.
  const [demo] = await server.api<ConnectionDetail[]>('/api/connections');
  const patched = await server.request(`/api/connections/${demo.id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ schedule: '0 0 1 1 *' }),
  });
  expect(patched.status).toBe(200);
  browser = await launchChromium();
  desktop = await browser.newContext({ viewport: VIEWPORTS.desktop });
  phone = await browser.newContext({ viewport: VIEWPORTS.phone, isMobile: true, hasTouch: true });
  page = await desktop.newPage();
  // The desktop signs in through the login page; the phone through the same API call the page makes.
  await page.goto(`${server.baseUrl}/`);
  await page.waitForURL(/\/login\?next=/);
  await signInAsAdmin(page);
  await page.getByTestId('tile-value-active_users').waitFor();
  const signedIn = await phone.request.post(`${server.baseUrl}/api/auth/login`, { data: ADMIN });
  expect(signedIn.status()).toBe(200);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Dashboard in Chromium against the real server and the demo CRM', () => {
  it('overview: organisation health, every tile and every heatmap cell equal the API, interactive within a second', async () => {
    // Warm the HTTP cache once, then time a load as a returning user sees it: the shell (navigation
    // and as-of picker) and the numbers both within a second on loopback (timings saved beside the screenshots).
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('tile-value-active_users').waitFor();
    const started = Date.now();
    await page.goto(`${server.baseUrl}/`);
    await page.getByLabel('As of').waitFor();
    const interactiveMs = Date.now() - started;
    await page.getByTestId('tile-value-active_users').waitFor();
    const numbersMs = Date.now() - started;
    const apiMs = await page.evaluate(
      () => performance.getEntriesByType('resource').find((entry) => entry.name.includes('/api/overview'))?.duration ?? null,
    );
    writeFileSync(
      join(ROOT, 'test', 'artifacts', 'overview-timing.json'),
      `${JSON.stringify({ interactiveMs, numbersMs, apiOverviewMs: apiMs }, null, 2)}\n`,
    );
    expect(interactiveMs).toBeLessThan(1000);
    expect(numbersMs).toBeLessThan(1000);

    const data = await server.api<OverviewResponse>('/api/overview');
    await visit('overview', '/', async (target) => {
      await target.getByTestId('tile-value-active_users').waitFor();
    });
    expect(await visibleText(page.getByTestId('org-health'))).toBe(formatHealth(data.organisation.health));
    expect(await visibleText(page.getByTestId('org-seat-holders'))).toBe(formatCount(data.organisation.seatHolders));
    for (const metric of METRIC_KEYS)
      expect({ metric, ...(await tileTexts(page, metric)) }).toEqual({ metric, ...expectedTile(data, metric) });

    const scopes = [{ name: 'Organisation', scope: data.organisation }, ...data.departments.map((d) => ({ name: d.department, scope: d }))];
    for (const { name, scope } of scopes) {
      expect(await visibleText(page.getByTestId(`heat-${name}-health`))).toBe(formatHealth(scope.health));
      for (const metric of METRIC_KEYS) {
        const cell = page.getByTestId(`heat-${name}-${metric}`);
        const value = scope.metrics[metric];
        const expected = scope.expected[metric];
        const reached =
          scope.attainment?.[metric] ??
          (value !== null && expected !== undefined ? attainmentOf(value, expected, METRIC_CATALOGUE[metric].direction) : null);
        const secondLine =
          value === null ? missingReason(metric, scope.seatHolders) : reached === null ? 'no goal' : `${formatShare(reached)} of plan`;
        const shown = {
          value: await visibleText(cell.locator('.metric-value')),
          second: await visibleText(cell.locator('.heat-attainment')),
        };
        expect({ name, metric, ...shown }).toEqual({ name, metric, value: formatMetric(metric, value), second: secondLine });
      }
    }
    const sync = page.getByTestId('sync-demo');
    expect(await visibleText(sync)).toContain('Succeeded');
    await sync.getByRole('link', { name: 'demo' }).click();
    await page.waitForURL(/\/connections#connection-1$/);
  });

  it('shows the metric definition on hover and on keyboard focus', async () => {
    await page.goto(`${server.baseUrl}/`);
    const value = page.getByTestId('tile-value-active_users');
    await value.hover();
    const tooltip = page.getByRole('tooltip');
    await expect(tooltip.textContent()).resolves.toContain(METRIC_CATALOGUE.active_users.definition);
    expect(await tooltip.isVisible()).toBe(true);
    await page.mouse.move(0, 0);
    await page.getByRole('tooltip').waitFor({ state: 'hidden' });

    // Keyboard: tab from the as-of picker through the page until the stale-opportunities tile value has focus.
    await page.getByLabel('As of').focus();
    const target = page.getByTestId('tile-value-stale_opportunities');
    for (let i = 0; i < 40 && !(await target.evaluate((element) => element === document.activeElement)); i++)
      await page.keyboard.press('Tab');
    expect(await target.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await page.getByRole('tooltip').textContent()).toContain(METRIC_CATALOGUE.stale_opportunities.definition);
    await page.keyboard.press('Escape');
    await page.getByRole('tooltip').waitFor({ state: 'hidden' });
  });

  it('the as-of picker moves every number to the chosen day, into the URL and the links', async () => {
    await page.goto(`${server.baseUrl}/`);
    await page.getByTestId('tile-value-active_users').waitFor();
    const today = (await server.api<OverviewResponse>('/api/overview')).asOf;
    const day = addDays(today, -14);
    await page.getByLabel('As of').fill(day);
    await page.waitForURL(`**/?asOf=${day}`);
    await page.locator(`[data-as-of="${day}"]`).waitFor();
    const data = await server.api<OverviewResponse>(`/api/overview?asOf=${day}`);
    for (const metric of METRIC_KEYS)
      expect({ metric, ...(await tileTexts(page, metric)) }).toEqual({ metric, ...expectedTile(data, metric) });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Departments' }).click();
    await page.waitForURL(`**/departments?asOf=${day}`);
    const report = await server.api<MetricsReport>(`/api/departments?asOf=${day}`);
    const first = report.departments[0];
    expect(await visibleText(page.getByTestId(`dept-row-${first.department}`))).toContain(formatHealth(first.health));
    await page.getByRole('link', { name: first.department, exact: true }).click();
    await page.waitForURL(`**/departments/${encodeURIComponent(first.department)}?asOf=${day}`);
    expect(await page.getByLabel('As of', { exact: true }).inputValue()).toBe(day);
  });

  it('department: metrics, trend charts with the goal ramp and target date, managers and people equal the API', async () => {
    const today = (await server.api<OverviewResponse>('/api/overview')).asOf;
    const report = await server.api<MetricsReport>(`/api/departments?asOf=${today}`);
    const department = report.departments.reduce((worst, d) => ((d.health ?? 101) < (worst.health ?? 101) ? d : worst));
    const path = `/departments/${encodeURIComponent(department.department)}?asOf=${today}`;
    const people = await server.api<PeopleResponse>(`/api/departments/${encodeURIComponent(department.department)}/people?asOf=${today}`);
    await visit('department', path, async (target) => {
      await target.getByTestId('people-table').waitFor();
      await target.locator('.recharts-line').first().waitFor();
    });
    for (const metric of METRIC_KEYS) {
      expect({ metric, text: await visibleText(page.getByTestId(`dept-value-${metric}`)) }).toEqual({
        metric,
        text:
          department.metrics[metric] === null
            ? `— ${missingReason(metric, department.seatHolders)}`
            : formatMetric(metric, department.metrics[metric]),
      });
    }
    // The demo CRM was first synced at the start: every day before today is reconstructed, drawn
    // with short dashes, and the page says so with the legend's reason.
    await expect(visibleText(page.getByTestId('trend-reconstructed-days'))).resolves.toMatch(
      /^\d+ of \d+ days are reconstructed \(drawn with short dashes\): they end before Uptake first read the CRM data/,
    );
    await expect(visibleText(page.getByTestId('legend-reconstructed'))).resolves.toContain('reconstructed (short dashes)');
    expect(await page.locator('[data-testid^="trend-"] .recharts-line path[stroke-dasharray="2 3"]').count()).toBe(METRIC_KEYS.length);
    // One chart per metric: the actual line (observed and reconstructed) and the expected line, and the target date for metrics with a goal.
    expect(await page.locator('[data-testid^="trend-"] .recharts-line').count()).toBe(METRIC_KEYS.length * 3);
    const plan = await server.api<PlanHistoryResponse>('/api/plan');
    const withGoal = METRIC_KEYS.filter((metric) =>
      plan.current!.plan.goals.some(
        (goal) => goal.metric === metric && (goal.department === '*' || goal.department === department.department),
      ),
    );
    expect(await page.locator('[data-testid^="trend-"] .recharts-reference-line').count()).toBe(withGoal.length);

    for (const group of people.byManager) {
      for (const metric of METRIC_KEYS) {
        const text = await visibleText(page.getByTestId(`manager-${group.managerName}-${metric}`));
        expect({ manager: group.managerName, metric, text }).toEqual({
          manager: group.managerName,
          metric,
          text: formatMetric(metric, group.metrics[metric]),
        });
      }
    }
    await expect(visibleText(page.locator('.table-tools'))).resolves.toContain(`${people.people.length} people`);
    const firstPerson = people.people[0];
    const row = page.getByTestId(`person-${firstPerson.externalId}`);
    expect(await visibleText(row)).toContain(`${firstPerson.logins7}`);
    if (firstPerson.recordCompleteness !== null)
      expect(await visibleText(row)).toContain(`${formatShare(firstPerson.recordCompleteness)} of ${firstPerson.trackedRecords}`);

    // The restatement log of the department, explained, as the API gives it
    const restatements = await server.api<RestatementPage>(
      `/api/restatements?department=${encodeURIComponent(department.department)}&pageSize=20`,
    );
    await page.getByText("A restatement is a change to a day's stored value after it was first recorded").waitFor();
    if (restatements.total === 0) expect(await page.getByText('No restatements').count()).toBe(1);
    else expect(await page.locator('[data-testid="restatements"] tbody tr').count()).toBe(restatements.items.length);
  });

  it('executive: licence spend, shelfware, cost per active user and pipeline equal the API', async () => {
    const data = await server.api<RoiResponse>('/api/roi');
    await visit('executive', '/executive', async (target) => {
      await target.getByTestId('roi-monthly-spend-value').waitFor();
      await target.locator('.recharts-line').first().waitFor();
    });
    const org = data.organisation;
    expect(await visibleText(page.getByTestId('roi-monthly-spend-value'))).toBe(formatMoney(org.monthlySpend.value, data.currency));
    expect(await visibleText(page.getByTestId('roi-shelfware-seats-value'))).toBe(formatCount(org.shelfwareSeats.value));
    expect(await visibleText(page.getByTestId('roi-shelfware-cost-value'))).toBe(
      formatMoney(org.shelfwareCostPerMonth.value, data.currency),
    );
    expect(await visibleText(page.getByTestId('roi-cost-per-mau-value'))).toBe(
      formatMoneyPrecise(org.costPerMonthlyActiveUser.value, data.currency),
    );
    expect(await visibleText(page.getByTestId('roi-mau-value'))).toBe(formatCount(org.monthlyActiveUsers.value));
    expect(await visibleText(page.getByTestId('pipeline-open'))).toBe(formatMoney(org.pipeline.openAmount, data.currency));
    expect(await visibleText(page.getByTestId('pipeline-stale'))).toBe(formatMoney(org.pipeline.staleAmount, data.currency));
    expect(await page.getByTestId('spend-table').locator('tbody tr').count()).toBe(data.spendByMonth.months.length);
    for (const department of data.departments) {
      expect(await visibleText(page.getByTestId(`roi-dept-${department.department}-shelfware-cost`))).toBe(
        formatMoney(department.shelfwareCostPerMonth.value, data.currency),
      );
    }
    // Every figure says how it was computed, on hover and focus.
    await page.getByTestId('roi-shelfware-cost-value').focus();
    expect(await page.getByRole('tooltip').textContent()).toContain(org.shelfwareCostPerMonth.how);
  });

  it('training: teams ranked by gap, people to train and a CSV export of them for the day', async () => {
    const data = await server.api<TrainingResponse>('/api/training');
    await visit('training', '/training', async (target) => {
      await target.getByTestId('team-gaps').waitFor();
    });
    const order = await page
      .locator('[data-testid^="team-"]')
      .evaluateAll((rows) => rows.map((row) => row.getAttribute('data-testid')).filter((id) => id !== 'team-gaps'));
    expect(order).toEqual(data.teams.map((team) => `team-${team.department}`));
    expect(await page.getByRole('heading', { name: `People to train (${data.peopleToTrain.length})` }).count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`people-to-train-${data.asOf}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      '"external_id","name","email","department","manager","last_login","reasons","required_courses_done","required_courses","due_date"',
    );
    expect(lines).toHaveLength(data.peopleToTrain.length + 1);
    expect(lines[1]).toContain(`"${data.peopleToTrain[0].externalId}"`);
  });

  it('connections: sync now shows live progress until the run ends, then the run history', async () => {
    const [demo] = await server.api<ConnectionDetail[]>('/api/connections');
    await visit('connections', '/connections', async (target) => {
      await target.getByTestId('connection-demo').waitFor();
    });
    const card = page.getByTestId('connection-demo');
    expect(await visibleText(card)).toContain('0 0 1 1 *');
    await card.getByRole('button', { name: 'Sync now' }).click();
    const progress = card.locator('[data-testid^="sync-progress-"]');
    await progress.waitFor();
    await card.getByText(/Sync finished|Sync failed/).waitFor({ timeout: 120_000 });
    expect(await visibleText(progress)).toContain('Sync finished');
    const runs = await server.api<SyncRun[]>(`/api/connections/${demo.id}/runs`);
    expect(runs[0]).toMatchObject({ trigger: 'manual', status: 'succeeded' });
    await card.getByRole('button', { name: 'Run history' }).click();
    const history = page.getByTestId(`runs-${demo.id}`);
    await history.waitFor();
    expect(await history.locator('tbody tr').count()).toBe(runs.length);
    expect(await visibleText(history.locator('tbody tr').first())).toContain('manual');
  }, 180_000);

  it('goals: the plan and its history; an edit is saved as a new version with who and what changed', async () => {
    const before = await server.api<PlanHistoryResponse>('/api/plan');
    const plan = before.current!.plan;
    await visit('goals', '/goals', async (target) => {
      await target.getByTestId('goals-table').waitFor();
    });
    expect(await page.getByTestId('goals-table').locator('tbody tr').count()).toBe(plan.goals.length);
    expect(await page.getByTestId('plan-history').locator(':scope > li').count()).toBe(before.history.length);

    await page.getByRole('button', { name: 'Edit the plan' }).click();
    const firstGoal = plan.goals[0];
    const newTarget =
      METRIC_CATALOGUE[firstGoal.metric].unit === 'share' ? Math.min(100, Math.round(firstGoal.target * 100) + 5) : firstGoal.target + 1;
    await page
      .getByRole('group', { name: 'Goal 1' })
      .getByLabel(/^Target \(/)
      .fill(String(newTarget));
    // First a target out of range: the form names the field and saves nothing.
    const target = page.getByRole('group', { name: 'Goal 1' }).getByLabel(/^Target \(/);
    if (METRIC_CATALOGUE[firstGoal.metric].unit === 'share') {
      await target.fill('150');
      await page.getByRole('button', { name: 'Save as a new version' }).click();
      expect(await visibleText(page.getByTestId('plan-form-errors'))).toContain('The target must be a percentage from 0 to 100.');
      expect(await target.getAttribute('aria-invalid')).toBe('true');
      await target.fill(String(newTarget));
    }
    expect(await visibleText(page.getByText(/kept in the history as changed by/))).toContain(ADMIN.email);
    await page.getByLabel('Comment (optional)').fill('raise the first goal');
    await page.getByRole('button', { name: 'Save as a new version' }).click();
    const version = before.current!.version + 1;
    await page.getByText(`Saved as version ${version}.`).waitFor();
    const entry = page.getByTestId(`plan-version-${version}`);
    await entry.waitFor();
    const after = await server.api<PlanHistoryResponse>('/api/plan');
    expect(after.current).toMatchObject({ version, createdBy: ADMIN.email });
    expect(after.current!.changes.length).toBeGreaterThan(0);
    const text = await visibleText(entry);
    expect(text).toContain(`by ${ADMIN.email}`);
    // The page speaks its own words (metric labels, percentages), the API the plan file's.
    const shown = diffPlans(before.current!.plan, after.current!.plan, DASHBOARD_WORDING);
    expect(shown).toHaveLength(after.current!.changes.length);
    for (const change of shown) expect(text).toContain(change);
  });
});
