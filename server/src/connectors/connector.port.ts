import type { ConnectionKind } from '@uptake/shared';
import type { ErrorCode } from '../common/error-codes';

/** Epoch milliseconds. */
export type Instant = number;

export type LoginChannel = 'web' | 'mobile' | 'api';

export interface CrmUser {
  externalId: string;
  name: string | null;
  email: string | null;
  /** Department name as the CRM holds it; null when the CRM has none ("Unassigned" is used). */
  department: string | null;
  role: string | null;
  managerExternalId: string | null;
  active: boolean;
  licensed: boolean;
  /** Integration or service account: never a seat holder. */
  integration: boolean;
  /** Null: unknown, counts as "always existed". */
  createdAt: Instant | null;
  /** The CRM's modification time of this state (e.g. `SystemModstamp`): the version is valid from it; absent: from the sync's start. */
  modifiedAt?: Instant | null;
}

export interface LoginEvent {
  /** Stable id of the event in the CRM (or derived from its content when the CRM has none). */
  externalId: string;
  userExternalId: string;
  loginAt: Instant;
  success: boolean;
  channel: LoginChannel;
}

/** A field value as the CRM returned it; completeness is judged by `isFieldFilled`. */
export type FieldValues = Record<string, string | null>;

export interface Opportunity {
  externalId: string;
  ownerExternalId: string | null;
  stage: string | null;
  amount: number | null;
  isClosed: boolean;
  isWon: boolean;
  createdAt: Instant | null;
  /** Calendar date YYYY-MM-DD. */
  closeDate: string | null;
  lastActivityAt: Instant | null;
  lastModifiedAt: Instant | null;
  deleted: boolean;
  /** Every field of the opportunity record (lower-case names), for record completeness. */
  fields: FieldValues;
  /** The CRM's modification time of this state when it differs from `lastModifiedAt` (e.g. `SystemModstamp`); the version is valid from it, else from `lastModifiedAt`, else from the sync's start. */
  modifiedAt?: Instant | null;
}

export interface CrmRecord {
  /** Lower-case object type, e.g. `account`. */
  objectType: string;
  externalId: string;
  ownerExternalId: string | null;
  createdAt: Instant | null;
  lastModifiedAt: Instant | null;
  deleted: boolean;
  fields: FieldValues;
  /** As for `Opportunity.modifiedAt`. */
  modifiedAt?: Instant | null;
}

/** A piece of work a user logged in the CRM: a call, email, meeting, task, note or any other kind. */
export interface Activity {
  externalId: string;
  ownerExternalId: string;
  /** Lower-case word: `call`, `email`, `meeting`, `task`, `note` or the CRM's own kind. */
  type: string;
  /** When the work happened (a task's due or completion time, a meeting's start). */
  occurredAt: Instant;
  /** External id of the opportunity or record it is about, in the same connection; null: none. */
  relatedExternalId: string | null;
  /** When it was entered in the CRM; null: unknown. */
  createdAt: Instant | null;
  /** Deleted in the CRM: kept, not erased, and no longer counted. */
  deleted: boolean;
  /**
   * Only the deletion is known (e.g. a Dataverse delete audit record, without the row's values):
   * marks the stored activity deleted and changes nothing else; one never stored is not created.
   */
  deletionOnly?: boolean;
}

export interface TrainingAssignment {
  /** The user of this connection the row is about; ignored when `userEmail` is given. */
  userExternalId: string;
  /**
   * Instead of a user of this connection: the trimmed, lower-case email of a person imported through
   * any connection (`training.csv` with `user_email`, a learning system such as Moodle).
   */
  userEmail?: string | null;
  course: string;
  required: boolean;
  completedAt: Instant | null;
}

/** One page of a CRM listing. The sync writes it in one transaction. */
export interface Page<T> {
  items: T[];
  /**
   * Progress after this page for incremental entities (e.g. the newest modification time seen);
   * the sync stores it as the watermark once the page is committed.
   */
  watermark?: Instant;
}

export interface SyncContext {
  /** The sync's notion of now (injectable for tests and the demo clock). */
  now: Instant;
  /** IANA time zone of the launch plan, for dates the CRM gives without a time. */
  timezone: string;
  /** Required fields per object type from the launch plan (lower-case). */
  requiredFields: Record<string, string[]>;
  /** External ids of the users this connection already has in the database. */
  knownUserIds(): Promise<ReadonlySet<string>>;
  /** Trimmed, lower-case emails of the users of every connection: the people a row keyed by email may name. */
  knownEmails?(): Promise<ReadonlySet<string>>;
  /** This connection's users by trimmed, lower-case email (their external ids), for duplicate emails across drops. */
  connectionEmails?(): Promise<ReadonlyMap<string, readonly string[]>>;
  /** Progress messages for long work (CLI progress output, run log). */
  log(message: string): void;
  /** Aborted when the run must stop (shutdown, lease lost). */
  signal?: AbortSignal;
}

/**
 * The one port every CRM sits behind: paged async iterators per entity.
 * `since` is the watermark of the last committed page minus a small overlap (null: everything).
 */
export interface CrmConnector {
  readonly kind: ConnectionKind;
  users(ctx: SyncContext): AsyncIterable<Page<CrmUser>>;
  logins(since: Instant | null, ctx: SyncContext): AsyncIterable<Page<LoginEvent>>;
  opportunities(since: Instant | null, ctx: SyncContext): AsyncIterable<Page<Opportunity>>;
  /** Object types (other than opportunity) whose records this connection provides. */
  recordObjectTypes(ctx: SyncContext): Promise<string[]>;
  records(objectType: string, since: Instant | null, ctx: SyncContext): AsyncIterable<Page<CrmRecord>>;
  training(ctx: SyncContext): AsyncIterable<Page<TrainingAssignment>>;
  /**
   * Activities (calls, emails, meetings, tasks, notes) changed since the watermark, deletions
   * included. A connector without it syncs no activities.
   */
  activities?(since: Instant | null, ctx: SyncContext): AsyncIterable<Page<Activity>>;
  /** The CRM's API allowance as last reported (e.g. Salesforce `Sforce-Limit-Info`), shown in the run history. */
  apiUsage?(): { used: number; limit: number } | null;
  /** Checks credentials and permissions; resolves to a human-readable summary of what will be synced. */
  test?(ctx: SyncContext): Promise<string>;
  close?(): Promise<void>;
}

/** A CRM answered with something the connector cannot use, or refused; the run fails with this message. */
export class ConnectorError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
