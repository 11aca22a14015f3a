import { parseInstant } from '../../common/time.util';
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
import { logApiUsage } from '../shared/log-api-usage.util';
import { formatApiUsage, type ApiUsage } from '../http/api-usage';
import { parseConnectorOptions } from '../http/connector-options.util';
import { matchFieldName, suggestFieldNames } from '../http/field-name.util';
import { defaultTransport, type HttpTransport } from '../http/http.transport';
import { SalesforceApiClient, type RetrySettings, type SalesforceObjectDescribe } from './salesforce-api.client';
import { toCrmRecord, toCrmUser, toLoginEvent, toOpportunity, type ResolvedField } from './salesforce-mapping.util';
import { SalesforceOptionsSchema, type SalesforceOptions } from './salesforce-options.schema';
import { FamilyPermissionError } from '../optional-family.error';
import { EVENT_FIELDS, TASK_FIELDS, toSalesforceActivity } from './salesforce-activities.util';
import { buildSoql, soqlDateTime, soqlString, uniqueFields } from './salesforce-soql.util';

const USER_FIELDS = [
  'Id',
  'Name',
  'Email',
  'Username',
  'IsActive',
  'UserType',
  'ManagerId',
  'CreatedDate',
  'SystemModstamp',
  'UserRole.Name',
];
const LOGIN_FIELDS = ['Id', 'UserId', 'LoginTime', 'Status', 'LoginType', 'Application'];
const OPPORTUNITY_FIELDS = [
  'Id',
  'OwnerId',
  'StageName',
  'Amount',
  'IsClosed',
  'IsWon',
  'CloseDate',
  'LastActivityDate',
  'LastModifiedDate',
  'CreatedDate',
  'SystemModstamp',
  'IsDeleted',
];
/** Selected for paging and state, not field values of the record. */
const BOOKKEEPING_FIELDS = new Set(['id', 'isdeleted', 'systemmodstamp']);

export interface SalesforceConnectorDeps {
  transport?: HttpTransport;
  retry?: RetrySettings;
}

/**
 * Salesforce through the REST API: User, LoginHistory, Opportunity (incremental on SystemModstamp,
 * deletions through queryAll) and the launch plan's objects and required fields.
 */
export class SalesforceConnector implements CrmConnector {
  readonly kind = 'salesforce' as const;
  private readonly client: SalesforceApiClient;

  constructor(
    private readonly options: SalesforceOptions,
    deps: SalesforceConnectorDeps = {},
  ) {
    this.client = new SalesforceApiClient(options, deps.transport ?? defaultTransport(), deps.retry);
  }

  /** Daily API requests used and allowed, from the last Sforce-Limit-Info header; null before the first call. */
  apiUsage(): ApiUsage | null {
    return this.client.apiUsage();
  }

  async *users(ctx: SyncContext): AsyncIterable<Page<CrmUser>> {
    const department = await this.departmentField(ctx);
    const soql = buildSoql({ fields: [...USER_FIELDS, department], from: 'User', orderBy: ['Id ASC'] });
    const mapping = { departmentField: department, integrationUsers: this.options.integration_users, timezone: ctx.timezone };
    for await (const page of this.client.query(soql, ctx)) {
      if (page.records.length) yield { items: page.records.map((row) => toCrmUser(row, mapping)) };
    }
    this.logUsage(ctx);
  }

  async *logins(since: number | null, ctx: SyncContext): AsyncIterable<Page<LoginEvent>> {
    const soql = buildSoql({
      fields: LOGIN_FIELDS,
      from: 'LoginHistory',
      where: since === null ? [] : [`LoginTime > ${soqlDateTime(since)}`],
      orderBy: ['LoginTime ASC', 'Id ASC'],
    });
    for await (const page of this.client.query(soql, ctx)) {
      const items = page.records.map((row) => toLoginEvent(row, ctx.timezone)).filter((login): login is LoginEvent => login !== null);
      if (items.length) yield { items, watermark: Math.max(...items.map((login) => login.loginAt)) };
    }
    this.logUsage(ctx);
  }

