import {
  type Activity,
  ConnectorError,
  type CrmConnector,
  type CrmRecord,
  type CrmUser,
  type LoginEvent,
  type Opportunity,
  type Page,
  type SyncContext,
  type TrainingAssignment,
} from '../connector.port';
import { planRecordObjectTypes } from '../shared/record-object-types.util';
import { parseConnectorOptions } from '../http/connector-options.util';
import { matchFieldName, suggestFieldNames } from '../http/field-name.util';
import { defaultTransport, type HttpTransport } from '../http/http.transport';
import { newestOf } from '../http/paging.util';
import { parseInstant } from '../../common/time.util';
import {
  columnOf,
  DataverseApiClient,
  DataverseRequestError,
  odataDateTime,
  type DataverseEntity,
  type DataverseRetrySettings,
  type DataverseRow,
} from './dataverse-api.client';
import {
  ACCESS_VIA_WEB,
  ACCESS_VIA_WEB_SERVICES,
  deletedOpportunity,
  toCrmRecord,
  toCrmUser,
  toLoginEvent,
  toOpportunity,
  type DataverseField,
} from './dataverse-mapping.util';
import { FamilyPermissionError } from '../optional-family.error';
import { ACTIVITY_COLUMNS, ACTIVITY_TYPES, deletedDataverseActivity, toDataverseActivity } from './dataverse-activities.util';
import { DataverseOptionsSchema, type DataverseOptions } from './dataverse-options.schema';

const USER_COLUMNS = [
  'systemuserid',
  'fullname',
  'internalemailaddress',
  'domainname',
  'jobtitle',
  'isdisabled',
  'accessmode',
  'islicensed',
  'isintegrationuser',
  'applicationid',
  '_businessunitid_value',
  '_parentsystemuserid_value',
  'createdon',
  'modifiedon',
];
const OPPORTUNITY_COLUMNS = [
  'name',
  'statecode',
  'statuscode',
  'stepname',
  'estimatedvalue',
  'estimatedclosedate',
  'actualvalue',
  'actualclosedate',
  'createdon',
  'modifiedon',
  'ownerid',
];
/** Launch-plan names for opportunity columns that Dataverse names differently. */
const OPPORTUNITY_ALIASES: Record<string, string> = {
  amount: 'estimatedvalue',
  close_date: 'estimatedclosedate',
  closedate: 'estimatedclosedate',
  stage: 'stepname',
  owner: 'ownerid',
};
const DELETE_OPERATION = 3;

interface AuditSettings {
  isauditenabled?: boolean;
  isuseraccessauditenabled?: boolean;
  useraccessauditinginterval?: number;
}

export interface DataverseConnectorDeps {
  transport?: HttpTransport;
  retry?: DataverseRetrySettings;
}

/**
 * Microsoft Dataverse (Dynamics 365) through the Web API: systemuser (business unit as
 * department), user-access audit records as logins, opportunity (incremental on modifiedon,
 * deletions from delete audit records) and the launch plan's tables.
 */
export class DataverseConnector implements CrmConnector {
  readonly kind = 'dataverse' as const;
  private readonly client: DataverseApiClient;

  constructor(
    private readonly options: DataverseOptions,
    deps: DataverseConnectorDeps = {},
  ) {
    this.client = new DataverseApiClient(options, deps.transport ?? defaultTransport(), deps.retry);
  }

  async *users(ctx: SyncContext): AsyncIterable<Page<CrmUser>> {
    for await (const rows of this.client.pages(`systemusers?$select=${USER_COLUMNS.join(',')}`, ctx)) {
      if (rows.length) yield { items: rows.map((row) => toCrmUser(row, this.options.integration_users, ctx.timezone)) };
    }
  }

  /** Audit records of user access (64 web, 65 web services); fails clearly when access auditing is off. */
  async *logins(since: number | null, ctx: SyncContext): AsyncIterable<Page<LoginEvent>> {
    const settings = await this.auditSettings(ctx);
    if (!settings.isauditenabled || !settings.isuseraccessauditenabled) throw auditOff(settings);
    const filter = [
      `(action eq ${ACCESS_VIA_WEB} or action eq ${ACCESS_VIA_WEB_SERVICES})`,
      ...(since === null ? [] : [`createdon gt ${odataDateTime(since)}`]),
    ].join(' and ');
    const path = `audits?$select=auditid,createdon,action,_userid_value&$filter=${encodeURIComponent(filter)}&$orderby=${encodeURIComponent('createdon asc')}`;
    for await (const rows of this.client.pages(path, ctx)) {
      const items = rows.map((row) => toLoginEvent(row, ctx.timezone)).filter((login): login is LoginEvent => login !== null);
      const watermark = newestOf(items, (login) => login.loginAt);
      if (items.length) yield watermark === undefined ? { items } : { items, watermark };
    }
  }

