import { SecretBox } from './secret-box.service';

/** Additional data bound to sealed connection options. */
export const CONNECTION_OPTIONS_CONTEXT = 'uptake connections.options';

/**
 * The `connections.options` column: the options as JSON, sealed with the secret box (credentials
 * are encrypted at rest). Without a box (unit tests that build repositories by hand) it stays JSON.
 */
export function encodeConnectionOptions(options: Record<string, string>, box: SecretBox | undefined): string {
  const json = JSON.stringify(options);
  return box ? box.seal(json, CONNECTION_OPTIONS_CONTEXT) : json;
}

/** Reads the column: sealed, or plain JSON written before encryption existed (sealed at the next start). */
export function decodeConnectionOptions(stored: string | null, box: SecretBox | undefined, connectionName: string): Record<string, string> {
  const text = stored || '{}';
  if (!SecretBox.isSealed(text)) return JSON.parse(text) as Record<string, string>;
  if (!box) throw new Error(`the options of connection "${connectionName}" are encrypted and no secret key is loaded`);
  return JSON.parse(box.open(text, CONNECTION_OPTIONS_CONTEXT, `options of connection "${connectionName}"`)) as Record<string, string>;
}
