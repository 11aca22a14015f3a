import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { envValue } from '../../config/environment';
import { ConnectorError } from '../connector.port';
import { isPrivateAddress } from './private-address.util';

/** Set to `true` to let connections reach private, loopback and link-local hosts (a CRM on the internal network, tests). */
export const ALLOW_PRIVATE_CRM_HOSTS_ENV = 'UPTAKE_ALLOW_PRIVATE_CRM_HOSTS' as const;

/** Whether connector URLs may name private hosts; read on every check, so tests and operators can change it without a rebuild. */
export function privateCrmHostsAllowed(env: NodeJS.ProcessEnv = process.env): boolean {
  return envValue(ALLOW_PRIVATE_CRM_HOSTS_ENV, env);
}

/** `localhost`, `*.localhost` (RFC 6761), with or without the root dot. */
export function isLocalHostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/** Why a URL's host is not a public host as written (a private IP literal or a localhost name), or null. */
export function privateHostOf(url: URL): string | null {
  if (isLocalHostName(url.hostname)) return url.hostname;
  return isPrivateAddress(url.hostname) ? url.hostname : null;
}

/** A connector URL names, or resolves to, a private, loopback or link-local address. */
export class PrivateHostError extends ConnectorError {
  constructor(host: string, address?: string) {
    super(
      'CRM_HOST_PRIVATE',
      `refused to connect to ${host}${address && address !== host ? ` (${address})` : ''}: a private, loopback or link-local address; set ${ALLOW_PRIVATE_CRM_HOSTS_ENV}=true to allow CRM hosts on the internal network`,
    );
  }
}

/** Throws PrivateHostError when the URL's host, as written, is private and private hosts are not allowed. */
export function assertPublicHost(url: string): void {
  if (privateCrmHostsAllowed()) return;
  const parsed = new URL(url);
  const host = privateHostOf(parsed);
  if (host !== null) throw new PrivateHostError(parsed.host);
}

type Resolver = (
  hostname: string,
  options: LookupOptions & { all: true },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for sockets that resolves the name once and refuses it when any of its addresses is
 * private: the socket connects to the address checked here, so a name that resolves to a public
 * address at one moment and to 169.254.169.254 at the next (DNS rebinding) cannot slip through.
 */
export function guardedLookup(resolve: Resolver = dnsLookup as unknown as Resolver): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      let allowed: boolean;
      try {
        allowed = privateCrmHostsAllowed();
      } catch (invalid) {
        return callback(invalid as NodeJS.ErrnoException, '', 0);
      }
      if (!allowed) {
        const refused = addresses.find((entry) => isPrivateAddress(entry.address));
        if (refused) return callback(new PrivateHostError(hostname, refused.address), '', 0);
      }
      if (options.all) return (callback as unknown as (error: null, addresses: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
