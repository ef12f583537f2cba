/**
 * Characters that do something other than show: C0 and C1 controls, DEL, and the invisible marks that reorder or hide
 * text (bidi overrides and isolates, zero-width marks, the byte-order mark). Customer ids must not hold them, and
 * command-line output escapes them, so text from the network can never steer a terminal or disguise itself.
 */
const RANGES = '\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u2069\\ufeff';

/** A character class of them, `[…]`, for `new RegExp`. */
export const CONTROL_CHARACTER_CLASS = `[${RANGES}]`;

/** The same without the line feed, for text whose lines are kept. */
export const CONTROL_CHARACTER_CLASS_BUT_NEWLINE = `[${RANGES.replace('\\u0000-\\u001f', '\\u0000-\\u0009\\u000b-\\u001f')}]`;
