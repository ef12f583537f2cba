/** Small helpers shared by the Node tests that drive Chromium with playwright-core. */
import type { Server } from 'node:http';
import type { Locator } from 'playwright-core';

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
