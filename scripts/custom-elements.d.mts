/** Declarations for scripts/custom-elements.mjs (a plain ES module build script). */
export function analyze(): unknown;
export function completeManifest<M>(manifest: M): M;
export function elementsOf(manifest: unknown): unknown[];
export function writeTypings(elements: unknown[], outDir?: string, typesRoot?: string): void;
