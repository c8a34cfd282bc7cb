import ipaddr from 'ipaddr.js';

type Addr = ipaddr.IPv4 | ipaddr.IPv6;

/** Whether a client may fetch from `address` on `port`. */
export type AddressPolicy = (address: string, port: number) => boolean;

function parse(address: string): Addr | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return undefined;
  return ipaddr.process(bare); // IPv4-mapped IPv6 becomes the IPv4 it hides
}

const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Only ordinary public unicast addresses: not private, loopback, link-local, unique-local, multicast, unspecified,
 * reserved, nor the deprecated IPv4-compatible IPv6 form (`::7f00:1` is `::127.0.0.1`), which may reach the IPv4
 * address it hides.
 */
export function isPublicAddress(address: string): boolean {
  const a = parse(address);
  if (a === undefined || a.range() !== 'unicast') return false;
  return !(a.kind() === 'ipv6' && a.match(IPV4_COMPATIBLE));
}

interface AllowEntry {
  range: [Addr, number];
  port?: number;
}

function parseEntry(entry: string): AllowEntry | undefined {
  const s = entry.trim();
  if (s.includes('/')) {
    try {
      const [a, bits] = ipaddr.parseCIDR(s.replace(/^\[|\]$/g, ''));
      const p =
        a.kind() === 'ipv6' && (a as ipaddr.IPv6).isIPv4MappedAddress()
          ? (a as ipaddr.IPv6).toIPv4Address()
          : a;
      return { range: [p, p.kind() === a.kind() ? bits : bits - 96] };
    } catch {
      return undefined;
    }
  }
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(s);
  const v4port = /^([\d.]+):(\d+)$/.exec(s);
  const host = bracketed?.[1] ?? v4port?.[1] ?? s;
  const port = bracketed?.[2] ?? v4port?.[2];
  const a = parse(host);
  if (!a) return undefined;
  return { range: [a, a.kind() === 'ipv4' ? 32 : 128], ...(port ? { port: Number(port) } : {}) };
}

/**
 * The address policy of a server: public addresses always; private ones when `allow` is true,
 * or when they match one of the listed entries (`127.0.0.1:8080`, `[::1]`, `10.0.0.0/8`).
 */
export function addressPolicy(allow: boolean | readonly string[]): AddressPolicy {
  if (allow === true) return () => true;
  const entries = (allow === false ? [] : allow)
    .map(parseEntry)
    .filter((e): e is AllowEntry => e !== undefined);
  return (address, port) => {
    if (isPublicAddress(address)) return true;
    const a = parse(address);
    if (!a) return false;
    return entries.some(
      (e) => a.kind() === e.range[0].kind() && a.match(e.range) && (e.port === undefined || e.port === port),
    );
  };
}
