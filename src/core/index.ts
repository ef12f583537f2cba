/**
 * Pure building blocks: no DOM, no Node APIs, no zod. Safe in browsers, Node, workers and e-mail jobs. The zod schemas
 * themselves are in `leap-elements/schemas`; their types are here, generated from them.
 */
export * from './connect-url.js';
export * from './errors.js';
export * from './safe-url.js';
export * from './failure.js';
export * from './format.js';
export * from './address.js';
export * from './reference-id.js';
export * from './webhook-events.js';
export * from './schemas/grid-enums.js';
export { matchesShape, checkAnswer, type Shape } from './schemas/shape.js';
export * from './schemas/shapes.generated.js';
export type * from './types.generated.js';
export type { Open } from './open.js';
export * from './error-codes.js';
