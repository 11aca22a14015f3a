// Path of the installed Nx command-line entry point, with a clear message when Nx is missing.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export function nxBin() {
  const require = createRequire(import.meta.url);
  try {
    const manifestPath = require.resolve('nx/package.json');
    const manifest = require(manifestPath);
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin.nx;
    return join(dirname(manifestPath), bin);
  } catch {
    console.error('Nx is not installed: run `npm install` at the repository root first.');
    process.exit(1);
  }
}
