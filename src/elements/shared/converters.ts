/** Attribute converters shared by the elements. */

function splitList(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}

/** `"a, b,c"` ⇄ `['a', 'b', 'c']`. */
export const commaList = {
  fromAttribute: (value: string | null): string[] | undefined => (value === null ? undefined : splitList(value)),
  toAttribute: (value: string[] | undefined) => value?.join(','),
};

/** `"32,44,44"` ⇄ `[32, 44, 44]`. Non-integers become NaN so the element can report them instead of dropping input. */
export const integerList = {
  fromAttribute: (value: string | null): number[] | undefined =>
    value === null ? undefined : splitList(value).map((part) => (/^\d+$/.test(part) ? Number(part) : Number.NaN)),
  toAttribute: (value: number[] | undefined) => value?.join(','),
};
