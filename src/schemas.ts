/**
 * `leap-elements/schemas`: the zod schemas (`zod/mini`) of every Leap request and response leap-elements touches, for
 * partners who validate in their own code. Needs the `zod` package (an optional peer dependency); the other entries
 * do not.
 */
export * from './core/schemas/index.js';
