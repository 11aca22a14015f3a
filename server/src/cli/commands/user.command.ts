import type { Command } from 'commander';
import { RoleSchema, type Role } from '@uptake/shared';
import { accountServices, cliActor } from '../../auth/account-services.factory';
import type { StoredAccount } from '../../auth/account.repository';
import { generatePassword } from '../../auth/password.util';
import { UptakeError } from '../../common/error-codes';
import { withCore, type GlobalOptions } from '../cli-context';

const collect = (value: string, previous: string[]) => [...previous, value];

function role(value: string): Role {
  const parsed = RoleSchema.safeParse(value);
  if (!parsed.success) throw new UptakeError('VALIDATION_FAILED', `--role "${value}": expected one of ${RoleSchema.options.join(', ')}`);
  return parsed.data;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function describe(account: StoredAccount): string {
  const departments =
    account.role === 'trainer' ? ` departments: ${account.departments.length ? account.departments.join(', ') : '(none)'}` : '';
  const state = `${account.disabled ? ' (disabled)' : ''}${account.oidcSubject !== null ? ' (single sign-on)' : account.oidcLinkAllowed ? ' (single sign-on link allowed)' : ''}`;
  return `${account.email}\t${account.role}${state}${departments}`;
}

/** `uptake user add|list|set`: dashboard accounts and their roles. */
export function registerUser(program: Command, globals: () => GlobalOptions): void {
  const user = program.command('user').description('Dashboard accounts and roles (admin, trainer, executive, viewer)');
  user
    .command('add')
    .description('Create an account; prints a generated password once unless --password-stdin is given')
    .argument('<email>', 'email address (the login)')
    .requiredOption('--role <role>', 'admin, trainer, executive or viewer')
    .option('--department <name>', 'a department whose people a trainer may see (repeatable)', collect, [])
    .option('--name <name>', 'display name')
    .option('--password-stdin', 'read the password from standard input (at least 12 characters)')
    .option('--link-oidc', 'no generated password: the first single sign-on with this verified email links to the account')
    .action(
      async (
        email: string,
        options: { role: string; department: string[]; name?: string; passwordStdin?: boolean; linkOidc?: boolean },
      ) => {
        const password = options.passwordStdin ? await readStdin() : undefined;
        await withCore(globals(), async (app) => {
          const { accounts } = accountServices(app);
          const { account, generatedPassword } = await accounts.create(
            { email, role: role(options.role), departments: options.department, name: options.name, password, linkOidc: options.linkOidc },
            cliActor(),
          );
          process.stdout.write(`account ${describe(account)} created\n`);
          if (generatedPassword) process.stdout.write(`password (shown only now): ${generatedPassword}\n`);
        });
      },
    );
  user
    .command('list')
    .description('List accounts with their role and departments')
    .action(async () => {
      await withCore(globals(), async (app) => {
        const list = await accountServices(app).accounts.list();
        if (list.length === 0) process.stdout.write('no accounts\n');
        for (const account of list) process.stdout.write(`${describe(account)}\n`);
      });
    });
  user
    .command('set')
    .description('Change the role, departments or state of an account, or give it a new password')
    .argument('<email>', 'email address of the account')
    .option('--role <role>', 'admin, trainer, executive or viewer')
    .option('--department <name>', 'replaces the departments of a trainer (repeatable)', collect, [])
    .option('--disable', 'refuse its logins and tokens')
    .option('--enable', 'allow it again')
    .option('--reset-password', 'generate a new password and print it once')
    .option(
      '--link-oidc',
      'the next single sign-on with this verified email links to the account (also an admin or an account with a password)',
    )
    .option('--unlink-oidc', 'remove the single sign-on link')
    .action(
      async (
        email: string,
        options: {
          role?: string;
          department: string[];
          disable?: boolean;
          enable?: boolean;
          resetPassword?: boolean;
          linkOidc?: boolean;
          unlinkOidc?: boolean;
        },
      ) => {
        if (options.disable && options.enable) throw new UptakeError('VALIDATION_FAILED', 'give --disable or --enable, not both');
        if (options.linkOidc && options.unlinkOidc)
          throw new UptakeError('VALIDATION_FAILED', 'give --link-oidc or --unlink-oidc, not both');
        await withCore(globals(), async (app) => {
          const { accounts } = accountServices(app);
          const account = await accounts.getByEmail(email);
          const password = options.resetPassword ? generatePassword() : undefined;
          const updated = await accounts.update(
            account.id,
            {
              role: options.role === undefined ? undefined : role(options.role),
              departments: options.department.length ? options.department : undefined,
              disabled: options.disable ? true : options.enable ? false : undefined,
              password,
              linkOidc: options.linkOidc ? true : options.unlinkOidc ? false : undefined,
            },
            cliActor(),
          );
          process.stdout.write(`account ${describe(updated)} updated\n`);
          if (password) process.stdout.write(`new password (shown only now): ${password}\n`);
        });
      },
    );
}
