import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConnectorError } from '../connector.port';
import { createCsvConnector } from './csv.connector';
import { DEFAULT_IMPORT_ROOT, folderInImportRoot, importRoot } from './import-root.util';

describe(folderInImportRoot.name, () => {
  let base: string;
  let root: string;
  let outside: string;

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'uptake-import-root-'));
    root = join(base, 'import');
    outside = join(base, 'secrets');
    mkdirSync(join(root, 'emea'), { recursive: true });
    mkdirSync(join(root, '..dots'));
    mkdirSync(outside);
    symlinkSync(outside, join(root, 'link-out'));
    symlinkSync(join(root, 'emea'), join(base, 'link-in'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it.each([
    ['the root itself', () => root, () => root],
    ['a folder in it', () => join(root, 'emea'), () => join(root, 'emea')],
    ['a folder whose name starts with two dots', () => join(root, '..dots'), () => join(root, '..dots')],
    ['a folder that does not exist yet', () => join(root, 'later', 'drop'), () => join(root, 'later', 'drop')],
    ['a link from outside that leads into it (its real path)', () => join(base, 'link-in'), () => join(root, 'emea')],
    ['".." that stays inside', () => join(root, 'emea', '..', 'emea'), () => join(root, 'emea')],
  ])('accepts %s', (_case, path, dir) => {
    expect(folderInImportRoot(path(), root)).toEqual({ dir: dir() });
  });

  it.each([
    ['a folder beside it', () => outside, () => outside],
    ['".." out of it', () => join(root, '..', 'secrets'), () => outside],
    ['a link in it that leads out', () => join(root, 'link-out'), () => outside],
    ['a folder under a link that leads out', () => join(root, 'link-out', 'deeper'), () => join(outside, 'deeper')],
    ['the filesystem root', () => '/', () => '/'],
    ['/etc', () => '/etc', () => '/etc'],
  ])('refuses %s, naming the real folder and the root', (_case, path, dir) => {
    expect(folderInImportRoot(path(), root)).toEqual({
      refused: `the folder ${dir()} is outside the import root ${root} (UPTAKE_IMPORT_ROOT); csv connections read only folders under it`,
    });
  });

  it('takes the root from UPTAKE_IMPORT_ROOT, else data/import of the working directory', () => {
    expect(importRoot({ UPTAKE_IMPORT_ROOT: root })).toBe(root);
    expect(importRoot({})).toBe(join(process.cwd(), DEFAULT_IMPORT_ROOT));
  });

  describe(createCsvConnector.name, () => {
    const saved = process.env.UPTAKE_IMPORT_ROOT;
    afterEach(() => {
      if (saved === undefined) delete process.env.UPTAKE_IMPORT_ROOT;
      else process.env.UPTAKE_IMPORT_ROOT = saved;
    });

    it('reads a folder inside UPTAKE_IMPORT_ROOT and refuses one outside with CONNECTOR_OPTIONS_INVALID', () => {
      process.env.UPTAKE_IMPORT_ROOT = root;
      expect(createCsvConnector({ path: join(root, 'emea') }).dir).toBe(join(root, 'emea'));
      expect(() => createCsvConnector({ path: join(root, 'link-out') })).toThrow(
        new ConnectorError(
          'CONNECTOR_OPTIONS_INVALID',
          `csv connection options: path: the folder ${outside} is outside the import root ${root} (UPTAKE_IMPORT_ROOT); csv connections read only folders under it`,
        ),
      );
    });
  });
});
