/**
 * Fake timers for the elements' timed work (refreshes, the watch for new meters, the automatic check): `setTimeout`,
 * `setInterval` and `Date` are the test's, and time moves only when the test says, so "nothing before 60 s, one
 * request at 60 s" holds on any machine. Everything else (network, rendering, animation frames) stays real.
 */
import { install, type Clock } from '@sinonjs/fake-timers';

export type InstalledClock = Clock;

export function fakeClock(): InstalledClock {
  return install({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
}

/**
 * Awaits `promise` while the clock moves a millisecond at a time, so what waits for a zero-delay timer on the way (the
 * pause before an answer renders) goes on. A timer set after `promise` settles is measured from then, exactly.
 */
export async function settle<T>(clock: InstalledClock, promise: Promise<T>): Promise<T> {
  let done = false;
  const settled = promise.finally(() => {
    done = true;
  });
  // Each round also yields to the real event loop once (the network, rendering).
  while (!done) await clock.tickAsync(1);
  return settled;
}

/** Makes the page hidden or visible, as switching tabs does. */
export function setVisibility(state: 'hidden' | 'visible'): void {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

/** Puts back the real `document.visibilityState` (the own property shadows the prototype's getter). */
export function restoreVisibility(): void {
  delete (document as unknown as Record<string, unknown>).visibilityState;
}
