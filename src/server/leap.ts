/** One upstream call whose answer must match a zod schema; any failure is a `LeapApiError` the routes answer with. */
import type * as z from 'zod/mini';
import type { LeapApiError } from '../core/errors.js';
import { parseAnswer } from '../core/schemas/common.js';
import { answerCheck } from './answer-check.js';
import { callUpstream, type SentAnswer, type UpstreamConfig, type UpstreamRequest } from './upstream.js';

export const UNEXPECTED = 'Unexpected answer from Leap';

export async function callLeap<T extends z.ZodMiniType>(
  upstream: UpstreamConfig,
  request: UpstreamRequest,
  schema: T,
): Promise<z.infer<T>> {
  return (await callLeapAsSent(upstream, request, schema)).data;
}

/**
 * The same, with the answer as Leap sent it: a route that changes nothing passes its bytes on (`leapAnswerAsSent`).
 * Only for schemas that change nothing in what they check (no defaults, no transforms).
 */
export async function callLeapAsSent<T extends z.ZodMiniType>(
  upstream: UpstreamConfig,
  request: UpstreamRequest,
  schema: T,
): Promise<{ data: z.infer<T>; sent: SentAnswer }> {
  const answer = await callUpstream(upstream, request);
  // The same verdict as the schema, sooner; an answer it refuses goes through zod, which names the fields at fault.
  if (answerCheck(schema)?.(answer.body)) return { data: answer.body as z.infer<T>, sent: answer.sent };
  try {
    return { data: parseAnswer(schema, answer.body, UNEXPECTED), sent: answer.sent };
  } catch (error) {
    upstream.log('warn', `Leap answered ${request.path} with an unexpected shape`, {
      details: (error as LeapApiError).details,
    });
    throw error;
  }
}
