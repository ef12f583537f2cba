/**
 * Answer checks for the browser. The zod schemas are turned into JSON Schema at build time (`npm run generate`, see
 * `shapes.generated.ts`); the elements check answers against that data with `matchesShape`, so they validate what
 * they render without shipping zod's runtime. The partner backend checks Leap's answers with the zod schemas
 * themselves (and names the fields at fault); this is the browser's safety net against any backend.
 */
import { LeapApiError } from '../errors.js';

/** The JSON Schema keywords the generator emits (it refuses any other). */
export interface Shape {
  type?: string | readonly string[];
  properties?: Readonly<Record<string, Shape>>;
  required?: readonly string[];
  items?: Shape;
  minimum?: number;
  maximum?: number;
}

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

function isType(type: string, value: unknown): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      // zod's int(): an integer within the safe range.
      return Number.isSafeInteger(value);
    default:
      return typeof value === type;
  }
}

/** True when a JSON value (as `JSON.parse` returns it) satisfies `shape`. */
export function matchesShape(shape: Shape, value: unknown): boolean {
  const { type, properties, required, items, minimum, maximum } = shape;
  if (type !== undefined && !(typeof type === 'string' ? [type] : type).some((t) => isType(t, value))) return false;
  if (
    typeof value === 'number' &&
    ((minimum !== undefined && value < minimum) || (maximum !== undefined && value > maximum))
  )
    return false;
  if (Array.isArray(value)) {
    if (items && !value.every((item) => matchesShape(items, item))) return false;
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (required?.some((key) => !hasOwn(record, key))) return false;
    for (const key in properties) if (hasOwn(record, key) && !matchesShape(properties[key]!, record[key])) return false;
  }
  return true;
}

/** Returns `value` typed as `T` when it matches `shape`, else throws a 502 `LeapApiError` like `parseAnswer`. */
export function checkAnswer<T>(shape: Shape, value: unknown, title = 'Unexpected answer'): T {
  if (matchesShape(shape, value)) return value as T;
  throw new LeapApiError({
    status: 502,
    title,
    details: { reason: 'The answer does not have the shape Leap documents.' },
  });
}
