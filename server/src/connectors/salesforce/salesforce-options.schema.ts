import { z } from 'zod';
import { baseUrlOption, intOption, listOption, requiredText } from '../http/connector-options.util';

export const DEFAULT_SALESFORCE_API_VERSION = '59.0';

export const SalesforceOptionsSchema = z.strictObject({
  /** The org's URL, e.g. https://acme.my.salesforce.com. */
  instance_url: baseUrlOption('the org URL, e.g. https://acme.my.salesforce.com'),
  /** Base of the token endpoint `{login_url}/services/oauth2/token`; default: instance_url. */
  login_url: baseUrlOption('base of the token endpoint, e.g. https://login.salesforce.com').optional(),
  client_id: requiredText('the connected app consumer key'),
  client_secret: requiredText('the connected app consumer secret'),
  /** When given, the refresh-token flow is used instead of client credentials. */
  refresh_token: z.string().trim().optional(),
  api_version: z
    .string()
    .trim()
    .regex(/^\d{2,3}\.0$/, 'expected a REST API version such as 59.0')
    .default(DEFAULT_SALESFORCE_API_VERSION),
  /** User field read as the department: Department, Division, UserRole (the role name) or a custom field such as Region__c. */
  department_field: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'expected a User field API name such as Department, Division, UserRole or Region__c')
    .default('Department'),
  /** Ids or usernames of users that are integration accounts even though their UserType is Standard. */
  integration_users: listOption(),
  /** Records per page asked for with Sforce-Query-Options (Salesforce may return fewer). */
  batch_size: intOption(200, 2000, 2000),
});

export type SalesforceOptions = z.infer<typeof SalesforceOptionsSchema>;
