import { launchChromium, signInAsAdmin } from './chromium';
import type { ConnectionDetail, DepartmentPresenceResponse, PresenceOverviewResponse } from '@uptake/shared';
import { type Browser, type Page } from 'playwright-core';
import { formatCount, formatShare } from '../../web/src/utils/format';
import { seriousAxeViolations } from './axe';
import { startDashboardServer, type DashboardServer } from './dashboard-server';
import { visibleText } from './page-text';

/*
 * "Presence and work" in the built dashboard on the demo CRM, in Debian Chromium: the numbers on
 * screen are the API's, put through the dashboard's formatters; the demo's story (Customer
 * Success logs in but records little) shows.
 */

const QUADRANTS = ['logs_in_and_works', 'logs_in_only', 'works_only', 'neither'] as const;

let server: DashboardServer;
let browser: Browser;
let page: Page;

beforeAll(async () => {
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
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${server.baseUrl}/`);
  await page.waitForURL(/\/login\?next=/);
  await signInAsAdmin(page);
  await page.getByTestId('tile-value-active_users').waitFor();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

it('shows each department’s active users against its active contributors on the overview', async () => {
  const presence = await server.api<PresenceOverviewResponse>('/api/presence');
  await page.getByTestId('presence-overview').waitFor();
  for (const entry of presence.departments) {
    const id = `presence-${entry.department}`;
    expect(await visibleText(page.getByTestId(`${id}-active-users`))).toBe(formatShare(entry.activeUsers!));
    expect(await visibleText(page.getByTestId(`${id}-active-contributors`))).toBe(formatShare(entry.activeContributors!));
    for (const quadrant of QUADRANTS)
      expect(await visibleText(page.getByTestId(`${id}-${quadrant}`))).toBe(formatCount(entry.quadrants[quadrant]));
  }
  // the demo's story: Customer Success logs in far more than it works in the CRM
  const success = presence.departments.find((entry) => entry.department === 'Customer Success')!;
  expect(success.activeUsers! - success.activeContributors!).toBeGreaterThan(0.2);
  expect(await seriousAxeViolations(page)).toEqual([]);
});

it('shows the quadrant, the counts per manager and each person’s activities on the department page', async () => {
  const department = 'Customer Success';
  const presence = await server.api<DepartmentPresenceResponse>(`/api/departments/${encodeURIComponent(department)}/presence`);
  await page.goto(`${server.baseUrl}/departments/${encodeURIComponent(department)}`);
  await page.getByRole('group', { name: 'Seat holders by presence and work' }).waitFor();
  expect(await visibleText(page.getByTestId('presence-active-users'))).toBe(formatShare(presence.total.activeUsers!));
  expect(await visibleText(page.getByTestId('presence-active-contributors'))).toBe(formatShare(presence.total.activeContributors!));
  for (const quadrant of QUADRANTS) {
    expect(await visibleText(page.getByTestId(`quadrant-${quadrant}`))).toContain(formatCount(presence.total.quadrants[quadrant]));
  }
  const [first] = presence.byManager;
  expect(await visibleText(page.getByTestId(`presence-manager-${first.managerName}-logs_in_only`))).toBe(
    formatCount(first.quadrants.logs_in_only),
  );
  const table = page.getByTestId('people-table');
  await table.waitFor();
  expect(await visibleText(table.getByRole('columnheader', { name: /Activities \(7 days\)/ }))).toContain('Activities (7 days)');
  expect(await visibleText(table.getByRole('columnheader', { name: /Last activity/ }))).toContain('Last activity');
  expect(await seriousAxeViolations(page)).toEqual([]);
});
