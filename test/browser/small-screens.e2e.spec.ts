import { launchChromium } from './chromium';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionDetail, OverviewResponse } from '@uptake/shared';
import { type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { ADMIN, ROOT, startDashboardServer, type DashboardServer } from './dashboard-server';
import { addDays, visibleText } from './page-text';

/*
 * The built dashboard on a phone (390 px) and a laptop (1366 px) in Debian Chromium, against the
 * real server and the demo CRM: the navigation is reachable, wide tables keep their first column
 * and say they scroll, the key columns fit on a laptop, and the as-of day's edges are explained.
 * Screenshots of every page at both widths go to test/artifacts/screenshots/screens/ to be looked at.
 */

const SCREENSHOTS = join(ROOT, 'test', 'artifacts', 'screenshots', 'screens');
const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1366, height: 768 };
const PAGES = {
  overview: '/',
  departments: '/departments',
  department: '/departments/Sales%20EMEA',
  executive: '/executive',
  training: '/training',
  goals: '/goals',
  connections: '/connections',
  users: '/admin/users',
  audit: '/admin/audit',
} as const;

let server: DashboardServer;
let browser: Browser;
let phone: BrowserContext;
let laptop: BrowserContext;

async function signedInContext(viewport: { width: number; height: number }, mobile: boolean): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, isMobile: mobile, hasTouch: mobile });
  const signedIn = await context.request.post(`${server.baseUrl}/api/auth/login`, { data: ADMIN });
  expect(signedIn.status()).toBe(200);
  return context;
}

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.baseUrl}${path}`);
  await page.locator('main h1').waitFor();
  return page;
}

/** The element's box lies within the viewport horizontally (not cut off on either side). */
async function expectWithinViewport(locator: Locator, width: number, what: string): Promise<void> {
  const box = await locator.boundingBox();
  expect({ what, visible: box !== null }).toEqual({ what, visible: true });
  expect({ what, left: Math.floor(box!.x) >= 0, right: Math.ceil(box!.x + box!.width) <= width }).toEqual({
    what,
    left: true,
    right: true,
  });
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startDashboardServer();
  // A schedule that cannot fire during the test (1 January), so no sync changes the data under it.
  const [demo] = await server.api<ConnectionDetail[]>('/api/connections');
  await server.request(`/api/connections/${demo.id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ schedule: '0 0 1 1 *' }),
  });
  browser = await launchChromium();
  phone = await signedInContext(PHONE, true);
  laptop = await signedInContext(LAPTOP, false);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Dashboard on a phone (390 px) and a laptop (1366 px)', () => {
  it('phone: a menu button opens the navigation, every link fits on the screen and leads to its page', async () => {
    const page = await open(phone, '/');
    const menu = page.getByRole('button', { name: 'Menu' });
    await expectWithinViewport(menu, PHONE.width, 'menu button');
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await nav.isVisible()).toBe(false);
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    for (const label of ['Overview', 'Departments', 'Executive', 'Training', 'Goals', 'Connections', 'Users', 'Audit log']) {
      await expectWithinViewport(nav.getByRole('link', { name: label }), PHONE.width, `link ${label}`);
    }
    await nav.getByRole('link', { name: 'Training' }).click();
    await page.getByRole('heading', { level: 1, name: 'Training' }).waitFor();
    // Following a link folds the menu again.
    expect(await nav.isVisible()).toBe(false);
    await page.close();
  });

  it('phone: a wide table says it scrolls and keeps its first column in view while scrolled', async () => {
    const page = await open(phone, '/');
    const region = page.getByRole('region', { name: 'Attainment by department and metric' });
    await region.waitFor();
    const hint = page.getByTestId('scroll-hint').first();
    expect(await hint.textContent()).toBe('More columns: scroll sideways →');
    await expectWithinViewport(hint, PHONE.width, 'scroll hint');
    await region.evaluate((element) => element.scrollTo({ left: element.scrollWidth }));
    await expectWithinViewport(
      region.getByRole('columnheader', { name: 'Training completion' }),
      PHONE.width,
      'last column after scrolling',
    );
    // The department names stay where they were: the first column is sticky.
    await expectWithinViewport(region.getByRole('link', { name: 'Organisation' }), PHONE.width, 'first column after scrolling');
    await page.close();
  });

  it('laptop: the key columns of By manager, the Executive table and the heatmap fit on the screen', async () => {
    const department = await open(laptop, PAGES.department);
    const managers = department.getByTestId('manager-breakdown');
    await managers.waitFor();
    for (const header of await managers.getByRole('columnheader').all()) {
      await expectWithinViewport(header, LAPTOP.width, `By manager: ${(await header.textContent())?.trim()}`);
    }
    expect(await managers.getByRole('columnheader', { name: /Training completion/ }).count()).toBe(1);
    await department.close();

    const executive = await open(laptop, PAGES.executive);
    const roi = executive.getByTestId('roi-departments');
    await roi.waitFor();
    for (const header of await roi.getByRole('columnheader').all()) {
      await expectWithinViewport(header, LAPTOP.width, `Executive: ${(await header.textContent())?.trim()}`);
    }
    await expectWithinViewport(
      roi.getByRole('row').nth(1).getByRole('cell').last(),
      LAPTOP.width,
      'Executive: stale pipeline of the first department',
    );
    await executive.close();

    const overview = await open(laptop, PAGES.overview);
    const heatmap = overview.getByRole('region', { name: 'Attainment by department and metric' });
    await heatmap.waitFor();
    for (const header of await heatmap.getByRole('columnheader').all()) {
      await expectWithinViewport(header, LAPTOP.width, `heatmap: ${(await header.textContent())?.trim()}`);
    }
    expect(await overview.getByTestId('scroll-hint').count()).toBe(0);
    await overview.close();
  });

  it('a day before launch is explained, the trend is shown from launch, and a department has the same health on the overview and on its page', async () => {
    const { launchDate, departments } = await server.api<OverviewResponse>('/api/overview');
    const before = addDays(launchDate!, -10);
    const overview = await open(laptop, `/?asOf=${before}`);
    await overview.getByTestId('notice-before-launch').waitFor();
    const names = departments.map((department) => department.department).slice(0, 3);
    const onOverview: string[] = [];
    for (const name of names) onOverview.push(await visibleText(overview.getByTestId(`heat-row-${name}`).getByRole('cell').nth(1)));
    await overview.close();

    for (const [index, name] of names.entries()) {
      const page = await open(laptop, `/departments/${encodeURIComponent(name)}?asOf=${before}`);
      await page.getByTestId('trend-active_users').waitFor();
      expect(await page.getByText('Could not load the trend').count()).toBe(0);
      const health = await visibleText(page.getByTestId('dept-health'));
      // e.g. "Health 38.5 Behind plan 17 seat holders" holds the overview cell "38.5 Behind plan" (spacing aside).
      const squeeze = (text: string) => text.replace(/\s+/g, '');
      expect({ name, health: squeeze(health) }).toEqual({ name, health: expect.stringContaining(squeeze(onOverview[index])) });
      await page.close();
    }
  });

  it('a future day typed into the URL shows today with a notice', async () => {
    const page = await open(laptop, '/?asOf=2999-01-01');
    expect(await page.getByTestId('notice-future-day').textContent()).toContain('1 Jan 2999 is in the future: showing today');
    expect(await page.getByText('As of 1 Jan 2999').count()).toBe(0);
    await page.close();
  });

  it('screenshots every page at 390 px and 1366 px, none wider than the screen', async () => {
    for (const [context, viewport, size] of [
      [phone, PHONE, 'phone'],
      [laptop, LAPTOP, 'laptop'],
    ] as const) {
      for (const [name, path] of Object.entries(PAGES)) {
        const page = await open(context, path);
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect({ page: name, size, horizontalOverflowPx: overflow }).toEqual({ page: name, size, horizontalOverflowPx: 0 });
        expect(viewport.width).toBeGreaterThan(0);
        await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size}.png`), fullPage: true });
        await page.close();
      }
    }
  }, 180_000);
});
