/** One upstream call whose answer must match a zod schema; any failure is a `LeapApiError` the routes answer with. */
import type * as z from 'zod/mini';
import type { LeapApiError } from '../core/errors.js';
import { parseAnswer } from '../core/schemas/common.js';
import { callUpstream, type UpstreamConfig, type UpstreamRequest } from './upstream.js';

export const UNEXPECTED = 'Unexpected answer from Leap';

export async function callLeap<T extends z.ZodMiniType>(
  upstream: UpstreamConfig,
  request: UpstreamRequest,
  schema: T,
): Promise<z.infer<T>> {
  const answer = await callUpstream(upstream, request);
  try {
    return parseAnswer(schema, answer.body, UNEXPECTED);
  } catch (error) {
    upstream.log('warn', `Leap answered ${request.path} with an unexpected shape`, {
      details: (error as LeapApiError).details,
    });
    throw error;
  }
}
