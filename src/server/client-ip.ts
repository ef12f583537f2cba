/**
 * The client's address for the per-IP rate limit, as a bounded key: an IPv4 address, or the /64 prefix of an IPv6
 * one (one household or server usually holds a whole /64, so counting single IPv6 addresses would let it rotate).
 *
 * `X-Forwarded-For` is written by whoever sends the request: only the hops your own proxies appended can be
 * believed, so with `trustProxy: true` the address is the rightmost hop (your proxy's view of the client), and with
 * `trustProxy: n` the n-th from the right (n proxies in front). A hop that is not an IP address is ignored.
 */
import type { Context } from 'hono';
import type { LeapHandlerOptions } from './options.js';

/** The key for an IP address, or null when `value` is not one. */
export function ipKey(value: string): string | null {
  let text = value.trim();
  if (text.length > 64) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(text);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(':'));
  text = text.replace(/%.*$/, '');
  // Keys are rebuilt from numbers, never sliced from the header: a slice would keep the whole header alive (V8 keeps
  // the parent of a sliced string), and the store holds thousands of keys.
  if (isIpv4(text)) return text.split('.').map(Number).join('.');
  const groups = ipv6Groups(text);
  if (!groups) return null;
  // An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is that IPv4 client.
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return [groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

function isIpv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255);
}

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a trailing dotted IPv4 read), or null. */
function ipv6Groups(text: string): number[] | null {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || text.split('::').length > 2) return null;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (part: string | undefined): number[] | null => {
    if (!part) return [];
    const out: number[] = [];
    const pieces = part.split(':');
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes('.')) {
        if (!isIpv4(piece)) return null;
        const [a, b, c, d] = piece.split('.').map(Number) as [number, number, number, number];
        out.push((a << 8) | b, (c << 8) | d);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return out;
  };
  const left = parse(head);
  const right = parse(tail);
  if (!left || !right) return null;
  if (tail === undefined) return left.length === 8 ? left : null;
  const missing = 8 - left.length - right.length;
  return missing >= 1 ? [...left, ...Array<number>(missing).fill(0), ...right] : null;
}

/** The hop `trusted` proxies back from the right of `X-Forwarded-For`, if it is an IP address. */
function forwardedKey(header: string | undefined, trusted: number): string | null {
  // A client can send a header of any size: read only the part the trusted proxies wrote.
  const hops = (header ?? '').slice(-64 * trusted - 64).split(',');
  const hop = hops[hops.length - trusted];
  return hop === undefined ? null : ipKey(hop);
}

/** The key of each connection's address, read once per connection: a keep-alive connection carries many requests. */
const socketKeys = new WeakMap<object, string | null>();

function socketKey(socket: { remoteAddress?: string } | undefined): string | null {
  if (!socket) return null;
  let key = socketKeys.get(socket);
  if (key === undefined) {
    const address = socket.remoteAddress;
    if (address === undefined) return null;
    key = ipKey(address);
    socketKeys.set(socket, key);
  }
  return key;
}

/** Reads the client's key for a request: null when it cannot be told (then the per-IP limit does not apply). */
export function clientIpReader(options: LeapHandlerOptions): (c: Context) => string | null {
  const trusted = options.trustProxy === true ? 1 : typeof options.trustProxy === 'number' ? options.trustProxy : 0;
  return (c) => {
    if (options.clientIp) {
      const value = options.clientIp(c.req.raw, c.env);
      return value === undefined ? null : ipKey(value);
    }
    if (trusted > 0) {
      const forwarded = forwardedKey(c.req.header('x-forwarded-for'), trusted);
      if (forwarded) return forwarded;
    }
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    return socketKey(incoming?.socket);
  };
}
