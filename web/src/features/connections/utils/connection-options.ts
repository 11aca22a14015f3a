import type { ConnectionKind } from '@uptake/shared';

export interface OptionHint {
  name: string;
  required: boolean;
  hint: string;
}

export const KIND_LABEL: Record<ConnectionKind, string> = {
  demo: 'Demo CRM',
  csv: 'CSV folder',
  salesforce: 'Salesforce',
  hubspot: 'HubSpot',
  dataverse: 'Dynamics 365 (Dataverse)',
  moodle: 'Moodle (training)',
};

/** The options each connector reads (validated again by the server's connector schema). */
export const CONNECTOR_OPTIONS: Record<ConnectionKind, OptionHint[]> = {
  demo: [
    { name: 'seed', required: false, hint: 'Text that makes the generated company reproducible (default uptake)' },
    { name: 'people', required: false, hint: 'Number of CRM users to generate, 30 to 100000 (default 320)' },
    { name: 'launch_days_ago', required: false, hint: 'Days between the launch and today (default 120)' },
    { name: 'launch_date', required: false, hint: 'Fixed launch date YYYY-MM-DD instead of launch_days_ago' },
  ],
  csv: [{ name: 'path', required: true, hint: 'Folder on the server with users.csv, logins.csv, …' }],
  salesforce: [
    { name: 'instance_url', required: true, hint: 'The org URL, e.g. https://acme.my.salesforce.com' },
    { name: 'client_id', required: true, hint: 'Connected app consumer key' },
    { name: 'client_secret', required: true, hint: 'Connected app consumer secret' },
    { name: 'login_url', required: false, hint: 'Base of the token endpoint; default the instance URL' },
    { name: 'refresh_token', required: false, hint: 'Use the refresh-token flow instead of client credentials' },
    { name: 'department_field', required: false, hint: 'User field read as the department (default Department)' },
    { name: 'integration_users', required: false, hint: 'Comma-separated ids or usernames of integration accounts' },
    { name: 'api_version', required: false, hint: 'REST API version (default 59.0)' },
  ],
  hubspot: [
    { name: 'access_token', required: false, hint: 'Private app access token (or the three OAuth options below)' },
    { name: 'client_id', required: false, hint: 'OAuth app client id' },
    { name: 'client_secret', required: false, hint: 'OAuth app client secret' },
    { name: 'refresh_token', required: false, hint: 'OAuth refresh token' },
    { name: 'integration_users', required: false, hint: 'Comma-separated owner ids or e-mails of integration accounts' },
  ],
  dataverse: [
    { name: 'instance_url', required: true, hint: 'The environment URL, e.g. https://acme.crm.dynamics.com' },
    { name: 'tenant_id', required: true, hint: 'Microsoft Entra tenant id or domain' },
    { name: 'client_id', required: true, hint: 'App registration (client) id' },
    { name: 'client_secret', required: true, hint: 'Client secret of the app registration' },
    { name: 'authority', required: false, hint: 'Entra authority for other clouds (default https://login.microsoftonline.com)' },
    { name: 'integration_users', required: false, hint: 'Comma-separated systemuser ids or UPNs of integration accounts' },
  ],
  moodle: [
    { name: 'base_url', required: true, hint: 'The Moodle site, e.g. https://learn.example.com' },
    { name: 'token', required: true, hint: 'Web service token (REST protocol) of a user who may view course completion' },
    { name: 'courses', required: true, hint: 'Comma-separated course ids or short names whose completion is training' },
  ],
};

/** Options whose value is a credential: typed into a password field. */
export function isSecretOption(name: string): boolean {
  return /secret|password|token|key/i.test(name);
}
