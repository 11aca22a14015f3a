import { ConnectorError } from '../connector.port';
import { describeOrigin, describeUrl } from './http.transport';

/** Where a connector may send its credentials: the configured origins, and https hosts of the vendor's own domains. */
export interface UrlTrust {
  /** Base URLs from the connection's options (only their origin counts). */
  origins: readonly string[];
  /** Vendor domains (e.g. `salesforce.com`): the domain itself and any host under it, over https only. */
  domains: readonly string[];
}

export function isTrustedUrl(url: string, trust: UrlTrust): boolean {
  if (!URL.canParse(url)) return false;
  const parsed = new URL(url);
  if (trust.origins.some((origin) => URL.canParse(origin) && new URL(origin).origin === parsed.origin)) return true;
  if (parsed.protocol !== 'https:') return false;
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '');
  return trust.domains.some((domain) => host === domain || host.endsWith(`.${domain}`));
}

/**
 * Returns `url` when the connector may send its credentials there; otherwise throws
 * CRM_URL_REFUSED naming what gave the URL (a paging link, the token's instance_url) and the
 * origin it pointed to.
 */
export function assertTrustedUrl(url: string, trust: UrlTrust, vendor: string, what: string): string {
  if (isTrustedUrl(url, trust)) return url;
  const allowed = [...trust.origins.map(describeOrigin), ...trust.domains.map((domain) => `https://*.${domain}`)];
  throw new ConnectorError(
    'CRM_URL_REFUSED',
    `${vendor} gave ${what} on another host (${URL.canParse(url) ? describeOrigin(url) : describeUrl(url)}); credentials are sent only to ${[...new Set(allowed)].join(', ')}`,
  );
}
