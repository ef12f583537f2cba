/** The client's IP address for the per-IP rate limit. */
import type { Context } from 'hono';
import type { LeapHandlerOptions } from './options.js';

export function clientIpReader(options: LeapHandlerOptions): (c: Context) => string {
  return (c) => {
    if (options.clientIp) return options.clientIp(c.req.raw, c.env) ?? 'unknown';
    if (options.trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
    return incoming?.socket?.remoteAddress ?? 'unknown';
  };
}
