import { Command, CommanderError } from 'commander';
import { exitCodeOf } from '../common/error-codes';
import type { GlobalOptions } from './cli-context';
import { assertDatabaseExists, namedDatabase } from './database-presence';
import { registerAlerts } from './commands/alerts.command';
import { registerConnection } from './commands/connection.command';
import { registerImport } from './commands/import.command';
import { registerIntervention } from './commands/intervention.command';
import { registerMetrics } from './commands/metrics.command';
import { registerPlan } from './commands/plan.command';
import { registerServe } from './commands/serve.command';
import { registerSnapshot } from './commands/snapshot.command';
import { registerSync } from './commands/sync.command';
import { registerToken } from './commands/token.command';
import { registerUser } from './commands/user.command';
import { registerPeople } from './commands/people.command';

/** Exit codes: 0 ok, 1 failure at run time, 2 bad input or usage. */
export function buildProgram(): Command {
  const program = new Command('uptake')
    .description('Uptake: CRM adoption and post-implementation health')
    .option('--db <url>', 'database: sqlite:<path> or postgres://... (overrides DATABASE_URL)')
    .showHelpAfterError()
    .exitOverride();
  const globals = () => program.opts<GlobalOptions>();
  program.hook('preAction', (_program, action) => assertDatabaseExists(commandPath(action), namedDatabase(globals())));
  registerImport(program, globals);
  registerPlan(program, globals);
  registerSync(program, globals);
  registerSnapshot(program, globals);
  registerMetrics(program, globals);
  registerConnection(program, globals);
  registerServe(program, globals);
  registerUser(program, globals);
  registerToken(program, globals);
  registerIntervention(program, globals);
  registerPeople(program, globals);
  registerAlerts(program, globals);
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}

/** The command as typed without options, e.g. "user list". */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let at: Command | null = command; at?.parent; at = at.parent) names.unshift(at.name());
  return names.join(' ');
}

/** Commands that leave a server running when their action returns. */
const LONG_RUNNING_COMMANDS = new Set(['serve']);

export interface CliOutcome {
  exitCode: number;
  /** A server was started and holds the process: do not exit. */
  keepRunning: boolean;
}

/** Runs the command line; whatever global options come first, `serve` keeps the process running. */
export async function runCli(argv: string[]): Promise<CliOutcome> {
  const program = buildProgram();
  let ran: Command | null = null;
  program.hook('postAction', (_program, action) => {
    ran = action;
  });
  try {
    await program.parseAsync(argv);
    const exitCode = typeof process.exitCode === 'number' ? process.exitCode : 0;
    return { exitCode, keepRunning: exitCode === 0 && ran !== null && LONG_RUNNING_COMMANDS.has((ran as Command).name()) };
  } catch (error) {
    if (error instanceof CommanderError) {
      const help = error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help';
      return { exitCode: help ? 0 : 2, keepRunning: false };
    }
    process.stderr.write(`uptake: ${(error as Error).message}\n`);
    return { exitCode: exitCodeOf(error), keepRunning: false };
  }
}
