import { launchChromium, signInAsAdmin } from './chromium';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionDetail, SyncRun } from '@uptake/shared';
import { type Browser, type Page } from 'playwright-core';
import { importRootAtTmpdir } from '../support/import-root';
import { ROOT, startDashboardServer, type DashboardServer } from './dashboard-server';

/*
 * The Connections page in Chromium against the real server: a connection whose sync failed is
 * fixed in place (Edit) and then removed, first keeping its data, then deleting it for good.
 */

const SCREENSHOTS = join(ROOT, 'test', 'artifacts', 'screenshots');
/** Never fires during the test (1 January). */
const YEARLY = '0 0 1 1 *';
// The test's csv folders are temporary ones: make the temporary directory the import root.
importRootAtTmpdir();
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

let server: DashboardServer;
let browser: Browser;
let page: Page;
let folder: string;

async function json<T>(path: string, method: string, body?: unknown): Promise<T> {
  const response = await server.request(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function connectionNamed(name: string): Promise<ConnectionDetail | undefined> {
  return (await server.api<ConnectionDetail[]>('/api/connections')).find((connection) => connection.name === name);
}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  folder = mkdtempSync(join(tmpdir(), 'uptake-e2e-drop-'));
  writeFileSync(join(folder, 'users.csv'), 'id,department\nf1,Field Sales\n');
  server = await startDashboardServer();
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await page.goto(`${server.baseUrl}/login`);
  await signInAsAdmin(page);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(folder, { recursive: true, force: true });
});

describe('Connections page in Chromium', () => {
  it('shows a failing connection as failing, fixes it with Edit, then removes it keeping its data and purges it after the name is typed', async () => {
    // A csv connection whose folder does not exist: its sync fails.
    const created = await json<ConnectionDetail>('/api/connections', 'POST', {
      name: 'files',
      kind: 'csv',
      options: { path: join(folder, 'missing') },
      schedule: YEARLY,
    });
    const { run } = await json<{ run: SyncRun }>(`/api/connections/${created.id}/sync`, 'POST');
    for (let i = 0; i < 100 && (await server.api<SyncRun>(`/api/sync-runs/${run.id}`)).status === 'running'; i++) await sleep(200);
    expect((await server.api<SyncRun>(`/api/sync-runs/${run.id}`)).status).toBe('failed');

    await page.goto(`${server.baseUrl}/connections`);
    const card = page.getByTestId('connection-files');
    await card.waitFor();
    await card.getByText('Last sync failed').waitFor();
    expect(await card.getByText('Scheduled', { exact: true }).count()).toBe(0);
    expect(await card.locator('.badge').getAttribute('class')).toContain('badge-red');
    expect(await card.textContent()).toContain('At 00:00, on day 1 of the month, only in January (UTC)');

    // Edit: the path to the real folder and a priority; the other fields stay.
    await card.getByRole('button', { name: 'Edit' }).click();
    const form = card.getByRole('form', { name: 'Edit connection files' });
    await card.screenshot({ path: join(SCREENSHOTS, 'connection-edit-desktop.png') });
    await form.getByLabel('path (required)').fill(folder);
    await form.getByLabel('priority').fill('3');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    expect(await connectionNamed('files')).toMatchObject({ priority: 3, schedule: YEARLY, options: { path: folder } });
    await card.getByRole('button', { name: 'Test connection' }).click();
    await card.getByText(/Connection works/).waitFor();

    // Remove, keeping the data: the dialog says what happens first.
    await card.getByRole('button', { name: 'Remove…' }).click();
    const dialog = card.getByRole('alertdialog', { name: 'Remove connection "files"?' });
    expect(await dialog.textContent()).toContain('Its data stays in Uptake, marked deleted as of now');
    await card.screenshot({ path: join(SCREENSHOTS, 'connection-remove-desktop.png') });
    await dialog.getByRole('button', { name: 'Remove connection' }).click();
    await card.locator('.badge', { hasText: 'Removed' }).waitFor();
    expect((await connectionNamed('files'))?.removedAt).not.toBeNull();

    // Purge: only once the name is typed.
    await card.getByRole('button', { name: 'Delete data…' }).click();
    const purge = card.getByRole('alertdialog', { name: 'Delete the data of "files" for good?' });
    const confirm = purge.getByRole('button', { name: 'Delete for good' });
    expect(await confirm.isDisabled()).toBe(true);
    await card.screenshot({ path: join(SCREENSHOTS, 'connection-purge-desktop.png') });
    await purge.getByLabel("Type the connection's name, files, to confirm").fill('files');
    await confirm.click();
    await card.waitFor({ state: 'detached' });
    expect(await connectionNamed('files')).toBeUndefined();
  }, 180_000);
});
