#!/usr/bin/env node
/**
 * `leap-elements <command>`: the partner's server-side tools.
 *   doctor         checks a deployment the way the elements use it (docs/errors.md)
 *   serve          the partner backend as a standalone server, configured by environment (see docs/backend.md)
 *   sync           one pass of the daily meter-enrollment poll, as JSON lines
 *   create-meters  partner-created meters from a CSV or JSON file
 *   applications   the applications of your organization (those awaiting you)
 *   mock           the mock Leap on its own port
 *   webhooks       Leap's webhook subscriptions: subscribe your backend's receiver, list, delete, test
 *   cdn-snippet    the <script> snippet, with integrity, for the CDN files served from anywhere
 */
import { fileURLToPath } from 'node:url';

const USAGE = `Usage: leap-elements <command>

Commands:
  doctor          check a deployment as the elements use it: --backend <base URL> --origin <your page origin>
  serve           run the partner backend (configured by environment: PORT, LEAP_API_KEY, LEAP_SESSION_SECRET, ...)
  sync            one pass of the daily meter-enrollment poll: --since <ISO date> [--state <file>] [--overlap <s>]
  create-meters   create meters from a file: <file.csv|file.json> [--update-existing] [--wait]
  applications    list applications: [--awaiting-partner | --status <status>] [--json]
  mock            run the mock Leap API on its own port (--port, --host, --latency, --fault, --meters, --job-delay)
  webhooks        Leap's webhook subscriptions: subscribe --url <receiver> [--events …] | list | delete | test
  cdn-snippet     print the CDN snippet with integrity for where you serve the files: [--base <url or /path/>] [--single]
  help            show this text

The job commands (sync, create-meters, applications) reach Leap with LEAP_API_KEY (LEAP_ENVIRONMENT=staging,
LEAP_PLATFORM_BASE_URL and LEAP_INCENTIVES_BASE_URL optional); add --mock to run them against the embedded mock
(sample data) instead. serve answers from the mock only with LEAP_MOCK=1, or, outside production, on this machine
when no key is set.`;

const [command, ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case 'doctor':
      return (await import('./doctor.js')).runDoctor(args);
    case 'serve':
      return (await import('./serve.js')).runServe();
    case 'sync':
      return (await import('./sync.js')).runSync(args);
    case 'create-meters':
      return (await import('./create-meters.js')).runCreateMeters(args);
    case 'applications':
      return (await import('./applications.js')).runApplications(args);
    case 'webhooks':
      return (await import('./webhooks.js')).runWebhooks(args);
    case 'mock':
      return (await import('./mock.js')).runMock(args);
    case 'cdn-snippet':
      // From dist/node/cli.js (or src/cli/index.ts), two folders up is the package.
      return (await import('./cdn-snippet.js')).runCdnSnippet(args, fileURLToPath(new URL('../../', import.meta.url)));
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
