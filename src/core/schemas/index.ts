/** zod schemas (zod/mini) for every Leap request and response leap-elements touches; types via `z.infer`. */
export * from './common.js';
export * from './backend.js';
export * from './incentives.js';
export * from './applications.js';
export * from './grid-enums.js';
export * from './grid-errors.js';
export * from './meters.js';
export * from './enrollments.js';
export * from './create-meters.js';
export * from './webhooks.js';
export * from './shape.js';
export * from './shapes.generated.js';
