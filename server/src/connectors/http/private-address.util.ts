import { isIP } from 'node:net';

/**
 * IPv4 ranges that are not the public internet: this network, private (RFC 1918), shared
 * (carrier-grade NAT), loopback, link-local (cloud metadata at 169.254.169.254), IETF protocol
 * assignments, benchmarking, multicast and reserved (incl. broadcast).
 */
const PRIVATE_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

/**
 * Whether an IP address (v4 or v6, with or without the brackets of a URL) is private, loopback,
 * link-local, unspecified or otherwise not a public host. IPv6 forms that carry an IPv4 address
 * (mapped `::ffff:127.0.0.1` in either notation, IPv4-compatible, NAT64 `64:ff9b::/96`, 6to4
 * `2002::/16`) are judged by that address. Text that is not an IP address is not private.
 */
export function isPrivateAddress(address: string): boolean {
  const text = address.replace(/^\[(.*)\]$/, '$1');
  const version = isIP(text);
  if (version === 4) return isPrivateV4(v4Number(text));
  if (version === 6) return isPrivateV6(v6Groups(text));
  return false;
}

function isPrivateV4(value: number): boolean {
  return PRIVATE_V4.some(([base, bits]) => value >>> (32 - bits) === v4Number(base) >>> (32 - bits));
}

function isPrivateV6(groups: number[]): boolean {
  const [g0, g1, g2, g3, g4, g5] = groups;
  const embedded = ((groups[6] << 16) | groups[7]) >>> 0;
  const zeroTo = (count: number) => groups.slice(0, count).every((group) => group === 0);
  if (zeroTo(5) && g5 === 0xffff) return isPrivateV4(embedded); // ::ffff:a.b.c.d (mapped)
  if (zeroTo(6)) return embedded <= 1 || isPrivateV4(embedded); // :: and ::1, ::a.b.c.d (compatible)
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) return isPrivateV4(embedded); // NAT64 64:ff9b::/96
  if (g0 === 0x2002) return isPrivateV4(((g1 << 16) | g2) >>> 0); // 6to4
  if ((g0 & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g0 & 0xffc0) === 0xfe80) return true; // fe80::/10 link-local
  if ((g0 & 0xffc0) === 0xfec0) return true; // fec0::/10 site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return true; // ff00::/8 multicast
  if (g0 === 0x100 && g1 === 0 && g2 === 0 && g3 === 0) return true; // 100::/64 discard
  if (g0 === 0x2001 && g1 === 0xdb8) return true; // documentation
  return false;
}

function v4Number(text: string): number {
  return text.split('.').reduce((value, part) => ((value << 8) | Number(part)) >>> 0, 0);
}

/** The eight 16-bit groups of an IPv6 address (already checked by `isIP`), a trailing IPv4 part split in two. */
function v6Groups(text: string): number[] {
  const withoutZone = text.split('%')[0];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(withoutZone);
  let hex = withoutZone;
  if (dotted) {
    const value = v4Number(dotted[1]);
    hex = `${withoutZone.slice(0, dotted.index)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head, tail] = hex.includes('::') ? hex.split('::') : [hex, null];
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const left = parse(head);
  if (tail === null) return left;
  const right = parse(tail);
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}
