/**
 * Compile-time checks of the public types, run by `npm test` through the compiler (test/node/types.test.ts): this file
 * compiles only while each assertion holds. It is never executed.
 */
import type * as z from 'zod/mini';
import type { IncentivesResponse, MeterEnrollmentView, ApplicationPatch } from '../../src/core/schemas/index.js';
import type * as generated from '../../src/core/types.generated.js';
import { isWebhookEvent } from '../../src/core/index.js';

/** `true` only when A and B are the same type. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(value: Same<A, B>) => value;

// The generated types are the schemas' z.infer types, not look-alikes.
export const schemaTypes = [
  same<generated.IncentivesResult, z.infer<typeof IncentivesResponse>>(true),
  same<generated.MeterEnrollmentView, z.infer<typeof MeterEnrollmentView>>(true),
  same<generated.ApplicationPatch, z.infer<typeof ApplicationPatch>>(true),
];

// isWebhookEvent narrows a delivery's payload to the documented event; without it `meter_id` is `unknown`.
export function meterIdOf(payload: generated.WebhookEvent): string | undefined {
  if (isWebhookEvent(payload, 'meter.created')) return payload.meter_id;
  // @ts-expect-error a type the webhooks file does not document
  isWebhookEvent(payload, 'meter.exploded');
  return undefined;
}
