import type { Command } from 'commander';
import { cliActor } from '../../auth/account-services.factory';
import { Clock } from '../../common/clock';
import { Database } from '../../database/database.service';
import { PersonOverrideRepository, type PersonOverride } from '../../people/person-override.repository';
import { withCore, type GlobalOptions } from '../cli-context';

function describe(override: PersonOverride): string {
  const what =
    override.kind === 'merge'
      ? `merge ${override.emailKey} into ${override.targetKey}`
      : override.kind === 'unmerge'
        ? `unmerge ${override.emailKey}`
        : `${override.kind} ${override.user} (${override.emailKey ?? 'no email'})`;
  const state = override.supersededAt === null ? 'in force' : `replaced ${new Date(override.supersededAt).toISOString()}`;
  return `${new Date(override.createdAt).toISOString()}\t${override.createdBy}\t${what}\t${state}`;
}

/** `uptake people merge|unmerge|split|unsplit|history`: admins' corrections of who is whom across connections. */
export function registerPeople(program: Command, globals: () => GlobalOptions): void {
  const people = program
    .command('people')
    .description('People across connections: merge two people or split one (kept as versions with who and when)');
  const run = (work: (repository: PersonOverrideRepository, by: string, now: number) => Promise<PersonOverride>) =>
    withCore(globals(), async (app) => {
      const done = await work(new PersonOverrideRepository(app.get(Database)), cliActor().email, app.get(Clock).now());
      process.stdout.write(`${describe(done)}\n`);
    });
  people
    .command('merge')
    .description('The users with email <email> become the same person as the users with email <into>')
    .argument('<email>')
    .requiredOption('--into <email>', 'the email of the person they join')
    .action((email: string, options: { into: string }) => run((repository, by, now) => repository.merge(email, options.into, by, now)));
  people
    .command('unmerge')
    .description('Undo the merge of <email>: its users are the person of their email again')
    .argument('<email>')
    .action((email: string) => run((repository, by, now) => repository.unmerge(email, by, now)));
  people
    .command('split')
    .description('User <user-id> of connection <connection> becomes a person alone, whatever its email')
    .argument('<connection>')
    .argument('<user-id>')
    .action((connection: string, userId: string) => run((repository, by, now) => repository.split(connection, userId, by, now)));
  people
    .command('unsplit')
    .description('Undo a split: the user belongs to the person of its email again')
    .argument('<connection>')
    .argument('<user-id>')
    .action((connection: string, userId: string) => run((repository, by, now) => repository.unsplit(connection, userId, by, now)));
  people
    .command('history')
    .description('Every merge and split, newest first, with who and when')
    .action(() =>
      withCore(globals(), async (app) => {
        const history = await new PersonOverrideRepository(app.get(Database)).history();
        process.stdout.write(history.length ? `${history.map(describe).join('\n')}\n` : 'no merges or splits\n');
      }),
    );
}
