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

/**
 * `members` and every item that `joins` them, directly or through items that joined before:
 * passes over `items` in order, each item joining as soon as it qualifies, until a pass adds
 * none. Returns `members`, grown, in the order items joined.
 */
export function closure<T>(members: Set<T>, items: readonly T[], joins: (item: T, members: ReadonlySet<T>) => boolean): Set<T> {
  for (let grew = true; grew; ) {
    grew = false;
    for (const item of items) {
      if (members.has(item) || !joins(item, members)) continue;
      members.add(item);
      grew = true;
    }
  }
  return members;
}
