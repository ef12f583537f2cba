/**
 * Resolves once `condition()` holds, checked after every frame: waiting for a state, never for a length of time (a
 * wait that never ends is ended by the test's own timeout).
 */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => requestAnimationFrame(resolve));
}
