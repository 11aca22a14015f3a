import { createHash } from 'node:crypto';
import { z } from 'zod';
import {
  type Activity,
  ConnectorError,
  type CrmConnector,
  type CrmRecord,
  type CrmUser,
  type FieldValues,
  type Instant,
  type LoginChannel,
  type LoginEvent,
  type Opportunity,
  type Page,
  type SyncContext,
  type TrainingAssignment,
} from '../connector.port';
import { readCsvRows } from './csv-file.reader';
import { readImportFolder, type ImportFile, type ImportFolder } from './csv-folder.reader';
import { folderInImportRoot } from './import-root.util';
import { CsvHeader, CsvRowReader, MAX_ID_LENGTH, type CsvColumn, type CsvHeaderRules } from './csv-row.reader';
import { CsvDateReader, isSuccessStatus } from './csv-value.util';
import { CsvInputError, CsvUnknownEmailsError } from './csv.errors';
import { isEmailAddress } from '../shared/email-address.util';

export { CsvFolderError, CsvInputError } from './csv.errors';

/** Rows per page: each page is one multi-row upsert. */
export const CSV_PAGE_SIZE = 5_000;

const CsvConnectorOptionsSchema = z
  .object({
    /** The folder, inside UPTAKE_IMPORT_ROOT; becomes its real path (links resolved). */
    path: z
      .string()
      .trim()
      .min(1, 'the folder to import from must be given')
      .transform((path, ctx) => {
        const checked = folderInImportRoot(path);
        if ('dir' in checked) return checked.dir;
        ctx.addIssue({ code: 'custom', message: checked.refused });
        return z.NEVER;
      }),
  })
  .strict();
export type CsvConnectorOptions = z.infer<typeof CsvConnectorOptionsSchema>;

/** How an import treats training.csv rows whose `user_email` names no person. */
export interface CsvImportSettings {
  /** Skip those rows (each reported to `onSkipped`) instead of refusing the folder. */
  skipUnknown?: boolean;
  /** A skipped row: `file:line:column` and the email. */
  onSkipped?: (where: string, email: string) => void;
  /** Something kept as given but worth a look (e.g. a manager_id that names no user): `file:line:column: warning: ...`. */
  onWarning?: (message: string) => void;
}

/**
 * Builds the connector of a `csv` connection (option `path`: the folder, resolved against the
 * working directory, which must be inside UPTAKE_IMPORT_ROOT). Checked again whenever a sync
 * builds the connector, so a link placed later cannot lead out of the root. `uptake import <dir>`
 * reads the folder its operator names without this factory.
 */
