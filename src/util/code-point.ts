/**
 * Ordering by Unicode code point. JavaScript's default `<` compares UTF-16 code units, which puts
 * characters above U+FFFF before U+E000–U+FFFF; comparing code points gives the same order as
 * byte-wise UTF-8 comparison, independent of locale and runtime.
 */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only when both are in the surrogate/private-use range can code units disagree with code points.
    if (x >= 0xd800 && y >= 0xd800) {
      return (a.codePointAt(i) ?? 0) - (b.codePointAt(i) ?? 0);
    }
    return x - y;
  }
  return a.length - b.length;
}

/** Compares tuples of strings element by element, by code point. */
export function compareKeys(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const order = compareCodePoints(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

/**
 * A sorted copy, ordered by the key tuple each item maps to. Catalog queries mostly return rows
 * in order already, so an in-order input is detected in one pass and copied without sorting.
 */
export function sortBy<T>(items: readonly T[], key: (item: T) => readonly string[]): T[] {
  const keys = items.map(key);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = compareKeys(keys[i - 1] as string[], keys[i] as string[]) <= 0;
  if (sorted) return [...items];
  return items
    .map((item, i) => ({ item, key: keys[i] as readonly string[] }))
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ item }) => item);
}
