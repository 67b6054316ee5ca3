import { compareCodePoints } from './code-point.js';

export interface StableJsonOptions {
  /** Object properties for which this returns true are left out. */
  readonly omit?: (value: unknown) => boolean;
  /** Containers whose one-line form fits in this many columns are written on one line. */
  readonly inlineWidth?: number;
}

/**
 * Canonical JSON: object keys sorted by code point, two-space indentation, LF line ends and a
 * trailing newline. Arrays keep their order (callers sort them where order carries no meaning).
 * Short containers can be kept on one line, so that a change to one column of a table is a
 * one-line diff. `undefined` properties are dropped, as JSON.stringify does.
 */
export function stableStringify(value: unknown, options: StableJsonOptions = {}): string {
  const writer = new Writer(options.omit ?? (() => false), options.inlineWidth ?? 0);
  writer.write(value, '', 0);
  writer.chunks.push('\n');
  return writer.chunks.join('');
}

type Omit = (value: unknown) => boolean;

interface KeyOrder {
  readonly keys: readonly string[];
  /** `"key": ` for each key, in the same order. */
  readonly labels: readonly string[];
}

// Objects built by the same code share one key order: remember each distinct order, found by
// comparing key lists (cheaper than building a signature string per object), and sort it once.
const keyOrders = new Map<string, Array<{ readonly original: readonly string[]; readonly order: KeyOrder }>>();

function keyOrderOf(source: object): KeyOrder {
  const keys = Object.keys(source);
  const bucketKey = `${keys.length}:${keys[0] ?? ''}`;
  let bucket = keyOrders.get(bucketKey);
  if (bucket === undefined) {
    bucket = [];
    keyOrders.set(bucketKey, bucket);
  }
  for (const entry of bucket) if (sameKeys(entry.original, keys)) return entry.order;
  const sorted = [...keys].sort(compareCodePoints);
  const order = { keys: sorted, labels: sorted.map((key) => `${JSON.stringify(key)}: `) };
  if (bucket.length < 16) bucket.push({ original: keys, order });
  return order;
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Two passes: `inline` decides bottom-up, once per container, whether it fits on one line (only
 * short strings are ever built); `write` then emits chunks that are joined once at the end.
 */
class Writer {
  readonly chunks: string[] = [];
  private readonly inlined = new WeakMap<object, string | null>();

  constructor(
    private readonly omit: Omit,
    private readonly width: number,
  ) {}

  write(value: unknown, indent: string, prefix: number): void {
    if (value === null || typeof value !== 'object') {
      this.chunks.push(JSON.stringify(value) ?? 'null');
      return;
    }
    const line = this.inline(value, prefix);
    if (line !== null) {
      this.chunks.push(line);
      return;
    }
    const inner = `${indent}  `;
    if (Array.isArray(value)) {
      this.chunks.push('[');
      value.forEach((item: unknown, i) => {
        this.chunks.push(i === 0 ? `\n${inner}` : `,\n${inner}`);
        this.write(item, inner, 0);
      });
      this.chunks.push(`\n${indent}]`);
      return;
    }
    this.chunks.push('{');
    let first = true;
    this.eachEntry(value, (label, item) => {
      this.chunks.push(first ? `\n${inner}${label}` : `,\n${inner}${label}`);
      first = false;
      this.write(item, inner, label.length + 1);
    });
    this.chunks.push(`\n${indent}}`);
  }

  /** The container on one line, or null when it (or any child) does not fit. Empty ones always fit. */
  private inline(value: object, prefix: number): string | null {
    const known = this.inlined.get(value);
    if (known !== undefined) return known;
    const parts: string[] = [];
    let fits = true;
    const add = (item: unknown, label: string): void => {
      if (!fits) return;
      const text = item !== null && typeof item === 'object' ? this.inline(item, label.length + 1) : (JSON.stringify(item) ?? 'null');
      if (text === null) fits = false;
      else parts.push(label + text);
    };
    if (Array.isArray(value)) for (const item of value as unknown[]) add(item, '');
    else this.eachEntry(value, (label, item) => add(item, label));
    let result: string | null = null;
    if (fits) {
      const line = Array.isArray(value) ? `[${parts.join(', ')}]` : `{${parts.join(', ')}}`;
      if (parts.length === 0 || (this.width > 0 && line.length <= this.width - prefix)) result = line;
    }
    this.inlined.set(value, result);
    return result;
  }

  private eachEntry(value: object, visit: (label: string, item: unknown) => void): void {
    const { keys, labels } = keyOrderOf(value);
    const source = value as Record<string, unknown>;
    for (let i = 0; i < keys.length; i++) {
      const item = source[keys[i] as string];
      if (item !== undefined && !this.omit(item)) visit(labels[i] as string, item);
    }
  }
}
