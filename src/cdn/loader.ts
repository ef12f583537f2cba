/**
 * The CDN loader (`dist/cdn/loader.js`): one small `<script type="module">` that defines each `leap-*` tag the first
 * time the page uses it, by importing that element's file from `elements/` beside it (Lit and the shared code come in
 * shared chunks). A page with only the connect button loads the connect button. Tags the page adds later, or inside
 * open shadow roots it creates, are found too; a tag already defined (another copy, the single-file bundle) is left
 * alone, with one warning. No Lit here: this file is read before anything else.
 */

import { CHUNKS, FILES } from './loader-files.js';

// A page that adds a language imports it from here: it is small, and the elements loaded later read the same registry.
export { registerTranslation } from '../elements/shared/translations.js';

const pending = new Set(Object.keys(FILES));
const base = new URL(/* @vite-ignore */ '.', import.meta.url).href;
const observed = { childList: true, subtree: true };
let warned = false;

function load(tag: string): void {
  const file = FILES[tag]!;
  // Every tag of the file is on its way.
  for (const other of pending) if (FILES[other] === file) pending.delete(other);
  if (customElements.get(tag)) {
    if (!warned) {
      warned = true;
      console.warn(`leap-elements loader: <${tag}> is already defined (another copy of leap-elements); keeping it.`);
    }
  } else {
    // The chunks start loading with the element's file; the element's own imports then find them on their way.
    for (const chunk of CHUNKS[file]!) import(/* @vite-ignore */ `${base}chunks/${chunk}.js`).catch(() => {});
    import(/* @vite-ignore */ `${base}elements/${file}.js`).catch((error: Error) =>
      console.error(`leap-elements loader: <${tag}> could not be loaded (${error.message}).`),
    );
  }
  if (!pending.size) stop();
}

/** Loads every pending tag used in `root`. */
function scan(root: Element | ShadowRoot | Document): void {
  if (root instanceof Element && pending.has(root.localName)) load(root.localName);
  for (const tag of pending) if (root.querySelector(tag)) load(tag);
}

const observer = new MutationObserver((records) => {
  for (const record of records) {
    for (const node of record.addedNodes) if (node instanceof Element && pending.size) scan(node);
  }
});

/** Watches `root` and the open shadow roots already in it (new ones are caught as they are attached). */
function watch(root: Document | ShadowRoot): void {
  observer.observe(root, observed);
  scan(root);
  for (const host of root.querySelectorAll('*')) if (host.shadowRoot && pending.size) watch(host.shadowRoot);
}

// Shadow roots the page attaches from now on are watched as they are created; closed ones are not the page's to share.
const attachShadow = Element.prototype.attachShadow;
function watchedAttachShadow(this: Element, init: ShadowRootInit): ShadowRoot {
  const root = attachShadow.call(this, init);
  if (init.mode === 'open' && pending.size) observer.observe(root, observed);
  return root;
}
Element.prototype.attachShadow = watchedAttachShadow;

/** Every tag is loaded: nothing more to watch. */
function stop(): void {
  observer.disconnect();
  // Only undone when nobody wrapped it after us.
  if (Element.prototype.attachShadow === watchedAttachShadow) Element.prototype.attachShadow = attachShadow;
}

watch(document);
