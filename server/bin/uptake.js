#!/usr/bin/env node
// Entry point for `npx uptake` and `npm run uptake --`: runs the compiled CLI.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('uptake: the server is not built yet; run `npm run build` at the repository root first.\n');
  process.exit(1);
}
require(cli);
