/**
 * Answer checks for the browser: the zod schemas compiled to plain functions (see `validators.generated.ts`), so the
 * elements validate what they render without shipping zod's runtime. The partner backend checks Leap's answers with
 * the zod schemas themselves (and names the fields at fault); this is the browser's safety net against any backend.
 */
import { LeapApiError } from '../errors.js';

/** A compiled schema: true when the data matches. */
export type CompiledValidator = (data: unknown) => boolean;

/** Returns `value` typed as `T` when `validate` accepts it, else throws a 502 `LeapApiError` like `parseAnswer`. */
export function checkAnswer<T>(validate: CompiledValidator, value: unknown, title = 'Unexpected answer'): T {
  if (validate(value)) return value as T;
  throw new LeapApiError({
    status: 502,
    title,
    details: { reason: 'The answer does not have the shape Leap documents.' },
  });
}
