/**
 * State that must be one per page, however many copies of this code the page runs: the loader's element files each
 * carry their own copy of the shared modules, and a page may also load the single-file bundle or an npm build. Kept on
 * `globalThis` under a versioned key, so copies of this version share it and another version never reads it.
 */
const REGISTRY = Symbol.for('leap-elements.page-state.v1');

type Registry = Record<string, unknown>;

/** The page's one value for `name`, created by `create` the first time any copy asks. */
export function pageShared<T>(name: string, create: () => T): T {
  const registry = ((globalThis as { [REGISTRY]?: Registry })[REGISTRY] ??= {});
  return (registry[name] ??= create()) as T;
}
