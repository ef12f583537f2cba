/**
 * Path data of the elements' icons, on a 16 × 16 grid, drawn with strokes (`.icon` in tokens.styles.ts). No imports:
 * the connect button, built without lit-html, takes its one icon from here.
 */
export const WARNING = 'M8 1.5 1 14h14zM8 6v3.5m0 2.5v.01';
export const CHECK = 'm3 8.5 3 3 7-7';
export const CROSS = 'm4 4 8 8m0-8-8 8';
export const INFO = 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 6v4m0-6.5v.01';
export const CLOCK = 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 3v4l3 2';
export const HALF = 'M8 1a7 7 0 1 0 0 14A7 7 0 0 0 8 1zm0 4a3 3 0 0 1 0 6z';
export const PAUSE = 'M6 4v8m4-8v8';
export const REFRESH = 'M13.5 8A5.5 5.5 0 1 1 11.9 4M12 1v3H9';
export const DOT = 'M8 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z';
export const RING = 'M8 3.5a4.5 4.5 0 1 0 0 9 4.5 4.5 0 0 0 0-9z';