export function createCsvConnector(options: Record<string, string>): CsvConnector {
  const parsed = CsvConnectorOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`);
    throw new ConnectorError('CONNECTOR_OPTIONS_INVALID', `csv connection options: ${reasons.join('; ')}`);
  }
  return new CsvConnector(parsed.data.path);
}

/** The columns of one kind of file, typed so that a misspelt column name does not compile. */
interface FileRules<N extends string> extends CsvHeaderRules {
  required: readonly N[];
  optional: readonly N[];
}

function fileRules<const N extends string>(required: readonly N[], optional: readonly N[], strict: boolean): FileRules<N> {
  return { required, optional, strict };
}

const USER_RULES = fileRules(
  ['id', 'department'],
  ['name', 'email', 'role', 'manager_id', 'active', 'licensed', 'integration', 'created_at'],
  true,
);
const LOGIN_RULES = fileRules(['user_id', 'login_at', 'status'], ['channel'], true);
/** `user_id` (a user of this connection) or `user_email` (a person of any connection): exactly one of them. */
const TRAINING_RULES = fileRules(['course', 'required', 'completed_at'], ['user_id', 'user_email'], true);
const ACTIVITY_RULES = fileRules(['id', 'owner_id', 'type', 'occurred_at'], ['related_id', 'created_at', 'deleted'], true);
/** An activity type is one word: a letter, then letters, digits, `_` or `-` (stored lower-case). */
const ACTIVITY_TYPE = /^[a-z][a-z0-9_-]{0,49}$/;
/** Extra columns are fields of object `opportunity`. */
const OPPORTUNITY_RULES = fileRules(
  ['id', 'owner_id', 'stage', 'amount', 'is_closed', 'is_won', 'created_at', 'close_date', 'last_activity_at', 'last_modified_at'],
  ['deleted'],
  false,
);
/** Extra columns are fields of the object. */
const RECORD_RULES = fileRules(['id', 'owner_id'], ['created_at', 'last_modified_at', 'deleted'], false);
/** Columns of opportunities and records that are not fields: every other column is a field of the record. */
const NOT_FIELDS = ['id', 'owner_id', 'created_at', 'last_modified_at', 'deleted'];

/**
 * Reads a folder in the CSV import format of DESIGN.md. Every file is streamed in pages of
 * `CSV_PAGE_SIZE` rows and every value checked, so a bad one fails the run with its file, line and
 * column (`CsvInputError`); the sync's atomic mode then writes nothing. Files that are absent are
 * skipped. Users are listed first, so that ids referring to users (login and training user_id,
 * owner_id, manager_id) are checked against users.csv and the users this connection already has.
 * A folder is read whole on every run (no watermark): the upserts make a re-read harmless.
 */
export class CsvConnector implements CrmConnector {
  readonly kind = 'csv' as const;
  private folder?: Promise<ImportFolder>;
  private databaseUsers?: Promise<ReadonlySet<string>>;
  /** Ids of users.csv (with their line), once the file was read to its end. */
  private fileUsers: ReadonlyMap<string, number> | null = null;
  private userLookup?: Promise<(id: string) => boolean>;

  constructor(
    readonly dir: string,
    private readonly settings: CsvImportSettings = {},
  ) {}
  /** Trimmed, lower-case emails of users.csv, once the file was read to its end. */
  private fileEmails: ReadonlySet<string> | null = null;

  async *users(ctx: SyncContext): AsyncIterable<Page<CrmUser>> {
    const file = (await this.files()).users;
    const ids = new Map<string, number>();
    const emails = new Map<string, { line: number; column: number; id: string }>();
    const forwardManagers: Array<{ line: number; column: number; id: string }> = [];
    if (file) {
      yield* this.pages(file, USER_RULES, ctx, (header) => {
        const c = columns(header, USER_RULES);
        return (row): CrmUser => {
          const externalId = this.uniqueId(row, c.id, ids);
          const managerExternalId = row.id(c.manager_id);
          // A manager listed further down the file is checked once the whole file is read.
          if (managerExternalId !== null && !ids.has(managerExternalId)) {
            forwardManagers.push({ line: row.line, column: c.manager_id.index + 1, id: managerExternalId });
          }
          const email = row.text(c.email, 255);
          if (email !== null) this.checkUserEmail(row, c.email, email, externalId, emails);
          return {
            externalId,
            name: row.text(c.name, 255),
            email,
            department: row.required(c.department),
            role: row.text(c.role, 255),
            managerExternalId,
            active: row.boolean(c.active, true),
            licensed: row.boolean(c.licensed, true),
            integration: row.boolean(c.integration, false),
            createdAt: row.instant(c.created_at),
          };
        };
      });
      // A stored user of this connection with the same email clashes unless this file gives it another one.
      if (emails.size > 0) {
        const stored = await this.storedEmails(ctx);
        for (const [email, user] of emails) {
          const other = (stored.get(email) ?? []).find((id) => id !== user.id && !ids.has(id));
          if (other !== undefined) {
            throw new CsvInputError(
              file.name,
              user.line,
              user.column,
              `duplicate email "${email}": user "${other}" of this connection already has it (one person, one user per connection)`,
            );
          }
        }
      }
      if (forwardManagers.length > 0) {
        const known = await this.databaseUserIds(ctx);
        // A manager who is no user (e.g. not a CRM user in a sales-team export) is kept as given: an unknown manager.
        for (const manager of forwardManagers) {
          if (!ids.has(manager.id) && !known.has(manager.id)) {
            const warning = `${file.name}:${manager.line}:${manager.column}: warning: manager_id "${manager.id}" is not a user in users.csv or already imported; kept as an unknown manager`;
            ctx.log(warning);
            this.settings.onWarning?.(warning);
          }
        }
      }
    }
    this.fileUsers = ids;
    this.fileEmails = new Set(emails.keys());
  }

  async *logins(_since: Instant | null, ctx: SyncContext): AsyncIterable<Page<LoginEvent>> {
    const file = (await this.files()).logins;
    if (!file) return;
    const isUser = await this.userIds(ctx);
    yield* this.pages(
      file,
      LOGIN_RULES,
      ctx,
      (header) => {
        const c = columns(header, LOGIN_RULES);
        const occurrences = new LoginOccurrences();
        return (row): LoginEvent => {
          const userExternalId = this.userRef(row, c.user_id, isUser, true);
          const loginAt = row.requiredInstant(c.login_at);
          const status = row.raw(c.status).trim();
          const channel = row.channel(c.channel);
          return {
            externalId: occurrences.idOf(loginExternalId(userExternalId, loginAt, status, channel)),
            userExternalId,
            loginAt,
            success: isSuccessStatus(status),
            channel,
          };
        };
      },
      byUserAndTime,
    );
  }

  async *opportunities(_since: Instant | null, ctx: SyncContext): AsyncIterable<Page<Opportunity>> {
    const file = (await this.files()).opportunities;
    if (!file) return;
    const isUser = await this.userIds(ctx);
    const ids = new Map<string, number>();
    yield* this.pages(file, OPPORTUNITY_RULES, ctx, (header) => {
      const c = columns(header, OPPORTUNITY_RULES);
      const fieldColumns = header.otherColumns(NOT_FIELDS);
      return (row): Opportunity => ({
        externalId: this.uniqueId(row, c.id, ids),
        ownerExternalId: this.userRef(row, c.owner_id, isUser, false),
        stage: row.text(c.stage, 255),
        amount: row.number(c.amount),
        isClosed: row.boolean(c.is_closed, false),
        isWon: row.boolean(c.is_won, false),
        createdAt: row.instant(c.created_at),
        closeDate: row.day(c.close_date),
        lastActivityAt: row.instant(c.last_activity_at),
        lastModifiedAt: row.instant(c.last_modified_at),
        deleted: row.boolean(c.deleted, false),
        fields: fieldsOf(row, fieldColumns),
      });
    });
  }

  async recordObjectTypes(): Promise<string[]> {
    return [...(await this.files()).records.keys()].sort();
  }

  async *records(objectType: string, _since: Instant | null, ctx: SyncContext): AsyncIterable<Page<CrmRecord>> {
    const file = (await this.files()).records.get(objectType);
    if (!file) return;
    const isUser = await this.userIds(ctx);
    const ids = new Map<string, number>();
    yield* this.pages(file, RECORD_RULES, ctx, (header) => {
      const c = columns(header, RECORD_RULES);
      const fieldColumns = header.otherColumns(NOT_FIELDS);
      return (row): CrmRecord => ({
        objectType,
        externalId: this.uniqueId(row, c.id, ids),
        ownerExternalId: this.userRef(row, c.owner_id, isUser, false),
        createdAt: row.instant(c.created_at),
        lastModifiedAt: row.instant(c.last_modified_at),
        deleted: row.boolean(c.deleted, false),
        fields: fieldsOf(row, fieldColumns),
      });
    });
  }

  async *training(ctx: SyncContext): AsyncIterable<Page<TrainingAssignment>> {
    const file = (await this.files()).training;
    if (!file) return;
    const isUser = await this.userIds(ctx);
    const isPerson = await this.personEmails(ctx);
    const assignments = new Map<string, number>();
    const unknown: Array<{ where: string; email: string }> = [];
    for await (const page of this.pages(file, TRAINING_RULES, ctx, (header) => {
      const c = columns(header, TRAINING_RULES);
      const byEmail = c.user_email.index >= 0;
      if (byEmail === c.user_id.index >= 0) {
        throw new CsvInputError(
          file.name,
          1,
          Math.max(c.user_email.index, 0) + 1,
          byEmail
            ? 'give either user_id or user_email, not both'
            : 'missing column "user_id" (a user of this connection) or "user_email" (a person imported through any connection)',
        );
      }
      return (row): TrainingAssignment | null => {
        const course = row.required(c.course);
        const userEmail = byEmail ? this.trainingEmail(row, c.user_email) : null;
        const userExternalId = userEmail ?? this.userRef(row, c.user_id, isUser, true);
        const who = userEmail === null ? `user_id "${userExternalId}"` : `user_email "${userEmail}"`;
        const key = `${who}\u0000${course}`;
        const first = assignments.get(key);
        if (first !== undefined) throw row.error(c.course.index + 1, `duplicate course "${course}" for ${who} (first on line ${first})`);
        assignments.set(key, row.line);
        const rest = { course, required: row.boolean(c.required, false), completedAt: row.instant(c.completed_at) };
        if (userEmail === null) return { userExternalId, ...rest };
        if (!isPerson(userEmail)) {
          unknown.push({ where: `${file.name}:${row.line}:${c.user_email.index + 1}`, email: userEmail });
          return null;
        }
        return { userExternalId: userEmail, userEmail, ...rest };
      };
    })) {
      const items = page.items.filter((item): item is TrainingAssignment => item !== null);
      // Nothing is yielded once a row named nobody (unless skipped): the folder is refused below.
      if (items.length > 0 && (unknown.length === 0 || this.settings.skipUnknown)) yield { items };
    }
    if (unknown.length === 0) return;
    if (!this.settings.skipUnknown) throw new CsvUnknownEmailsError(unknown);
    for (const line of unknown) this.settings.onSkipped?.(line.where, line.email);
    ctx.log(`${file.name}: ${unknown.length} lines skipped: their user_email names no person imported through any connection`);
  }

  async *activities(_since: Instant | null, ctx: SyncContext): AsyncIterable<Page<Activity>> {
    const file = (await this.files()).activities;
    if (!file) return;
    const isUser = await this.userIds(ctx);
    const ids = new Map<string, number>();
    yield* this.pages(file, ACTIVITY_RULES, ctx, (header) => {
      const c = columns(header, ACTIVITY_RULES);
      return (row): Activity => {
        const externalId = this.uniqueId(row, c.id, ids);
        const ownerExternalId = this.userRef(row, c.owner_id, isUser, true);
        const type = row.required(c.type).toLowerCase();
        if (!ACTIVITY_TYPE.test(type)) {
          throw row.error(
            c.type.index + 1,
            `type "${row.raw(c.type).trim()}" is not one word (call, email, meeting, task, note or another word of letters, digits, "_" or "-", at most 50)`,
          );
        }
        return {
          externalId,
          ownerExternalId,
          type,
          occurredAt: row.requiredInstant(c.occurred_at),
          relatedExternalId: row.id(c.related_id),
          createdAt: row.instant(c.created_at),
          deleted: row.boolean(c.deleted, false),
        };
      };
    });
  }

  /**
   * Reads and checks every file without writing anything; resolves to what an import would bring
   * (rows per file). Rejects with the first problem, like an import would.
   */
  async test(ctx: SyncContext): Promise<string> {
    const counted: string[] = [];
    const count = async (name: string | undefined, pages: AsyncIterable<Page<unknown>>) => {
      let rows = 0;
      for await (const page of pages) rows += page.items.length;
      if (name) counted.push(`${name} ${rows} rows`);
    };
    const folder = await this.files();
    await count(folder.users?.name, this.users(ctx));
    await count(folder.logins?.name, this.logins(null, ctx));
    await count(folder.opportunities?.name, this.opportunities(null, ctx));
    for (const objectType of await this.recordObjectTypes())
      await count(folder.records.get(objectType)?.name, this.records(objectType, null, ctx));
    await count(folder.training?.name, this.training(ctx));
    await count(folder.activities?.name, this.activities(null, ctx));
    return `folder ${folder.dir}: ${counted.join(', ')}`;
  }

  /** A users.csv email: an address, and no other user of this connection (in the file or stored) has it. */
  private checkUserEmail(
    row: CsvRowReader,
    column: CsvColumn,
    email: string,
    externalId: string,
    emails: Map<string, { line: number; column: number; id: string }>,
  ): void {
    const key = email.toLowerCase();
    if (!isEmailAddress(key)) throw row.error(column.index + 1, `email "${email}" is not an email address`);
    const first = emails.get(key);
    if (first !== undefined)
      throw row.error(
        column.index + 1,
        `duplicate email "${email}": also user "${first.id}" on line ${first.line} (one person, one user per connection)`,
      );
    emails.set(key, { line: row.line, column: column.index + 1, id: externalId });
  }

  /** The trimmed, lower-case `user_email` of a training row, which must be an address. */
  private trainingEmail(row: CsvRowReader, column: CsvColumn): string {
    const raw = row.required(column, MAX_ID_LENGTH);
    const email = raw.toLowerCase();
    if (!isEmailAddress(email)) throw row.error(column.index + 1, `user_email "${raw}" is not an email address`);
    return email;
  }

  private async storedEmails(ctx: SyncContext): Promise<ReadonlyMap<string, readonly string[]>> {
    return (await ctx.connectionEmails?.()) ?? new Map();
  }

  /** Whether an email is a person's: of a user of any connection, or of users.csv of this folder. */
  private async personEmails(ctx: SyncContext): Promise<(email: string) => boolean> {
    const known = (await ctx.knownEmails?.()) ?? new Set<string>();
    if (this.fileEmails === null && (await this.files()).users) {
      for await (const page of this.users(ctx)) void page;
    }
    const inFile = this.fileEmails ?? new Set<string>();
    return (email) => inFile.has(email) || known.has(email);
  }

  private files(): Promise<ImportFolder> {
    this.folder ??= readImportFolder(this.dir);
    return this.folder;
  }

  /**
   * Streams `file` as pages of items; `prepare` sees the checked header and returns the reader of one
   * row. `order` sorts each page (rows of a page are written by one statement, in any order).
   */
  private async *pages<T>(
    file: ImportFile,
    rules: CsvHeaderRules,
    ctx: SyncContext,
    prepare: (header: CsvHeader) => (row: CsvRowReader) => T,
    order?: (a: T, b: T) => number,
  ): AsyncGenerator<Page<T>> {
    ctx.log(`reading ${file.name}`);
    const dates = new CsvDateReader(ctx.timezone);
    let current: { reader: CsvRowReader; read: (row: CsvRowReader) => T } | null = null;
    for await (const rows of readCsvRows(file.path, file.name, CSV_PAGE_SIZE)) {
      ctx.signal?.throwIfAborted();
      const items: T[] = [];
      for (const row of rows) {
        if (current === null) {
          const header = new CsvHeader(file.name, row, rules);
          current = { reader: new CsvRowReader(header, dates), read: prepare(header) };
          continue;
        }
        current.reader.use(row);
        items.push(current.read(current.reader));
      }
      if (order) items.sort(order);
      if (items.length > 0) yield { items };
    }
    if (current === null) throw new CsvInputError(file.name, 1, 1, 'the file is empty (expected a header line)');
  }

  private uniqueId(row: CsvRowReader, column: CsvColumn, seen: Map<string, number>): string {
    const id = row.requiredId(column);
    const first = seen.get(id);
    if (first !== undefined) throw row.error(column.index + 1, `duplicate ${column.name} "${id}" (first on line ${first})`);
    seen.set(id, row.line);
    return id;
  }

  private userRef(row: CsvRowReader, column: CsvColumn, isUser: (id: string) => boolean, required: true): string;
  private userRef(row: CsvRowReader, column: CsvColumn, isUser: (id: string) => boolean, required: false): string | null;
  private userRef(row: CsvRowReader, column: CsvColumn, isUser: (id: string) => boolean, required: boolean): string | null {
    const id = required ? row.requiredId(column) : row.id(column);
    if (id !== null && !isUser(id)) throw row.error(column.index + 1, unknownUser(column.name, id));
    return id;
  }

  private databaseUserIds(ctx: SyncContext): Promise<ReadonlySet<string>> {
    this.databaseUsers ??= ctx.knownUserIds();
    return this.databaseUsers;
  }

  /** Whether an id is a user of users.csv or already imported; reads users.csv if the sync has not. */
  private userIds(ctx: SyncContext): Promise<(id: string) => boolean> {
    this.userLookup ??= (async () => {
      const known = await this.databaseUserIds(ctx);
      if (this.fileUsers === null) {
        for await (const page of this.users(ctx)) void page;
      }
      const inFile = this.fileUsers ?? new Map<string, number>();
      return (id: string) => inFile.has(id) || known.has(id);
    })();
    return this.userLookup;
  }
}

/** The header's columns by name, for every column the rules know (index -1 when the file lacks an optional one). */
function columns<N extends string>(header: CsvHeader, rules: FileRules<N>): Record<N, CsvColumn> {
  const byName = {} as Record<N, CsvColumn>;
  for (const name of [...rules.required, ...rules.optional]) byName[name] = header.column(name);
  return byName;
}

function fieldsOf(row: CsvRowReader, fieldColumns: readonly CsvColumn[]): FieldValues {
  const fields: FieldValues = {};
  for (const column of fieldColumns) fields[column.name] = row.field(column);
  return fields;
}

function unknownUser(column: string, id: string): string {
  return `${column} "${id}" is not a user in users.csv or already imported`;
}

/**
 * A page of logins in the order of the logins index (user, then time): one statement then inserts
 * into neighbouring index pages instead of pages all over the index.
 */
function byUserAndTime(a: LoginEvent, b: LoginEvent): number {
  if (a.userExternalId !== b.userExternalId) return a.userExternalId < b.userExternalId ? -1 : 1;
  return a.loginAt - b.loginAt;
}

/**
 * Logins carry no id in the file: the id is derived from the content (and, for identical rows of
 * one file, the occurrence: `LoginOccurrences`), so the same file imported twice, or a row repeated
 * in a later drop, is the same event. The instant comes first: login files are
 * usually in time order, so new ids land at the end of the unique index instead of all over it
 * (a million logins of 5,000 users go into SQLite in about half the time they take with the user first).
 */
export function loginExternalId(userId: string, loginAt: number, status: string, channel: LoginChannel): string {
  const id = `${loginAt}|${userId}|${status.toLowerCase()}|${channel}`;
  // External ids are stored in 255 characters; a longer one (a very long user id or status) is hashed.
  return id.length <= MAX_ID_LENGTH ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/**
 * Identical login rows of one file are as many logins (two logins in the same second, or logins
 * given as bare dates): the n-th row with the same content gets the id of the first with `|#n`
 * appended (the first keeps the plain id). Importing the same file again gives the same ids, so it
 * adds nothing; a later drop that repeats a row of an earlier one is the same login.
 */
export class LoginOccurrences {
  private readonly seen = new Map<string, number>();

  /** The id of this row, given the id of its content (`loginExternalId` with occurrence 1). */
  idOf(contentId: string): string {
    const occurrence = (this.seen.get(contentId) ?? 0) + 1;
    this.seen.set(contentId, occurrence);
    if (occurrence === 1) return contentId;
    const id = `${contentId}|#${occurrence}`;
    return id.length <= MAX_ID_LENGTH ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
  }
}
