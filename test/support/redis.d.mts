/** A private redis-server on a loopback port (test/support/redis.mjs). */
export interface RedisServer {
  port: number;
  url: string;
  stop(signal?: NodeJS.Signals): Promise<void>;
  restart(): Promise<void>;
  /** Freezes the process (SIGSTOP): connections stay open and nothing answers. */
  pause(): void;
  resume(): void;
}

export const FIX_COMMAND: string;
export function findRedisServer(): string | null;
export function ensureRedisServer(options?: { log?: (line: string) => void }): string;
export function startRedis(options?: { log?: (line: string) => void }): Promise<RedisServer>;
