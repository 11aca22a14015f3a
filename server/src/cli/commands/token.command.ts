import type { Command } from 'commander';
import { accountServices, cliActor } from '../../auth/account-services.factory';
import { tokenTtlDaysFrom } from '../../auth/auth.config';
import { UptakeError } from '../../common/error-codes';
import { withCore, type GlobalOptions } from '../cli-context';

const iso = (instant: number | null) => (instant === null ? '-' : new Date(instant).toISOString());

/** `uptake token create|list|revoke`: API tokens for `Authorization: Bearer`. */
export function registerToken(program: Command, globals: () => GlobalOptions): void {
  const token = program.command('token').description('API tokens: they act as their account, with its role');
  token
    .command('create')
    .description('Create an API token for an account; prints the token alone on standard output, once (only its hash is stored)')
    .argument('<email>', 'email address of the account')
    .option('--label <text>', 'what the token is for')
    .option('--expires-in-days <days>', 'expire after this many days (default: UPTAKE_TOKEN_TTL_DAYS, 90)')
    .option('--expires-days <days>', 'the same as --expires-in-days (older name)')
    .action(async (email: string, options: { label?: string; expiresInDays?: string; expiresDays?: string }) => {
      const given = options.expiresInDays ?? options.expiresDays;
      const name = options.expiresInDays !== undefined ? '--expires-in-days' : '--expires-days';
      const days = given === undefined ? tokenTtlDaysFrom(process.env) : Number(given);
      if (!(Number.isInteger(days) && days > 0))
        throw new UptakeError('VALIDATION_FAILED', `${name} "${given}" must be a whole number of days above 0`);
      await withCore(globals(), async (app) => {
        const created = await accountServices(app).tokens.create(email, { label: options.label, expiresInDays: days }, cliActor());
        process.stderr.write(
          `API token ${created.stored.id} for ${email.trim().toLowerCase()} (expires ${iso(created.stored.expiresAt)}); send it as "Authorization: Bearer <token>":\n`,
        );
        process.stdout.write(`${created.token}\n`);
      });
    });
  token
    .command('list')
    .description("List an account's API tokens (never the tokens themselves)")
    .argument('<email>', 'email address of the account')
    .action(async (email: string) => {
      await withCore(globals(), async (app) => {
        const list = await accountServices(app).tokens.list(email);
        if (list.length === 0) process.stdout.write('no tokens\n');
        for (const item of list) {
          const state = item.revokedAt !== null ? `revoked ${iso(item.revokedAt)}` : `expires ${iso(item.expiresAt)}`;
          process.stdout.write(
            `${item.id}\t${item.prefix}…\t${item.label ?? ''}\tcreated ${iso(item.createdAt)}\tlast used ${iso(item.lastUsedAt)}\t${state}\n`,
          );
        }
      });
    });
  token
    .command('revoke')
    .description('Revoke an API token by its id (see `uptake token list EMAIL`)')
    .argument('<id>', 'token id')
    .action(async (id: string) => {
      if (!/^\d+$/.test(id))
        throw new UptakeError('VALIDATION_FAILED', `token id "${id}" must be a number (see \`uptake token list EMAIL\`)`);
      await withCore(globals(), async (app) => {
        const revoked = await accountServices(app).tokens.revoke(Number(id), cliActor());
        process.stdout.write(`API token ${revoked.id} (${revoked.prefix}…) revoked\n`);
      });
    });
}
