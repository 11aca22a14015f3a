import { z } from 'zod';
import { baseUrlOption, listOption } from '../http/connector-options.util';

export const HUBSPOT_API_URL = 'https://api.hubapi.com';

/**
 * A private app token (`access_token`), or a public app's `client_id` + `client_secret` +
 * `refresh_token` (OAuth; tokens expire after about 30 minutes and are renewed).
 */
export const HubSpotOptionsSchema = z
  .strictObject({
    access_token: z.string().trim().optional(),
    client_id: z.string().trim().optional(),
    client_secret: z.string().trim().optional(),
    refresh_token: z.string().trim().optional(),
    base_url: baseUrlOption('the API base, default https://api.hubapi.com').default(HUBSPOT_API_URL),
    /** Owner ids or emails of integration accounts (queues are always integration accounts). */
    integration_users: listOption(),
  })
  .superRefine((options, ctx) => {
    const oauth = [options.client_id, options.client_secret, options.refresh_token];
    if (options.access_token) {
      if (oauth.some(Boolean))
        ctx.addIssue({
          code: 'custom',
          path: ['access_token'],
          message: 'give either a private app access_token or client_id, client_secret and refresh_token, not both',
        });
      return;
    }
    if (!oauth.some(Boolean)) {
      ctx.addIssue({
        code: 'custom',
        path: ['access_token'],
        message: 'required: a private app access token (or client_id, client_secret and refresh_token of an OAuth app)',
      });
      return;
    }
    for (const name of ['client_id', 'client_secret', 'refresh_token'] as const) {
      if (!options[name])
        ctx.addIssue({ code: 'custom', path: [name], message: 'required for OAuth (with client_id, client_secret and refresh_token)' });
    }
  });

export type HubSpotOptions = z.infer<typeof HubSpotOptionsSchema>;
