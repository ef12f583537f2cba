/** Pure building blocks: no DOM, no Node APIs. Safe in browsers, Node, workers and e-mail jobs. */
export * from './connect-url.js';
export * from './errors.js';
export * from './safe-url.js';
export * from './schemas/index.js';
export * from './error-kinds.js';
export * from './format.js';
export * from './address.js';
