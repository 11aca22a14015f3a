import { tmpdir } from 'node:os';

/**
 * csv connections read only folders under UPTAKE_IMPORT_ROOT: a test file whose connections
 * read temporary folders calls this at its top to make the temporary directory the root (child
 * processes it starts inherit it). Refusals are tested in test/security/outbound-requests.e2e.spec.ts.
 */
export function importRootAtTmpdir(): void {
  let saved: string | undefined;
  beforeAll(() => {
    saved = process.env.UPTAKE_IMPORT_ROOT;
    process.env.UPTAKE_IMPORT_ROOT = tmpdir();
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.UPTAKE_IMPORT_ROOT;
    else process.env.UPTAKE_IMPORT_ROOT = saved;
  });
}
