import { launchChromium } from './chromium';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser } from 'playwright-core';
import { ROOT } from './dashboard-server';
import { startApp, type TestApp } from '../support/test-app';

/*
 * A first visit, nobody signed in: the built dashboard, served by the app in this process on an
 * empty SQLite database, in Debian Chromium. The browser console stays free of errors (a 401 of
 * the session probe used to be logged on every first visit).
 */

const WEB_DIST = join(ROOT, 'web', 'dist');

let harness: TestApp;
let browser: Browser;
let baseUrl: string;

beforeAll(async () => {
  if (!existsSync(join(WEB_DIST, 'index.html')))
    throw new Error(`${WEB_DIST}/index.html is missing: build first (node scripts/build.mjs, or npm run build)`);
  harness = await startApp('sqlite', { config: { webDist: WEB_DIST } });
  await harness.app.listen(0, '127.0.0.1');
  baseUrl = `http://127.0.0.1:${(harness.app.getHttpServer().address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await harness?.close();
});

it('shows the login page on a first visit without an error in the console or a failed request', async () => {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  const failed: string[] = [];
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  await page.goto(`${baseUrl}/`);
  await page.waitForURL(/\/login\?next=/);
  await page.getByLabel('Email').waitFor();
  await page.waitForLoadState('networkidle');
  expect(failed).toEqual([]);
  expect(errors).toEqual([]);
});
