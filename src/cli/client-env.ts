/**
 * The environment of the job commands (`sync`, `create-meters`, `applications`): the same variables as `serve` for
 * reaching Leap, read at once so a misconfigured run stops before any call with one line per problem.
 */
import type { LeapClientOptions } from '../server/client/create-client.js';
import { readEnvironment, readHttpsUrl } from './env-config.js';

export interface ClientEnvReading {
  options: LeapClientOptions | null;
  problems: string[];
  warnings: string[];
}

export function readClientEnv(command: string, env: Record<string, string | undefined>): ClientEnvReading {
  const problems: string[] = [];
  const warnings: string[] = [];
  const text = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
  const apiKey = text('LEAP_API_KEY');
  if (apiKey !== undefined && !/^[\x21-\x7e]+$/.test(apiKey)) {
    problems.push('LEAP_API_KEY must be printable ASCII without spaces (check for a pasted line break or quote).');
  }
  const environment = readEnvironment(text('LEAP_ENVIRONMENT'), problems);
  const incentivesBaseUrl = readHttpsUrl('LEAP_INCENTIVES_BASE_URL', text('LEAP_INCENTIVES_BASE_URL'), problems);
  const platformBaseUrl = readHttpsUrl('LEAP_PLATFORM_BASE_URL', text('LEAP_PLATFORM_BASE_URL'), problems);
  if (problems.length) return { options: null, problems, warnings };
  // Without base URLs the client says itself that the embedded mock answers.
  if (apiKey === undefined && (incentivesBaseUrl || platformBaseUrl)) {
    warnings.push('LEAP_API_KEY is not set: calling the mock Leap at the base URLs given.');
  }
  return {
    options: {
      ...(apiKey ? { apiKey } : { mock: true }),
      ...(environment ? { environment } : {}),
      incentivesBaseUrl,
      platformBaseUrl,
      // Warnings of the client itself go to stderr as lines; stdout carries data only.
      logger: (level, message) => {
        if (level !== 'info') process.stderr.write(`leap-elements ${command}: ${message}\n`);
      },
    },
    problems,
    warnings,
  };
}
