/**
 * Items in an order where each comes after those it depends on (tables after the tables their
 * foreign keys name, views after the views they read), otherwise in the order given. A cycle
 * cannot be ordered: its first item is taken, and the database says what is wrong.
 */
export function dependencyOrder<T>(items: readonly T[], dependsOn: (item: T, other: T) => boolean): T[] {
  const waiting = new Map(items.map((item) => [item, new Set(items.filter((other) => other !== item && dependsOn(item, other)))]));
  const out: T[] = [];
  while (waiting.size > 0) {
    const next = [...waiting].find(([, needs]) => needs.size === 0)?.[0] ?? (waiting.keys().next().value as T);
    out.push(next);
    waiting.delete(next);
    for (const needs of waiting.values()) needs.delete(next);
  }
  return out;
}
