import { launchChromium, signInAsAdmin } from './chromium';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InterventionsResponse, MetricsReport } from '@uptake/shared';
import { type Browser, type Page } from 'playwright-core';
import { ADMIN, ROOT, startDashboardServer, type DashboardServer } from './dashboard-server';

/*
 * The interventions log in Chromium against the real server and the demo CRM: an admin logs a
 * training session for one department on the Interventions page, and its marker appears on that
 * department's trend charts and on the overview's organisation trend.
 */

const SCREENSHOTS = join(ROOT, 'test', 'artifacts', 'screenshots');

let server: DashboardServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startDashboardServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await page.goto(`${server.baseUrl}/login`);
  await signInAsAdmin(page);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Interventions in Chromium', () => {
  it('logs a training session for a department and shows its marker on the trend charts', async () => {
    const report = await server.api<MetricsReport>('/api/departments');
    const department = report.departments[0].department;
    // Two weeks before the server's day, so the marker lies inside the charts.
    const day = new Date(Date.parse(`${report.asOf}T00:00:00Z`) - 14 * 86_400_000).toISOString().slice(0, 10);

    await page.goto(`${server.baseUrl}/interventions`);
    const form = page.getByRole('form', { name: 'Log an intervention' });
    await form.getByLabel('Day').fill(day);
    await form.getByLabel('Kind').selectOption('training_session');
    await form.getByRole('checkbox', { name: department, exact: true }).check();
    await form.getByLabel('What was done').fill('Pipeline hygiene workshop');
    await form.getByRole('button', { name: 'Log intervention' }).click();
    await page.getByText(/Intervention #\d+ logged\./).waitFor();

    const logged = await server.api<InterventionsResponse>('/api/interventions');
    expect(logged.interventions).toHaveLength(1);
    const [intervention] = logged.interventions;
    expect(intervention).toMatchObject({ date: day, kind: 'training_session', departments: [department], loggedBy: ADMIN.email });
    const row = page.getByTestId(`intervention-${intervention.id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Pipeline hygiene workshop');
    // The 4 weeks after have not passed: the effect says when it comes.
    expect(await page.getByTestId(`effect-${intervention.id}`).textContent()).toContain('the estimate comes then');

    // Every trend chart of the department carries the marker: a labelled line and the chart's accessible name.
    await page.goto(`${server.baseUrl}/departments/${encodeURIComponent(department)}`);
    const chart = page.getByTestId('trend-active_users').locator('.chart-box');
    await chart.waitFor();
    await page
      .getByTestId('trend-active_users')
      .locator('svg text', { hasText: `#${intervention.id} Training` })
      .waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(`intervention #${intervention.id}, training session for ${department}`);
    await page.getByTestId('trend-active_users').screenshot({ path: join(SCREENSHOTS, 'intervention-marker.png') });

    // And so does the organisation's trend on the overview.
    await page.goto(`${server.baseUrl}/`);
    const trend = page.getByTestId('org-trend');
    await trend.locator('svg text', { hasText: `#${intervention.id} Training` }).waitFor();
  });
});
