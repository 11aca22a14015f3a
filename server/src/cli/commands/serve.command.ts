import type { Command } from 'commander';
import { serve } from '../../main';
import type { GlobalOptions } from '../cli-context';

export function registerServe(program: Command, globals: () => GlobalOptions): void {
  program
    .command('serve')
    .description('Serve the API and dashboard (what `npm start` runs)')
    .option('--port <port>', 'HTTP port (default PORT or 3000)')
    .action(async (options: { port?: string }) => {
      const db = globals().db;
      await serve({ ...(db ? { databaseUrl: db } : {}), ...(options.port ? { port: Number(options.port) } : {}) });
    });
}
