/**
 * Building blocks shared by every Leap schema. zod/mini keeps the browser bundle small; the same schemas serve the
 * elements, the partner backend and the mock.
 *
 * Two rules hold everywhere:
 * - Objects are loose: fields Leap adds later are kept, never stripped or rejected.
 * - Enums in responses are open: a value Leap adds later is kept as a string instead of failing the whole response.
 *   Requests we send use closed enums.
 */
import * as z from 'zod/mini';
import { LeapApiError } from '../errors.js';

import type { Open } from '../open.js';

export type { Open };

/** Closed enum for requests. */
export function closedEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values);
}

/** Open enum for responses: the known values for documentation and typing, any string accepted. */
export function openEnum<const T extends readonly [string, ...string[]]>(_values: T) {
  return z.string() as unknown as z.ZodMiniType<Open<T[number]>>;
}

/** ISO 8601 date-time as Leap sends it; kept as a string, checked to be parseable. */
export const isoDateTime = z
  .string()
  .check(z.refine((value) => !Number.isNaN(Date.parse(value)), { message: 'Expected an ISO 8601 date-time' }));

/** Integer or numeric string (Leap sends some ids both ways). */
export const intOrString = z.union([z.int(), z.string()]);

/**
 * Formats zod issues as `{field: message}` with dotted paths, for the `details` of a 400. Messages are plain English
 * without needing zod's locale tables (which would weigh on the browser bundle).
 */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const base = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...base, key].join('.')] ??= 'unknown field';
      continue;
    }
    const key = base.length ? base.join('.') : '(body)';
    fields[key] ??= describeIssue(issue);
  }
  return fields;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.message && issue.message !== 'Invalid input') return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}${issue.origin === 'string' ? ' characters' : issue.origin === 'array' ? ' items' : ''}`;
    case 'invalid_format':
      return `invalid ${issue.format}`;
    default:
      return 'invalid value';
  }
}

/** Parses an answer from the network, or throws the 502 `LeapApiError` that names every unexpected field. */
export function parseAnswer<T extends z.ZodMiniType>(
  schema: T,
  value: unknown,
  title = 'Unexpected answer',
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new LeapApiError({
      status: 502,
      title,
      details: { fields: issuesToFields(parsed.error.issues) },
    });
  }
  return parsed.data as z.infer<T>;
}
