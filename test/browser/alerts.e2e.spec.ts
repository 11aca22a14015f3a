import { launchChromium, signInAsAdmin } from './chromium';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertsResponse, WebhooksResponse } from '@uptake/shared';
import { type Browser, type Page } from 'playwright-core';
import { seriousAxeViolations } from './axe';
import { ROOT, startDashboardServer, type DashboardServer } from './dashboard-server';

/*
 * The Alerts page in Chromium against the real server and the demo CRM: the alerts the first
 * evaluation opened after the start, the explanation, a webhook added through the form, and the
 * page at a phone's and a laptop's width.
 */

const SCREENSHOTS = join(ROOT, 'test', 'artifacts', 'screenshots');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

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
  // the first evaluation runs 5 s after the start
  for (let i = 0; i < 60; i++) {
    if ((await server.api<AlertsResponse>('/api/alerts')).alerts.length > 0) break;
    await sleep(500);
  }
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Alerts page in Chromium', () => {
  it('lists the open alerts of the demo with their delivery, explains itself, and adds a webhook', async () => {
    const answer = await server.api<AlertsResponse>('/api/alerts');
    const first = answer.alerts.find((alert) => alert.status === 'open');
    expect(first).toBeDefined();

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await page.waitForURL((url) => url.pathname === '/alerts');
    const row = page.getByTestId(`alert-${first!.id}`);
    await row.waitFor();
    expect(await row.textContent()).toContain(first!.title);
    // no SMTP server in this test: nothing was mailed, and the page says why
    expect(await row.textContent()).toContain('No message');
    expect(await page.getByText('Email is not set up on this server').count()).toBe(1);
    expect(await page.getByText(/while it stays open it is never sent again/).count()).toBe(1);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, 'alerts-desktop.png'), fullPage: true });

    const form = page.getByRole('form', { name: 'Add a webhook' });
    await form.getByLabel('Name').fill('sales-channel');
    await form.getByLabel('Format').selectOption('slack');
    await form.getByLabel('URL').fill('https://hooks.slack.com/services/T000/B000/not-a-real-token');
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const listed = page.getByTestId('webhook-sales-channel');
    await listed.waitFor();
    expect(await listed.textContent()).toContain('https://hooks.slack.com/services/T00…');
    expect(await listed.textContent()).not.toContain('not-a-real-token');
    const webhooks = await server.api<WebhooksResponse>('/api/alerts/webhooks');
    expect(webhooks.webhooks.map((webhook) => [webhook.name, webhook.format, webhook.departments])).toEqual([
      ['sales-channel', 'slack', []],
    ]);

    await page.setViewportSize({ width: 390, height: 844 });
    await row.waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'alerts-phone.png'), fullPage: true });
  }, 120_000);
});
