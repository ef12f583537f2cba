/**
 * A faster way to the same verdict on Leap's answers. The answer shapes generated from the zod schemas (JSON Schema,
 * shapes.generated.ts) are compiled once into nested checks; for a schema whose shape decides exactly like it (no
 * refinement, no default: tested on corrupted answers in test/node/shapes.test.ts), a matching answer needs no zod
 * pass. An answer that does not match still goes through zod, which names the fields at fault.
 */
import type * as z from 'zod/mini';
import { IncentivesResponse } from '../core/schemas/incentives.js';
import type { Shape } from '../core/schemas/shape.js';
import { IncentivesResponseShape } from '../core/schemas/shapes.generated.js';

export type Check = (value: unknown) => boolean;

const hasOwn = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

function typeCheck(type: string): Check {
  switch (type) {
    case 'null':
      return (value) => value === null;
    case 'array':
      return Array.isArray;
    case 'object':
      return (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      // zod's int(): an integer within the safe range.
      return Number.isSafeInteger;
    default:
      return (value) => typeof value === type;
  }
}

/** `shape` as one function: the same verdict as `matchesShape(shape, value)`, without walking the shape each time. */
export function compileShape(shape: Shape): Check {
  const types =
    shape.type === undefined ? [] : (typeof shape.type === 'string' ? [shape.type] : shape.type).map(typeCheck);
  const { minimum, maximum } = shape;
  const items = shape.items && compileShape(shape.items);
  const required = shape.required ?? [];
  const properties = Object.entries(shape.properties ?? {}).map(([key, inner]) => [key, compileShape(inner)] as const);
  return (value) => {
    if (types.length && !types.some((check) => check(value))) return false;
    if (typeof value === 'number') {
      return (minimum === undefined || value >= minimum) && (maximum === undefined || value <= maximum);
    }
    if (Array.isArray(value)) {
      if (items) for (const item of value) if (!items(item)) return false;
    } else if (typeof value === 'object' && value !== null) {
      const record = value as Record<string, unknown>;
      for (const key of required) if (!hasOwn(record, key)) return false;
      for (const [key, check] of properties) if (hasOwn(record, key) && !check(record[key])) return false;
    }
    return true;
  };
}

/** The schemas whose generated shape decides exactly like them, with that shape compiled. */
const SAME_VERDICT = new Map<z.ZodMiniType, Check>([[IncentivesResponse, compileShape(IncentivesResponseShape)]]);

/** The compiled shape that decides like `schema`, when there is one. */
export function answerCheck(schema: z.ZodMiniType): Check | undefined {
  return SAME_VERDICT.get(schema);
}
