/**
 * Colours as the page paints them: any CSS colour a browser computes (rgb, color(srgb …), color-mix results) read
 * through a canvas, translucent layers composited over what is behind them, and WCAG contrast between the two.
 */
type Rgba = [number, number, number, number];

let canvas: CanvasRenderingContext2D | undefined;

/** `color` as 0–255 red, green, blue and 0–1 alpha. */
export function rgba(color: string): Rgba {
  canvas ??= document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  canvas.clearRect(0, 0, 1, 1);
  canvas.fillStyle = '#000';
  canvas.fillStyle = color;
  canvas.fillRect(0, 0, 1, 1);
  const [r, g, b, a] = canvas.getImageData(0, 0, 1, 1).data;
  return [r!, g!, b!, a! / 255];
}

export const isTransparent = (color: string): boolean => rgba(color)[3] === 0;

function over(top: Rgba, bottom: Rgba): Rgba {
  const a = top[3];
  return [0, 1, 2].map((i) => top[i]! * a + bottom[i]! * (1 - a)).concat(1) as Rgba;
}

function luminance([r, g, b]: Rgba): number {
  const [R, G, B] = [r, g, b].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * R! + 0.7152 * G! + 0.0722 * B!;
}

export function contrast(a: string | Rgba, b: string | Rgba): number {
  const [hi, lo] = [
    luminance(typeof a === 'string' ? rgba(a) : a),
    luminance(typeof b === 'string' ? rgba(b) : b),
  ].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const parentOf = (node: Element): Element | null =>
  node.assignedSlot ?? node.parentElement ?? ((node.getRootNode() as ShadowRoot).host || null);

/** The opaque colour behind `node`'s text: its background and its ancestors' (across shadow roots) over `canvasColor`. */
export function backgroundBehind(node: Element, canvasColor: string): Rgba {
  const layers: Rgba[] = [];
  for (let current: Element | null = node; current; current = parentOf(current)) {
    const layer = rgba(getComputedStyle(current).backgroundColor);
    if (layer[3] > 0) layers.push(layer);
    if (layer[3] === 1) break;
  }
  return layers.reduceRight((behind, layer) => over(layer, behind), rgba(canvasColor));
}

/** The text colour of `node` composited over what is behind it. */
export function textColour(node: Element, canvasColor: string): Rgba {
  return over(rgba(getComputedStyle(node).color), backgroundBehind(node, canvasColor));
}

/**
 * Every element of `root` that shows text of its own (a non-blank text node child), on screen and not hidden from
 * sight (`.visually-hidden` is read, not seen).
 */
export function textElements(root: ShadowRoot): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>('*')].filter(
    (node) =>
      [...node.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && child.textContent!.trim()) &&
      node.getClientRects().length > 0 &&
      !node.closest('.visually-hidden'),
  );
}

/** WCAG's minimum for `node`'s text: 3:1 for large text (24 px, or 18.66 px bold), else 4.5:1. */
export function minimumContrast(node: Element): number {
  const style = getComputedStyle(node);
  const size = parseFloat(style.fontSize);
  return size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700) ? 3 : 4.5;
}
