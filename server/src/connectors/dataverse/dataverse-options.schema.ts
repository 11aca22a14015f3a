import { z } from 'zod';
import { baseUrlOption, intOption, listOption, requiredText } from '../http/connector-options.util';

export const ENTRA_AUTHORITY = 'https://login.microsoftonline.com';

export const DataverseOptionsSchema = z.strictObject({
  /** The environment URL, e.g. https://acme.crm4.dynamics.com. */
  instance_url: baseUrlOption('the environment URL, e.g. https://acme.crm.dynamics.com'),
  tenant_id: requiredText('the Microsoft Entra tenant id or domain'),
  client_id: requiredText('the app registration (client) id'),
  client_secret: requiredText('a client secret of the app registration'),
  /** Entra authority (token endpoint `{authority}/{tenant_id}/oauth2/v2.0/token`); other clouds use another host. */
  authority: baseUrlOption('the Microsoft Entra authority, default https://login.microsoftonline.com').default(ENTRA_AUTHORITY),
  api_version: z
    .string()
    .trim()
    .regex(/^\d+\.\d+$/, 'expected a Web API version such as 9.2')
    .default('9.2'),
  /** systemuser ids or domain names (UPNs) of integration accounts besides application and non-interactive users. */
  integration_users: listOption(),
  /** Rows per page asked for with `Prefer: odata.maxpagesize` (Dataverse allows up to 5,000). */
  page_size: intOption(1, 5000, 5000),
});

export type DataverseOptions = z.infer<typeof DataverseOptionsSchema>;
