/**
 * The benchmark's servers as child processes (scripts/bench/servers.ts under `node --import tsx`), so the load
 * generator in the parent never shares their event loop. Each reports its URL when ready and answers questions over
 * IPC: its memory after a forced GC, and (the fake upstream) which answer size to send.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ParentMessage, ServerMessage } from './servers.js';

const SERVERS = fileURLToPath(new URL('./servers.ts', import.meta.url));

export interface Memory {
  rss: number;
  heapUsed: number;
}

export interface Child {
  url: string;
  process: ChildProcess;
  memory(): Promise<Memory>;
  /** The fake upstream only: answers `bytes`-sized incentives answers from now on. */
  answerSize(bytes: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startChild(args: string[]): Promise<Child> {
  const child = fork(SERVERS, args, {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 0;
  const waiting = new Map<number, (message: ServerMessage) => void>();
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`servers.ts ${args.join(' ')} did not start within 120 s`)),
      120_000,
    );
    child.once('exit', (code) => reject(new Error(`servers.ts ${args.join(' ')} exited early (${code})`)));
    child.on('message', (message: ServerMessage) => {
      if (message.type === 'ready') {
        clearTimeout(timer);
        resolve(message.url);
      } else {
        waiting.get(message.id)?.(message);
        waiting.delete(message.id);
      }
    });
  });
  const ask = (message: { type: 'memory' } | { type: 'answer-size'; bytes: number }) =>
    new Promise<ServerMessage>((resolve) => {
      const id = ++nextId;
      waiting.set(id, resolve);
      child.send({ ...message, id } as ParentMessage);
    });
  return {
    url,
    process: child,
    memory: async () => {
      const { rss, heapUsed } = (await ask({ type: 'memory' })) as Extract<ServerMessage, { type: 'memory' }>;
      return { rss, heapUsed };
    },
    answerSize: async (bytes) => {
      await ask({ type: 'answer-size', bytes });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.send({ type: 'stop' } satisfies ParentMessage);
      }),
  };
}
