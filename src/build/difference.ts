/**
 * Where two values of plain data (strings, numbers, booleans, null, arrays, objects) differ, object key order
 * aside. The build's read-back compares every value it emitted with what was checked (rule files, dashboards),
 * so the path is built only for a difference, on the way back up; undefined when they are equal.
 */
export type DataPath = readonly (string | number)[];

export function firstDifference(a: unknown, b: unknown): DataPath | undefined {
  if (a === b) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return [];
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return [];
    for (let i = 0; i < a.length; i++) {
      const d = firstDifference(a[i], b[i]);
      if (d) return [i, ...d];
    }
    return undefined;
  }
  const x = a as Readonly<Record<string, unknown>>;
  const y = b as Readonly<Record<string, unknown>>;
  if (ownKeyCount(x) !== ownKeyCount(y)) return [];
  for (const key in x) {
    if (!Object.hasOwn(x, key)) continue;
    if (!Object.hasOwn(y, key)) return [key];
    const d = firstDifference(x[key], y[key]);
    if (d) return [key, ...d];
  }
  return undefined;
}

function ownKeyCount(o: object): number {
  let n = 0;
  for (const key in o) if (Object.hasOwn(o, key)) n++;
  return n;
}
