/**
 * A map that keeps at most `capacity` entries and lets the least recently used go first: a Map
 * keeps insertion order, and a hit moves the entry to the end. `onEvict` hears of each one let
 * go for lack of room (a prepared statement to deallocate).
 */
export class Lru<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(
    private readonly capacity: number,
    private readonly onEvict?: (key: K, value: V) => void,
  ) {}

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size <= this.capacity) return;
    const [oldest, dropped] = this.entries.entries().next().value as [K, V];
    this.entries.delete(oldest);
    this.onEvict?.(oldest, dropped);
  }

  clear(): void {
    this.entries.clear();
  }
}
