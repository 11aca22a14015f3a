// Loads the built server (server/dist) for the benchmark scripts; `npm run build` must have run.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const serverDist = join(repoRoot, 'server', 'dist');
export const uptakeBin = join(repoRoot, 'server', 'bin', 'uptake.js');
const require = createRequire(join(repoRoot, 'server', 'package.json'));

export function assertBuilt() {
  const marker = join(serverDist, 'metrics', 'snapshot.service.js');
  if (!existsSync(marker)) {
    throw new Error(`the server is not built (${marker} is missing): run \`npm run build\` first`);
  }
}

/** The server classes the benchmark drives directly. */
export function loadServer() {
  assertBuilt();
  require('reflect-metadata');
  const load = (path) => require(join(serverDist, path));
  return {
    Database: load('database/database.service.js').Database,
    PlanRepository: load('plan/plan.repository.js').PlanRepository,
    LaunchPlanSchema: require('@uptake/shared').LaunchPlanSchema,
    Logger: require('@nestjs/common').Logger,
  };
}