  async *opportunities(since: number | null, ctx: SyncContext): AsyncIterable<Page<Opportunity>> {
    const entity = await this.client.entity('opportunity', ctx);
    const fields = [...this.columns(entity, OPPORTUNITY_COLUMNS), ...this.planFields('opportunity', entity, ctx)];
    if (since !== null) {
      for await (const deleted of this.deletions('opportunity', since, ctx)) {
        yield {
          items: deleted.map((row) => deletedOpportunity(String(row._objectid_value), parseInstant(String(row.createdon ?? ''), 'UTC'))),
        };
      }
    }
    for await (const rows of this.changed(entity, fields, since, ctx)) {
      const items = rows.map((row) => toOpportunity(row, fields, ctx.timezone));
      const watermark = newestOf(items, (o) => o.lastModifiedAt);
      if (items.length) yield watermark === undefined ? { items } : { items, watermark };
    }
  }

  async recordObjectTypes(ctx: SyncContext): Promise<string[]> {
    return planRecordObjectTypes(ctx.requiredFields);
  }

  async *records(objectType: string, since: number | null, ctx: SyncContext): AsyncIterable<Page<CrmRecord>> {
    const entity = await this.tableFor(objectType, ctx);
    const fields = this.planFields(objectType, entity, ctx);
    if (since !== null) {
      for await (const deleted of this.deletions(entity.LogicalName, since, ctx)) {
        yield {
          items: deleted.map((row) => ({
            objectType,
            externalId: String(row._objectid_value),
            ownerExternalId: null,
            createdAt: null,
            lastModifiedAt: parseInstant(String(row.createdon ?? ''), 'UTC'),
            deleted: true,
            fields: {},
          })),
        };
      }
    }
    for await (const rows of this.changed(entity, fields, since, ctx)) {
      const items = rows.map((row) => toCrmRecord(objectType, entity.PrimaryIdAttribute, row, fields, ctx.timezone));
      const watermark = newestOf(items, (record) => record.lastModifiedAt);
      if (items.length) yield watermark === undefined ? { items } : { items, watermark };
    }
  }

  /**
   * activitypointers (every activity table through one view), incremental on modifiedon with the
   * watermark per page; deletions from delete audit records of the activity tables when auditing
   * is on (they mark stored activities deleted: an audit record keeps no values).
   */
  async *activities(since: number | null, ctx: SyncContext): AsyncIterable<Page<Activity>> {
    if (since !== null) {
      for await (const rows of activityPrivilege(this.activityDeletions(since, ctx))) {
        const items = rows.map(deletedDataverseActivity).filter((activity): activity is Activity => activity !== null);
        if (items.length) yield { items };
      }
    }
    const query = [`$select=${ACTIVITY_COLUMNS.join(',')}`];
    if (since !== null) query.push(`$filter=${encodeURIComponent(`modifiedon gt ${odataDateTime(since)}`)}`);
    query.push(`$orderby=${encodeURIComponent('modifiedon asc,activityid asc')}`);
    for await (const rows of activityPrivilege(this.client.pages(`activitypointers?${query.join('&')}`, ctx))) {
      const items = rows.map(toDataverseActivity).filter((activity): activity is Activity => activity !== null);
      const watermark = newestOf(rows, (row) => (typeof row.modifiedon === 'string' ? parseInstant(row.modifiedon, 'UTC') : null));
      if (items.length || watermark !== undefined) yield watermark === undefined ? { items } : { items, watermark };
    }
  }

  /** Dataverse has no standard training table. */
  async *training(_ctx: SyncContext): AsyncIterable<Page<TrainingAssignment>> {
    return;
  }

