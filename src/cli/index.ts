#!/usr/bin/env node
/**
 * `leap-elements <command>`: the partner's server-side tools.
 *   serve   the partner backend as a standalone server, configured by environment (see docs/backend.md)
 *   mock    the mock Leap on its own port
 */
export {};

const USAGE = `Usage: leap-elements <command>

Commands:
  serve    run the partner backend (configured by environment: PORT, LEAP_API_KEY, LEAP_SESSION_SECRET, ...)
  mock     run the mock Leap API on its own port (--port, --host, --latency, --fault)
  help     show this text`;

const [command, ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case 'serve':
      return (await import('./serve.js')).runServe();
    case 'mock':
      return (await import('./mock.js')).runMock(args);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      console.error(`leap-elements: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

// Exit explicitly: pooled upstream connections and a Redis client would otherwise keep a stopped server alive.
process.exit(await main());
