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
 * A sorted (stable) copy. Catalog queries mostly return rows in order already, so an in-order
 * input is detected in one pass of comparisons and copied without sorting.
 */
export function sortedCopy<T>(items: readonly T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < items.length; i++) {
    if (compare(items[i - 1] as T, items[i] as T) > 0) return [...items].sort(compare);
  }
  return [...items];
}
