/**
 * Which palette an element uses: its `theme` attribute (`light`, `dark`), or with `auto` (the default) the page's.
 * Light text inherited from the page means a dark background behind it, so the dark palette; text in between follows
 * the page's `color-scheme`. The choice is shown to CSS as the custom state `:state(dark)` (tokens.styles.ts), and
 * made again when the page switches (a class or style on `<html>` or `<body>`, the system's colour scheme), when the
 * element is put on the page and when its `theme` changes. Not on every update: reading the page's computed colour
 * after a large render costs a style recalculation.
 */
import type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element';

type Host = ReactiveControllerHost & HTMLElement & { theme?: string };

let canvas: CanvasRenderingContext2D | null | undefined;

/** Luminance by computed colour: a page has a handful, and reading one back from the canvas is slow. */
const known = new Map<string, number>();

/** Relative luminance (WCAG) of any CSS colour the browser computed: a canvas reads every syntax (rgb, oklch, …). */
function luminance(color: string): number {
  let value = known.get(color);
  if (value === undefined) {
    if (known.size >= 64) known.clear();
    known.set(color, (value = measure(color)));
  }
  return value;
}

function measure(color: string): number {
  canvas ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true });
  if (!canvas) return 0;
  canvas.clearRect(0, 0, 1, 1);
  canvas.fillStyle = color;
  canvas.fillRect(0, 0, 1, 1);
  const [r, g, b] = [...canvas.getImageData(0, 0, 1, 1).data].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** The page around `host` is dark: the text colour it inherits is light, or in between on a dark `color-scheme`. */
export function pageIsDark(host: HTMLElement): boolean {
  const parent = host.assignedSlot ?? host.parentElement ?? (host.getRootNode() as ShadowRoot).host;
  if (!(parent instanceof Element)) return false;
  const style = getComputedStyle(parent);
  const light = luminance(style.color);
  const scheme = style.colorScheme;
  return (
    light > 0.4 ||
    (light > 0.1 &&
      scheme.includes('dark') &&
      (!scheme.includes('light') || matchMedia('(prefers-color-scheme: dark)').matches))
  );
}

export class ThemeController implements ReactiveController {
  #internals?: ElementInternals;
  #observer?: MutationObserver;
  #scheme?: MediaQueryList;
  /** The `theme` the palette was last chosen for (a symbol before the first choice). */
  #chosenFor: string | undefined | symbol = Symbol('none');
  readonly #host: Host;

  constructor(host: Host) {
    this.#host = host;
    host.addController(this);
  }

  /** The palette in use. */
  get dark(): boolean {
    return this.#internals?.states.has('dark') ?? false;
  }

  hostConnected(): void {
    this.#internals ??= this.#host.attachInternals();
    this.#observer ??= new MutationObserver(this.apply);
    for (const node of [document.documentElement, document.body]) {
      if (node) this.#observer.observe(node, { attributeFilter: ['class', 'style', 'data-theme'] });
    }
    this.#scheme ??= matchMedia('(prefers-color-scheme: dark)');
    this.#scheme.addEventListener('change', this.apply);
    this.apply();
  }

  hostUpdated(): void {
    if (this.#host.theme !== this.#chosenFor) this.apply();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#scheme?.removeEventListener('change', this.apply);
  }

  readonly apply = (): void => {
    const theme = this.#host.theme;
    this.#chosenFor = theme;
    const dark = theme === 'dark' || (theme !== 'light' && pageIsDark(this.#host));
    if (dark !== this.dark) this.#internals?.states[dark ? 'add' : 'delete']('dark');
  };
}
