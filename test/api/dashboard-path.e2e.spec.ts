import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startApp, type TestApp } from '../support/test-app';

/** Installed under a folder whose name starts with a dot, like ~/.local/share/uptake. */
describe('the dashboard served from a path with a dot folder', () => {
  let dir: string;
  let harness: TestApp;
  const http = () => request(harness.app.getHttpServer());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'uptake-dot-'));
    const webDist = join(dir, '.hidden', 'share', 'uptake', 'web');
    mkdirSync(join(webDist, 'assets'), { recursive: true });
    writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>Uptake test index</title>');
    writeFileSync(join(webDist, 'assets', 'app.js'), 'console.log("app");');
    writeFileSync(join(webDist, '.env'), 'SECRET=do-not-serve');
    harness = await startApp('sqlite', { config: { webDist } });
  });

  afterAll(async () => {
    await harness.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / and the dashboard routes with index.html', async () => {
    for (const path of ['/', '/goals', '/departments/Sales']) {
      const response = await http().get(path).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.text).toBe('<!doctype html><title>Uptake test index</title>');
    }
  });

  it('serves the assets, and still no dot file inside the web root', async () => {
    const asset = await http().get('/assets/app.js').expect(200);
    expect(asset.text).toBe('console.log("app");');
    const dotFile = await http().get('/.env');
    expect(dotFile.text).not.toContain('do-not-serve');
  });
});
