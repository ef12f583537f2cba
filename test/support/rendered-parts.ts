/**
 * The CSS part names a template source sets, read from the part attribute itself (never from a class or any other
 * quoted word): `part="a b"` in a template, the literals of a `part=${…}` binding (following a bare identifier to its
 * parameter's default and to the literals callers pass in its place), `.part.add('a')`, and `attr(el, 'part', …)` /
 * `setAttribute('part', …)`.
 */
const literals = (text: string): string[] =>
  [...text.matchAll(/'([^']*)'|"([^"]*)"/g)].flatMap((m) => (m[1] ?? m[2] ?? '').split(/\s+/)).filter(Boolean);

/** The arguments of a call starting at `open` (the index of its `(`), split at top-level commas. */
function callArguments(source: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open; i < source.length; i += 1) {
    const c = source[i]!;
    if ('([{'.includes(c)) depth += 1;
    else if (')]}'.includes(c)) {
      depth -= 1;
      if (depth === 0) {
        args.push(source.slice(start, i));
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(source.slice(start, i));
      start = i + 1;
    }
  }
  return args;
}

/** The literals a parameter named `name` can hold: its default, and what each call of its function passes. */
function parameterLiterals(source: string, name: string): string[] {
  const found: string[] = [];
  for (const declaration of source.matchAll(/function (\w+)\(([^)]*)\)/g)) {
    const params = declaration[2]!.split(',').map((p) => p.trim());
    const index = params.findIndex((p) => p === name || p.startsWith(`${name} `) || p.startsWith(`${name}:`));
    if (index < 0) continue;
    found.push(...literals(params[index]!.split('=').slice(1).join('=')));
    for (const call of source.matchAll(new RegExp(`\\b${declaration[1]}\\(`, 'g'))) {
      if (source.slice(call.index - 9, call.index) === 'function ') continue;
      const argument = callArguments(source, call.index + declaration[1]!.length)[index];
      if (argument) found.push(...literals(argument));
    }
  }
  return found;
}

export function renderedParts(source: string): Set<string> {
  const parts = new Set<string>();
  const add = (names: string[]) => names.forEach((name) => parts.add(name));
  for (const m of source.matchAll(/\spart=(?:"([^"]*)"|'([^']*)')/g)) add((m[1] ?? m[2]!).split(/\s+/));
  for (const m of source.matchAll(/\spart=\$\{([^}]*)\}/g)) {
    const expression = m[1]!.trim();
    add(/^\w+$/.test(expression) ? parameterLiterals(source, expression) : literals(expression));
  }
  for (const m of source.matchAll(/\.part\.add\(([^)]*)\)/g)) add(literals(m[1]!));
  for (const m of source.matchAll(/(?:\battr\([^,]+,|setAttribute\()\s*'part',([^;)]*)\)/g)) add(literals(m[1]!));
  parts.delete('');
  return parts;
}
