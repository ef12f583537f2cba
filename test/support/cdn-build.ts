/** The CDN files exactly as `npm run build` makes them, built into a test's own folder. */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { buildLoader } from '../../scripts/cdn-loader.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `leap-elements.js` (`vite build --mode cdn`) into `outDir`, and with `loader` the loader's files beside it. */
export async function buildCdn(outDir: string, { loader = false } = {}): Promise<void> {
  await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'cdn', logLevel: 'silent', build: { outDir } });
  if (loader) await buildLoader(outDir);
}