  async test(ctx: SyncContext): Promise<string> {
    const who = await this.client.get<{ UserId?: string }>('WhoAmI', ctx);
    const lines = [
      `Dataverse ${this.options.instance_url} (Web API v${this.options.api_version}), signed in as application user ${who?.UserId ?? '(unknown)'}`,
    ];
    const users = await this.client.get<{ '@odata.count'?: number }>('systemusers?$select=systemuserid&$count=true', ctx, 1);
    lines.push(`users: ${users?.['@odata.count'] ?? 'some'} systemusers, department from the business unit`);
    const settings = await this.auditSettings(ctx);
    if (!settings.isauditenabled || !settings.isuseraccessauditenabled) throw auditOff(settings);
    await this.client.get('audits?$select=auditid&$top=1', ctx, 1);
    lines.push(
      `logins: audit of user access readable (Dataverse records access at most once every ${settings.useraccessauditinginterval ?? 4} hours per user)`,
    );
    const entity = await this.client.entity('opportunity', ctx);
    const planned = this.planFields('opportunity', entity, ctx);
    const opportunities = await this.client.get<{ '@odata.count'?: number }>('opportunities?$select=opportunityid&$count=true', ctx, 1);
    lines.push(
      `opportunities: ${opportunities?.['@odata.count'] ?? 'some'}, incremental on modifiedon, deletions from the audit log${describeFields(planned)}`,
    );
    for (const objectType of await this.recordObjectTypes(ctx)) {
      const table = await this.tableFor(objectType, ctx);
      lines.push(`records: ${objectType} from table ${table.LogicalName}${describeFields(this.planFields(objectType, table, ctx))}`);
    }
    lines.push(`activities: ${await this.activityAccess(ctx)}`);
    lines.push('training: none (Dataverse has no standard training table)');
    return lines.join('\n');
  }

  async close(): Promise<void> {
    // Nothing held open.
  }

  /** How many activities, or which privilege is missing (the sync then skips activities with a warning). */
  private async activityAccess(ctx: SyncContext): Promise<string> {
    try {
      const body = await activityPrivilege(
        this.client.get<{ '@odata.count'?: number }>('activitypointers?$select=activityid&$count=true', ctx, 1),
      );
      const settings = await this.auditSettings(ctx);
      const deletions = settings.isauditenabled ? 'deletions from the audit log' : 'deletions not seen (auditing is off)';
      return `${body?.['@odata.count'] ?? 'some'} activitypointers, incremental on modifiedon, ${deletions}`;
    } catch (error) {
      if (error instanceof FamilyPermissionError) return `NOT SYNCED: ${error.message}`;
      throw error;
    }
  }

  /** Delete audit records (operation 3) of the activity tables after `since`; nothing when auditing is off. */
  private async *activityDeletions(since: number, ctx: SyncContext): AsyncGenerator<DataverseRow[]> {
    const settings = await this.auditSettings(ctx);
    if (!settings.isauditenabled) {
      ctx.log('Dataverse: auditing is off, so deleted activities cannot be seen');
      return;
    }
    const tables = Object.keys(ACTIVITY_TYPES)
      .map((code) => `objecttypecode eq '${code}'`)
      .join(' or ');
    const filter = `operation eq ${DELETE_OPERATION} and (${tables}) and createdon gt ${odataDateTime(since)}`;
    yield* this.client.pages(
      `audits?$select=auditid,createdon,objecttypecode,_objectid_value&$filter=${encodeURIComponent(filter)}&$orderby=${encodeURIComponent('createdon asc')}`,
      ctx,
    );
  }

  private async auditSettings(ctx: SyncContext): Promise<AuditSettings> {
    const body = await this.client.get<{ value?: AuditSettings[] }>(
      'organizations?$select=isauditenabled,isuseraccessauditenabled,useraccessauditinginterval',
      ctx,
    );
    return body?.value?.[0] ?? {};
  }

  /** Rows changed after `since` (all rows when null), oldest change first. */
  private changed(
    entity: DataverseEntity,
    fields: readonly DataverseField[],
    since: number | null,
    ctx: SyncContext,
  ): AsyncGenerator<DataverseRow[]> {
    const has = (name: string) => entity.Attributes.some((attribute) => attribute.LogicalName === name);
    const columns = [
      ...new Set([
        entity.PrimaryIdAttribute,
        ...['createdon', 'modifiedon'].filter(has),
        ...(has('ownerid') ? ['_ownerid_value'] : []),
        ...fields.map((field) => field.column),
      ]),
    ];
    const query = [`$select=${columns.join(',')}`];
    if (has('modifiedon')) {
      if (since !== null) query.push(`$filter=${encodeURIComponent(`modifiedon gt ${odataDateTime(since)}`)}`);
      query.push(`$orderby=${encodeURIComponent(`modifiedon asc,${entity.PrimaryIdAttribute} asc`)}`);
    }
    return this.client.pages(`${entity.EntitySetName}?${query.join('&')}`, ctx);
  }

  /** Delete audit records (operation 3) of a table after `since`; nothing when the environment does not audit. */
  private async *deletions(logicalName: string, since: number, ctx: SyncContext): AsyncGenerator<DataverseRow[]> {
    const settings = await this.auditSettings(ctx);
    if (!settings.isauditenabled) {
      ctx.log(`Dataverse: auditing is off, so deleted ${logicalName} rows cannot be seen`);
      return;
    }
    const filter = `operation eq ${DELETE_OPERATION} and objecttypecode eq '${logicalName}' and createdon gt ${odataDateTime(since)}`;
    for await (const rows of this.client.pages(
      `audits?$select=auditid,createdon,_objectid_value&$filter=${encodeURIComponent(filter)}&$orderby=${encodeURIComponent('createdon asc')}`,
      ctx,
    )) {
      const deleted = rows.filter((row) => typeof row._objectid_value === 'string');
      if (deleted.length) yield deleted;
    }
  }

