/**
 * The environment of the job commands (`sync`, `create-meters`, `applications`, `webhooks`): the same variables as
 * `serve` for reaching Leap, read at once so a misconfigured run stops before any call with one line per problem.
 * The mock is never a default here: without LEAP_API_KEY a job command needs `--mock`, or it stops (exit 2) before
 * it writes anything, so sample data can never reach a partner's systems or move a sync checkpoint.
 */
import type { LeapClientOptions } from '../server/client/create-client.js';
import { unknownVariables } from './env-names.js';
import { envText, readApiKey, readEnvironment, readHttpsUrl } from './env-values.js';
import { note } from './output.js';

/** The `parseArgs` option every job command takes. */
export const MOCK_FLAG = { mock: { type: 'boolean' } } as const;

export interface ClientEnvReading {
  options: LeapClientOptions | null;
  problems: string[];
  warnings: string[];
  /** When `options` is null: 2 for a command that cannot run as given (no key and no --mock), 1 otherwise. */
  exitCode: number;
}

export function readClientEnv(
  command: string,
  env: Record<string, string | undefined>,
  { mock = false }: { mock?: boolean } = {},
): ClientEnvReading {
  const problems: string[] = [];
  const warnings: string[] = unknownVariables(env);
  const text = envText(env);
  const apiKey = readApiKey(text('LEAP_API_KEY'), problems);
  const environment = readEnvironment(text('LEAP_ENVIRONMENT'), problems);
  const incentivesBaseUrl = readHttpsUrl('LEAP_INCENTIVES_BASE_URL', text('LEAP_INCENTIVES_BASE_URL'), problems);
  const platformBaseUrl = readHttpsUrl('LEAP_PLATFORM_BASE_URL', text('LEAP_PLATFORM_BASE_URL'), problems);
  if (problems.length) return { options: null, problems, warnings, exitCode: 1 };
  const hasKey = text('LEAP_API_KEY') !== undefined;
  if (!hasKey && !mock) {
    problems.push(
      `LEAP_API_KEY is not set: set it to reach Leap, or add --mock to run against the embedded mock (sample data). Nothing was done.`,
    );
    return { options: null, problems, warnings, exitCode: 2 };
  }
  if (hasKey && mock) {
    problems.push('--mock and LEAP_API_KEY are both given: drop --mock to reach Leap, or unset LEAP_API_KEY.');
    return { options: null, problems, warnings, exitCode: 2 };
  }
  // Without base URLs the client says itself that the embedded mock answers.
  if (mock && (incentivesBaseUrl || platformBaseUrl))
    warnings.push('--mock: calling the mock Leap at the base URLs given.');
  return {
    options: {
      ...(mock ? { mock: true } : { apiKey }),
      ...(environment ? { environment } : {}),
      incentivesBaseUrl,
      platformBaseUrl,
      // Warnings of the client itself go to stderr as lines; stdout carries data only.
      logger: (level, message) => {
        if (level !== 'info') note(command, message);
      },
    },
    problems,
    warnings,
    exitCode: 0,
  };
}

/** The client options of a job command, after printing its problems and warnings; or the exit code to stop with. */
export function jobClientOptions(
  command: string,
  env: Record<string, string | undefined>,
  mock: boolean | undefined,
): LeapClientOptions | number {
  const { options, problems, warnings, exitCode } = readClientEnv(command, env, { mock });
  for (const line of problems) note(command, line);
  for (const line of warnings) note(command, line);
  return options ?? exitCode;
}
