/**
 * The public types are the zod schemas' own (`z.infer`), expanded into plain object types by the compiler so the
 * package's declarations never need zod (scripts/types.ts). They must stay exactly what the schemas produce.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type * as z from 'zod/mini';
import { generateTypes, TYPES_FILE } from '../../scripts/types.js';
import type { IncentivesResponse, MeterEnrollmentView, ApplicationPatch } from '../../src/core/schemas/index.js';
import type * as generated from '../../src/core/types.generated.js';
import { isWebhookEvent } from '../../src/core/index.js';

/** Compiles only when A and B are the same type. */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const same = <A, B>(value: Same<A, B>) => value;

describe('generated public types (src/core/types.generated.ts)', () => {
  it('are up to date with the zod schemas (npm run generate)', async () => {
    assert.equal(readFileSync(TYPES_FILE, 'utf8'), await generateTypes());
  });

  it('are the schemas’ z.infer types, not look-alikes (checked by the compiler)', () => {
    assert.ok(same<generated.IncentivesResult, z.infer<typeof IncentivesResponse>>(true));
    assert.ok(same<generated.MeterEnrollmentView, z.infer<typeof MeterEnrollmentView>>(true));
    assert.ok(same<generated.ApplicationPatch, z.infer<typeof ApplicationPatch>>(true));
  });

  it('isWebhookEvent narrows a delivery’s payload to the documented event (checked by the compiler)', () => {
    const payloads: generated.WebhookEvent[] = [
      { webhook_event_type: 'meter.created', meter_id: 'm-1', transmission_region: 'CAISO', partner_reference: 'c-1' },
      { webhook_event_type: 'meter.created.v2', meter_id: 'm-2' },
      { webhook_event_type: 'connect_session.updated', partner_reference: 'c-1', status: 'COMPLETED' },
    ];
    const linked: string[] = [];
    for (const payload of payloads) {
      // Without the guard, `payload.meter_id` is `unknown`: an event type Leap adds later could carry anything.
      if (isWebhookEvent(payload, 'meter.created')) {
        const meterId: string = payload.meter_id;
        linked.push(meterId);
      }
    }
    assert.deepEqual(linked, ['m-1']);
    // @ts-expect-error a type the webhooks file does not document
    assert.equal(isWebhookEvent(payloads[0]!, 'meter.exploded'), false);
  });
});