  async *opportunities(since: number | null, ctx: SyncContext): AsyncIterable<Page<Opportunity>> {
    const required = await this.resolveRequiredFields('opportunity', 'Opportunity', ctx);
    const selected = uniqueFields([...OPPORTUNITY_FIELDS, ...required.map((field) => field.path)]);
    const valueFields = selected.filter((field) => !BOOKKEEPING_FIELDS.has(field.toLowerCase()));
    const soql = buildSoql({
      fields: selected,
      from: 'Opportunity',
      where: since === null ? [] : [`SystemModstamp > ${soqlDateTime(since)}`],
      orderBy: ['SystemModstamp ASC', 'Id ASC'],
    });
    for await (const page of this.client.query(soql, { ...ctx, all: true })) {
      if (!page.records.length) continue;
      const items = page.records.map((row) => toOpportunity(row, valueFields, required, ctx.timezone));
      yield { items, watermark: maxInstant(page.records.map((row) => row.SystemModstamp)) };
    }
    this.logUsage(ctx);
  }

  async recordObjectTypes(ctx: SyncContext): Promise<string[]> {
    return planRecordObjectTypes(ctx.requiredFields);
  }

  async *records(objectType: string, since: number | null, ctx: SyncContext): AsyncIterable<Page<CrmRecord>> {
    const apiName = await this.resolveObject(objectType, ctx);
    const describe = await this.client.describe(apiName, ctx);
    const required = await this.resolveRequiredFields(objectType, apiName, ctx);
    const has = (name: string) => describe.fields.some((field) => field.name === name);
    const modified = has('SystemModstamp') ? 'SystemModstamp' : has('LastModifiedDate') ? 'LastModifiedDate' : null;
    const standard = ['Id', 'OwnerId', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp', 'IsDeleted'].filter(
      (name) => name === 'Id' || has(name),
    );
    const selected = uniqueFields([...standard, ...required.map((field) => field.path)]);
    const valueFields = selected.filter((field) => !BOOKKEEPING_FIELDS.has(field.toLowerCase()));
    const soql = buildSoql({
      fields: selected,
      from: apiName,
      where: since !== null && modified ? [`${modified} > ${soqlDateTime(since)}`] : [],
      orderBy: modified ? [`${modified} ASC`, 'Id ASC'] : ['Id ASC'],
    });
    for await (const page of this.client.query(soql, { ...ctx, all: has('IsDeleted') })) {
      if (!page.records.length) continue;
      const items = page.records.map((row) => toCrmRecord(objectType, row, valueFields, required, ctx.timezone));
      yield modified ? { items, watermark: maxInstant(page.records.map((row) => row[modified])) } : { items };
    }
    this.logUsage(ctx);
  }

  /**
   * Task and Event through queryAll (deleted rows come back with IsDeleted), incremental on
   * SystemModstamp. The two objects are read one after the other, so the watermark (the newest
   * SystemModstamp of both) is stored only with the last page: a run stopped half-way re-reads
   * from the old watermark, and upserts by id make that harmless.
   */
  async *activities(since: number | null, ctx: SyncContext): AsyncIterable<Page<Activity>> {
    let watermark: number | undefined;
    for (const [object, fields] of [
      ['Task', TASK_FIELDS],
      ['Event', EVENT_FIELDS],
    ] as const) {
      // Field-level security may hide optional fields (Type, TaskSubtype, WhatId): select what describe shows.
      const describe = await activityAccess(object, this.client.describe(object, ctx));
      const visible = new Set(describe.fields.map((field) => field.name));
      const soql = buildSoql({
        fields: fields.filter((name) => name === 'Id' || visible.has(name)),
        from: object,
        where: since === null ? [] : [`SystemModstamp > ${soqlDateTime(since)}`],
        orderBy: ['SystemModstamp ASC', 'Id ASC'],
      });
      for await (const page of activityAccess(object, this.client.query(soql, { ...ctx, all: true }))) {
        const mark = maxInstant(page.records.map((row) => row.SystemModstamp));
        if (mark !== undefined) watermark = Math.max(watermark ?? mark, mark);
        const items = page.records
          .map((row) => toSalesforceActivity(object, row, ctx.timezone))
          .filter((activity): activity is Activity => activity !== null);
        if (items.length) yield { items };
      }
    }
    if (watermark !== undefined) yield { items: [], watermark };
    this.logUsage(ctx);
  }

  /** Salesforce has no standard training object: nothing to yield. */
  async *training(_ctx: SyncContext): AsyncIterable<Page<TrainingAssignment>> {
    return;
  }