  private async tableFor(objectType: string, ctx: SyncContext): Promise<DataverseEntity> {
    try {
      return await this.client.entity(objectType.toLowerCase(), ctx);
    } catch (error) {
      if (error instanceof DataverseRequestError && error.status === 404) {
        throw new ConnectorError(
          'DATAVERSE_UNKNOWN_OBJECT',
          `launch plan required_fields names object "${objectType}", which is not a Dataverse table (logical name) in ${this.options.instance_url}`,
        );
      }
      throw error;
    }
  }

  private columns(entity: DataverseEntity, names: readonly string[]): DataverseField[] {
    return entity.Attributes.filter((attribute) => names.includes(attribute.LogicalName)).map((attribute) => ({
      planName: attribute.LogicalName,
      logicalName: attribute.LogicalName,
      column: columnOf(attribute),
    }));
  }

  /** Plan fields resolved to columns ignoring case and "_" (opportunity also knows `amount`, `close_date`). */
  private planFields(objectType: string, entity: DataverseEntity, ctx: SyncContext): DataverseField[] {
    const names = entity.Attributes.map((attribute) => attribute.LogicalName);
    return (ctx.requiredFields[objectType] ?? []).map((planName) => {
      let match = matchFieldName(planName, names);
      const alias = entity.LogicalName === 'opportunity' ? OPPORTUNITY_ALIASES[planName] : undefined;
      if (!('name' in match) && alias && names.includes(alias)) match = { name: alias };
      if (!('name' in match)) {
        const several = match.candidates.length
          ? ` (it matches several: ${match.candidates.join(', ')})`
          : suggestFieldNames(planName, names);
        throw new ConnectorError(
          'DATAVERSE_UNKNOWN_FIELD',
          `launch plan required field "${objectType}.${planName}" is not a column of Dataverse table ${entity.LogicalName}${several}`,
        );
      }
      const attribute = entity.Attributes.find((candidate) => candidate.LogicalName === (match as { name: string }).name)!;
      return { planName, logicalName: attribute.LogicalName, column: columnOf(attribute) };
    });
  }
}

/** HTTP 403 on the activity tables ("... is missing prvReadActivityPointer privilege ...") becomes a FamilyPermissionError. */
function activityPrivilege<T>(work: Promise<T>): Promise<T>;
function activityPrivilege<T>(work: AsyncIterable<T>): AsyncIterable<T>;
function activityPrivilege<T>(work: Promise<T> | AsyncIterable<T>): Promise<T> | AsyncIterable<T> {
  const refuse = (error: unknown): never => {
    if (error instanceof DataverseRequestError && error.status === 403) {
      const privilege = /missing (prv\w+) privilege/i.exec(error.message)?.[1] ?? 'prvReadActivityPointer';
      throw new FamilyPermissionError(
        'DATAVERSE_PERMISSION_MISSING',
        'activities',
        privilege,
        `the Dataverse application user lacks the ${privilege} privilege, so activities cannot be read: give its security role Read on Activity (and on the activity tables: Phone Call, Email, Appointment, Task)`,
      );
    }
    throw error;
  };
  if (work instanceof Promise) return work.catch(refuse);
  return (async function* () {
    try {
      yield* work;
    } catch (error) {
      refuse(error);
    }
  })();
}

function auditOff(settings: AuditSettings): ConnectorError {
  const off = !settings.isauditenabled
    ? 'auditing is off for this environment (isauditenabled = false)'
    : 'user access auditing is off (isuseraccessauditenabled = false)';
  return new ConnectorError(
    'DATAVERSE_AUDIT_OFF',
    `Dataverse ${off}, so logins cannot be read: in the Power Platform admin center open the environment, Settings > Audit and logs > Audit settings, and turn on "Start auditing" and "Log access"`,
  );
}

function describeFields(fields: readonly DataverseField[]): string {
  return fields.length ? `; required fields ${fields.map((field) => `${field.planName} -> ${field.logicalName}`).join(', ')}` : '';
}

/** Validates the options (throws CONNECTOR_OPTIONS_INVALID naming each wrong option) and builds the connector. */
export function createDataverseConnector(options: Record<string, string>, deps: DataverseConnectorDeps = {}): DataverseConnector {
  return new DataverseConnector(parseConnectorOptions('dataverse', DataverseOptionsSchema, options), deps);
}
