import { resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { UptakeError } from '../common/error-codes';
import { ConnectionRepository, type StoredConnection } from '../connections/connection.repository';
import { CsvConnector, CsvFolderError } from '../connectors/csv/csv.connector';
import { readImportFolder } from '../connectors/csv/csv-folder.reader';
import { checkObservedAt } from './observed-at.util';
import { SyncService } from '../sync/sync.service';
import type { StoredSyncRun } from '../sync/sync.repository';

export const DEFAULT_IMPORT_CONNECTION = 'csv';
/** Import connections are fed by hand (drops of files), not by the scheduler: created disabled with the default schedule. */
const IMPORT_SCHEDULE = '0 * * * *';

export interface ImportOptions {
  /** The csv connection to import into (default `csv`); created on first use. */
  connection?: string;
  /** Progress lines for a human (CLI output). */
  onProgress?: (message: string) => void;
  /** Skip training.csv rows whose user_email names no person (each reported to onSkipped) instead of refusing the folder. */
  skipUnknown?: boolean;
  onSkipped?: (where: string, email: string) => void;
  /** Values kept as given but worth a look (an unknown manager_id), `file:line:column: warning: ...`. */
  onWarning?: (message: string) => void;
  /** Backfill of daily snapshots after the import: days done of total. */
  onBackfillProgress?: (done: number, total: number, day: string) => void;
  /** Recomputation of the stored days the import's late data changed: days done of total. */
  onRestateProgress?: (done: number, total: number, day: string) => void;
  /** The instant the folder is a picture of (`--observed-at`, epoch ms); default: the import's start. Not after now. */
  observedAt?: number;
  /**
   * The folder is a full export (`--full`): users of the connection missing from users.csv (which
   * it must have) are deactivated, opportunities missing from opportunities.csv and records missing
   * from their `<object>.csv` deleted, as of `observedAt`; families without a file are left alone.
   */
  full?: boolean;
}

/**
 * Imports a folder of CSV files (DESIGN.md "CSV import format") into a csv connection, all or
 * nothing: the whole folder is written in one transaction, so bad input (a `CsvInputError` naming
 * file, line and column) changes no data. Rows are upserted by id, so files can arrive in several
 * drops and refer to users imported earlier.
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly connections: ConnectionRepository,
    private readonly sync: SyncService,
    private readonly clock: Clock,
  ) {}

  async importFolder(dir: string, options: ImportOptions = {}): Promise<StoredSyncRun> {
    const path = resolve(dir);
    const name = options.connection ?? DEFAULT_IMPORT_CONNECTION;
    if (options.observedAt !== undefined) checkObservedAt(options.observedAt, this.clock.now());
    if (options.full) {
      const folder = await readImportFolder(path);
      if (!folder.users)
        throw new CsvFolderError(path, 'a full export (--full) must have users.csv: without it every user would be deactivated');
    }
    const existing = await this.connections.findByName(name);
    if (existing && existing.kind !== 'csv') {
      throw new UptakeError(
        'CONNECTION_INVALID',
        `connection "${name}" is a ${existing.kind} connection; CSV files are imported into a csv connection (choose another with --connection NAME)`,
      );
    }
    if (existing) return this.importInto(existing, path, options);
    // The sync records its run against a stored connection, so a first import creates it first;
    // when the files are refused, the connection goes again with its failed run (deleting it
    // cascades), so bad input in a first import leaves nothing behind, without reading the whole
    // folder twice.
    const created = await this.create(name, path);
    try {
      return await this.importInto(created, path, options);
    } catch (error) {
      await this.connections.delete(created.id);
      throw error;
    }
  }

  private async importInto(connection: StoredConnection, path: string, options: ImportOptions): Promise<StoredSyncRun> {
    const folder = options.full ? await readImportFolder(path) : null;
    const run = await this.sync.run(connection, {
      observedAt: options.observedAt,
      fullExport: folder ? { opportunities: folder.opportunities !== null, recordTypes: [...folder.records.keys()] } : undefined,
      trigger: 'import',
      connector: new CsvConnector(path, { skipUnknown: options.skipUnknown, onSkipped: options.onSkipped, onWarning: options.onWarning }),
      atomic: true,
      onProgress: options.onProgress,
      onBackfillProgress: options.onBackfillProgress,
      onRestateProgress: options.onRestateProgress,
    });
    if (connection.options.path !== path) await this.connections.update(connection.id, { options: { ...connection.options, path } });
    return run;
  }

  private create(name: string, path: string): Promise<StoredConnection> {
    return this.connections.create({
      name,
      kind: 'csv',
      options: { path },
      schedule: IMPORT_SCHEDULE,
      enabled: false,
      createdAt: this.clock.now(),
    });
  }
}
