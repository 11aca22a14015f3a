#!/usr/bin/env node
// Entry point for `npx uptake` and `npm run uptake --`: runs the compiled CLI.
const path = require('node:path');
const fs = require('node:fs');
const cli = path.join(__dirname, '..', 'dist', 'cli', 'main.js');
if (!fs.existsSync(cli)) {
  process.stderr.write('uptake: the server is not built yet; run `npm run build` at the repository root first.\n');
  process.exit(1);
}
const { runCli } = require(cli);
runCli(process.argv).then(({ exitCode, keepRunning }) => {
  // `serve` keeps running (whatever options come before it); every other command exits with its
  // code (0 ok, 1 run-time failure, 2 bad input).
  if (!keepRunning) process.exit(exitCode);
});
