import { z } from 'zod';
import { ConnectorError } from '../connector.port';
import { ALLOW_PRIVATE_CRM_HOSTS_ENV, privateCrmHostsAllowed, privateHostOf } from './outbound-policy';

/**
 * Validates a connection's options (all strings) against a connector's schema. The error names
 * every wrong option and why, never its value (options hold secrets).
 */
export function parseConnectorOptions<S extends z.ZodType>(kind: string, schema: S, options: Record<string, string>): z.infer<S> {
  // An option given as "" is treated as not given, so defaults apply and required ones are named.
  const given = Object.fromEntries(Object.entries(options ?? {}).filter(([, value]) => typeof value !== 'string' || value.trim() !== ''));
  const result = schema.safeParse(given);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const known = schema instanceof z.ZodObject ? Object.keys(schema.shape).join(', ') : '';
      return issue.keys.map((key) => `unknown option "${key}"${known ? ` (known: ${known})` : ''}`).join('; ');
    }
    const name = issue.path.join('.') || '(options)';
    return `option "${name}": ${issue.message}`;
  });
  throw new ConnectorError('CONNECTOR_OPTIONS_INVALID', `invalid ${kind} connection options: ${problems.join('; ')}`);
}

/**
 * An absolute http(s) URL without a trailing slash. Plain http is accepted for loopback hosts only;
 * a private, loopback or link-local host written as such (an IP literal, `localhost`) only when
 * UPTAKE_ALLOW_PRIVATE_CRM_HOSTS is true. Names that resolve to such addresses are refused when
 * connecting (see outbound-policy.ts).
 */
export function baseUrlOption(what: string) {
  return z
    .string({ message: `required: ${what}` })
    .trim()
    .refine((value) => isBaseUrl(value), { message: `expected an https URL (${what})` })
    .superRefine((value, ctx) => {
      if (!isBaseUrl(value) || privateCrmHostsAllowed()) return;
      const host = privateHostOf(new URL(value));
      if (host !== null) {
        ctx.addIssue({
          code: 'custom',
          message: `${host} is a private, loopback or link-local host; set ${ALLOW_PRIVATE_CRM_HOSTS_ENV}=true to allow CRM hosts on the internal network`,
        });
      }
    })
    .transform((value) => value.replace(/\/+$/, ''));
}

function isBaseUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.search || url.hash) return false;
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** A required non-empty string (a credential or an id). */
export function requiredText(what: string) {
  return z
    .string({ message: `required: ${what}` })
    .trim()
    .min(1, `must not be empty (${what})`);
}

/** A comma-separated list; empty entries dropped. */
export function listOption() {
  return z
    .string()
    .optional()
    .transform((value) =>
      (value ?? '')
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    );
}

/** A whole number given as text, within bounds. */
export function intOption(min: number, max: number, fallback: number) {
  return z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return fallback;
      const number = Number(value);
      if (!Number.isInteger(number) || number < min || number > max) {
        ctx.addIssue({ code: 'custom', message: `expected a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return number;
    });
}
