/** Small helpers shared by the Node tests that drive Chromium with playwright-core. */
import type { Server } from 'node:http';
import { chromium, type Browser, type Locator } from 'playwright-core';

// chromium.mjs has no type declarations: load it through a computed specifier and type what we use.
const chromiumSupport = new URL('./chromium.mjs', import.meta.url).href;
const { ensureChromium, CHROMIUM_ARGS } = (await import(chromiumSupport)) as {
  ensureChromium: () => string;
  CHROMIUM_ARGS: string[];
};

/** Debian's Chromium (provisioned when missing and allowed), headless, with the flags every suite uses. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: ensureChromium(),
    headless: true,
    args: CHROMIUM_ARGS.filter((arg) => !arg.startsWith('--headless')),
  });
}

/** Types the Bend, OR address (worth $750 at the mock) into a checker and submits it. */
export async function checkBend(checker: Locator): Promise<void> {
  await checker.locator('#street_1').fill('456 Main St');
  await checker.locator('#city').fill('Bend');
  await checker.locator('#state_or_province_code').fill('OR');
  await checker.locator('#postal_code').fill('97701');
  await checker.locator('[part="submit"]').click();
}

/** Closes a test server at once, keep-alive sockets included. */
export async function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}
