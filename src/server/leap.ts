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
  return (await callLeapWithText(upstream, request, schema)).data;
}

/** The same, with the answer's text as Leap sent it: a route that changes nothing can pass it on without rewriting. */
export async function callLeapWithText<T extends z.ZodMiniType>(
  upstream: UpstreamConfig,
  request: UpstreamRequest,
  schema: T,
): Promise<{ data: z.infer<T>; text: string }> {
  const answer = await callUpstream(upstream, request);
  try {
    return { data: parseAnswer(schema, answer.body, UNEXPECTED), text: answer.text };
  } catch (error) {
    upstream.log('warn', `Leap answered ${request.path} with an unexpected shape`, {
      details: (error as LeapApiError).details,
    });
    throw error;
  }
}