  /** Signs in, checks the permissions the sync needs and every launch-plan field, and says what will be synced. */
  async test(ctx: SyncContext): Promise<string> {
    const identity = await this.client.identity(ctx);
    const flow = this.options.refresh_token ? 'refresh token' : 'client credentials';
    const lines = [
      `Salesforce ${identity.instanceUrl} (REST API v${this.client.apiVersion}), signed in with ${flow}${identity.userId ? ` as user ${identity.userId}` : ''}`,
    ];
    const department = await this.departmentField(ctx);
    const users = await this.client.count('SELECT COUNT() FROM User', ctx);
    lines.push(`users: ${users} from User, department from ${department === 'UserRole.Name' ? 'the role name' : `User.${department}`}`);
    lines.push(`logins: LoginHistory readable (${await this.loginHistoryAccess(identity.userId, ctx)})`);
    const opportunities = await this.client.count('SELECT COUNT() FROM Opportunity', ctx);
    const opportunityFields = await this.resolveRequiredFields('opportunity', 'Opportunity', ctx);
    lines.push(
      `opportunities: ${opportunities}, incremental on SystemModstamp, deletions through queryAll${describeFields(opportunityFields)}`,
    );
    for (const objectType of await this.recordObjectTypes(ctx)) {
      const apiName = await this.resolveObject(objectType, ctx);
      lines.push(`records: ${objectType} from ${apiName}${describeFields(await this.resolveRequiredFields(objectType, apiName, ctx))}`);
    }
    lines.push(`activities: ${await this.activityAccess(ctx)}`);
    lines.push('training: none (Salesforce has no standard training object)');
    lines.push(`API usage: ${formatApiUsage(this.apiUsage())}`);
    return lines.join('\n');
  }

  async close(): Promise<void> {
    // Nothing is held open between calls: fetch keeps no session of ours.
  }

  private logUsage(ctx: SyncContext): void {
    logApiUsage(ctx, 'Salesforce', this.apiUsage());
  }

  /** The User field (or `UserRole.Name`) read as the department, checked against describe. */
  private async departmentField(ctx: SyncContext): Promise<string> {
    const wanted = this.options.department_field;
    if (wanted.toLowerCase() === 'userrole') return 'UserRole.Name';
    const describe = await this.client.describe('User', ctx);
    const match = matchFieldName(
      wanted,
      describe.fields.map((field) => field.name),
    );
    if ('name' in match) return match.name;
    throw new ConnectorError(
      'CONNECTOR_OPTIONS_INVALID',
      `salesforce option "department_field": the User object has no field "${wanted}"${suggest(wanted, describe)}`,
    );
  }

  /** Task and Event counts, or which permission is missing (the sync then skips activities with a warning). */
  private async activityAccess(ctx: SyncContext): Promise<string> {
    try {
      const counts: string[] = [];
      for (const object of ['Task', 'Event'] as const) {
        for await (const page of activityAccess(object, this.client.query(`SELECT COUNT() FROM ${object}`, ctx))) {
          counts.push(`${page.totalSize} ${object}`);
        }
      }
      return `${counts.join(', ')}, incremental on SystemModstamp, deletions through queryAll`;
    } catch (error) {
      if (error instanceof FamilyPermissionError) return `NOT SYNCED: ${error.message}`;
      throw error;
    }
  }

  /** Manage Users through the profile or a permission set; failing that, other users' rows visible (Monitor Login History). */
  private async loginHistoryAccess(userId: string | null, ctx: SyncContext): Promise<string> {
    if (userId) {
      const granted = await this.client.count(
        `SELECT COUNT() FROM PermissionSetAssignment WHERE AssigneeId = ${soqlString(userId)} AND PermissionSet.PermissionsManageUsers = true`,
        ctx,
      );
      if (granted > 0) return 'Manage Users';
    }
    const where = userId ? ` WHERE UserId != ${soqlString(userId)}` : '';
    for await (const page of this.client.query(`SELECT Id FROM LoginHistory${where} LIMIT 1`, ctx)) {
      if (page.records.length > 0) return "other users' logins visible";
    }
    throw new ConnectorError(
      'SALESFORCE_PERMISSION_MISSING',
      `the Salesforce API user${userId ? ` ${userId}` : ''} cannot read other users' LoginHistory: give it the "Manage Users" (or "Monitor Login History") permission, through its profile or a permission set`,
    );
  }

  /** The Salesforce object for a launch-plan object type (`account` -> `Account`). */
  private async resolveObject(objectType: string, ctx: SyncContext): Promise<string> {
    const names = await this.client.objectNames(ctx);
    const match = matchFieldName(objectType, names);
    if ('name' in match) return match.name;
    const detail = match.candidates.length ? ` (it matches several: ${match.candidates.join(', ')})` : '';
    throw new ConnectorError(
      'SALESFORCE_UNKNOWN_OBJECT',
      `launch plan required_fields names object "${objectType}", which is not a Salesforce object the API user can see${detail}`,
    );
  }

