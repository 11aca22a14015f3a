#!/usr/bin/env node
// Prints the gzip size of the JavaScript a first visit downloads (the entry chunk and every chunk it
// imports statically, from dist/.vite/manifest.json) and fails when it exceeds the budget.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

// kB as Vite prints it (1000 bytes); gzip at the default level, as a web server sends it.
const BUDGET_BYTES = 250 * 1000;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const manifestPath = join(dist, '.vite', 'manifest.json');

let manifest;
try {
  manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
} catch (error) {
  console.error(`report-bundle-size: cannot read ${manifestPath} (${error.message}); build with build.manifest enabled`);
  process.exit(1);
}

const entries = Object.entries(manifest).filter(([, chunk]) => chunk.isEntry);
if (entries.length === 0) {
  console.error(`report-bundle-size: ${manifestPath} has no entry chunk`);
  process.exit(1);
}

const initial = new Map();
const visit = (key) => {
  const chunk = manifest[key];
  if (!chunk) throw new Error(`report-bundle-size: ${manifestPath} names chunk "${key}" but does not describe it`);
  if (initial.has(chunk.file)) return;
  initial.set(chunk.file, key);
  for (const imported of chunk.imports ?? []) visit(imported);
};
for (const [key] of entries) visit(key);

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
let total = 0;
const rows = [...initial.keys()]
  .filter((file) => file.endsWith('.js'))
  .map((file) => {
    const gzip = gzipSync(readFileSync(join(dist, file))).length;
    total += gzip;
    return { file, gzip };
  })
  .sort((a, b) => b.gzip - a.gzip);

console.log('Initial JavaScript (entry + static imports), gzip:');
for (const row of rows) console.log(`  ${row.file.padEnd(48)} ${kb(row.gzip).padStart(10)}`);
console.log(`  ${'total'.padEnd(48)} ${kb(total).padStart(10)}  (budget ${kb(BUDGET_BYTES)})`);

if (total > BUDGET_BYTES) {
  console.error(
    `report-bundle-size: initial JavaScript is ${kb(total)} gzip, over the ${kb(BUDGET_BYTES)} budget; lazy-load more of the app`,
  );
  process.exit(1);
}
