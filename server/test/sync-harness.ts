import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../src/common/clock';
import { ConnectionRepository } from '../src/connections/connection.repository';
import type { Database } from '../src/database/database.service';
import { ImportService } from '../src/import/import.service';
import type { SnapshotService } from '../src/metrics/snapshot.service';
import { PlanInForce } from '../src/plan/plan-in-force.service';
import { PlanRepository } from '../src/plan/plan.repository';
import { IngestRepository } from '../src/sync/ingest.repository';
import { SyncRepository } from '../src/sync/sync.repository';
import { SyncService } from '../src/sync/sync.service';

/** Snapshots that are never computed: import tests look at the stored rows, not at metrics. */
const NO_SNAPSHOTS = { backfillMissing: async () => undefined, recomputeToday: async () => undefined } as unknown as SnapshotService;

/** What a test may want to hold on to of the services it wires: give its own to read or change them. */
export interface SyncParts {
  connections?: ConnectionRepository;
  runs?: SyncRepository;
  plans?: PlanRepository;
}

/** A SyncService over `db` wired as the server wires it, without snapshots. */
export function syncServiceWithoutSnapshots(db: Database, clock: Clock, parts: SyncParts = {}): SyncService {
  return new SyncService(
    db,
    parts.connections ?? new ConnectionRepository(db),
    parts.runs ?? new SyncRepository(db),
    new IngestRepository(),
    new PlanInForce(parts.plans ?? new PlanRepository(db), clock),
    NO_SNAPSHOTS,
    clock,
  );
}

/** An ImportService over `db` wired as the server wires it, without snapshots; `plans` when the test adds plan versions itself. */
export function importServiceWithoutSnapshots(db: Database, clock: Clock, plans?: PlanRepository): ImportService {
  const connections = new ConnectionRepository(db);
  return new ImportService(connections, syncServiceWithoutSnapshots(db, clock, { connections, plans }), clock);
}

/** Import folders written for a test, removed by `removeAll` (call it in afterEach). */
export class ImportFolders {
  private readonly dirs: string[] = [];

  constructor(private readonly prefix: string) {}

  /** A new folder holding `files` (name -> text). */
  write(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), `${this.prefix}-`));
    this.dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  removeAll(): void {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  }
}