  /** Launch-plan fields of an object resolved to Salesforce API names (or one-level relationship paths). */
  private async resolveRequiredFields(objectType: string, apiName: string, ctx: SyncContext): Promise<ResolvedField[]> {
    const resolved: ResolvedField[] = [];
    for (const planName of ctx.requiredFields[objectType] ?? []) {
      resolved.push({ planName, path: await this.resolvePath(objectType, apiName, planName, ctx) });
    }
    return resolved;
  }

  private async resolvePath(objectType: string, apiName: string, planName: string, ctx: SyncContext): Promise<string> {
    const parts = planName.split('.');
    let describe = await this.client.describe(apiName, ctx);
    const path: string[] = [];
    for (const [index, part] of parts.entries()) {
      const last = index === parts.length - 1;
      if (last) {
        const match = matchFieldName(
          part,
          describe.fields.map((field) => field.name),
        );
        if ('name' in match) {
          path.push(match.name);
          break;
        }
        throw unknownField(objectType, planName, describe, part, match.candidates);
      }
      const relations = describe.fields.filter((field) => field.relationshipName && field.referenceTo?.length);
      const match = matchFieldName(
        part,
        relations.map((field) => field.relationshipName as string),
      );
      if (!('name' in match)) throw unknownField(objectType, planName, describe, part, match.candidates);
      const relation = relations.find((field) => field.relationshipName === match.name)!;
      path.push(match.name);
      describe = await this.client.describe(relation.referenceTo![0], ctx);
    }
    return path.join('.');
  }
}

/**
 * Salesforce refuses an object the API user may not read with INVALID_TYPE ("sObject type 'Task' is
 * not supported") or INSUFFICIENT_ACCESS: that becomes a FamilyPermissionError naming the permission.
 */
function activityAccess<T>(object: 'Task' | 'Event', work: Promise<T>): Promise<T>;
function activityAccess<T>(object: 'Task' | 'Event', work: AsyncIterable<T>): AsyncIterable<T>;
function activityAccess<T>(object: 'Task' | 'Event', work: Promise<T> | AsyncIterable<T>): Promise<T> | AsyncIterable<T> {
  const refuse = (error: unknown): never => {
    // A describe of an object the user cannot see answers 404 NOT_FOUND; a query, INVALID_TYPE.
    if (error instanceof ConnectorError && /\b(INVALID_TYPE|INSUFFICIENT_ACCESS\w*|NOT_FOUND)\b/.test(error.message)) {
      throw new FamilyPermissionError(
        'SALESFORCE_PERMISSION_MISSING',
        'activities',
        `Read on ${object}`,
        `the Salesforce API user cannot read ${object} (${error.message.replace(/^.*?: HTTP \d+ /, '')}): give its profile or a permission set read access to ${object === 'Task' ? 'Tasks' : 'Events'} ("Read" on Activities, or "View All Activities" for other users' ${object === 'Task' ? 'tasks' : 'events'}); activities are not synced until then`,
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

function unknownField(
  objectType: string,
  planName: string,
  describe: SalesforceObjectDescribe,
  part: string,
  candidates: string[],
): ConnectorError {
  const detail = candidates.length ? ` (it matches several: ${candidates.join(', ')})` : suggest(part, describe);
  return new ConnectorError(
    'SALESFORCE_UNKNOWN_FIELD',
    `launch plan required field "${objectType}.${planName}" does not exist on Salesforce object ${describe.name}: no field "${part}"${detail}`,
  );
}

function suggest(wanted: string, describe: SalesforceObjectDescribe): string {
  return suggestFieldNames(
    wanted,
    describe.fields.map((field) => field.name),
  );
}

function describeFields(fields: readonly ResolvedField[]): string {
  return fields.length ? `; required fields ${fields.map((field) => `${field.planName} -> ${field.path}`).join(', ')}` : '';
}

function maxInstant(values: readonly unknown[]): number | undefined {
  const instants = values
    .map((value) => (typeof value === 'string' ? parseInstant(value, 'UTC') : null))
    .filter((value): value is number => value !== null);
  return instants.length ? Math.max(...instants) : undefined;
}

/** Validates the options (throws CONNECTOR_OPTIONS_INVALID naming each wrong option) and builds the connector. */
export function createSalesforceConnector(options: Record<string, string>, deps: SalesforceConnectorDeps = {}): SalesforceConnector {
  return new SalesforceConnector(parseConnectorOptions('salesforce', SalesforceOptionsSchema, options), deps);
}
