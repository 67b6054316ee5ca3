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
  return stableJsonBytes(value, options).toString('utf8');
}

/** The same canonical JSON as UTF-8 bytes, for writing and comparing files without decoding. */
export function stableJsonBytes(value: unknown, options: StableJsonOptions = {}): Buffer {
  const writer = new Writer(options.omit ?? (() => false), options.inlineWidth ?? 0);
  writer.write(value, '', 0);
  writer.output.append('\n');
  return writer.output.finish();
}

/**
 * Collects the output as UTF-8 bytes outside the JavaScript heap. Holding a multi-megabyte
 * snapshot as hundreds of thousands of small strings until one final join made every young-
 * generation collection copy them again; here each string dies young once its bytes are copied.
 */
class Output {
  private static readonly CHUNK = 1 << 20;
  private readonly done: Buffer[] = [];
  private bytes = Buffer.allocUnsafe(Output.CHUNK);
  private length = 0;
  private pending = '';

  append(text: string): void {
    this.pending += text;
    if (this.pending.length >= 16384) this.flush();
  }

  finish(): Buffer {
    this.flush();
    this.done.push(this.bytes.subarray(0, this.length));
    return this.done.length === 1 ? (this.done[0] as Buffer) : Buffer.concat(this.done);
  }

  private flush(): void {
    // A UTF-16 code unit never takes more than three UTF-8 bytes. Full buffers are set aside and
    // replaced rather than grown, so no character is split and no byte is copied on the way.
    const worstCase = this.pending.length * 3;
    if (this.length + worstCase > this.bytes.length) {
      this.done.push(this.bytes.subarray(0, this.length));
      this.bytes = Buffer.allocUnsafe(Math.max(Output.CHUNK, worstCase));
      this.length = 0;
    }
    this.length += this.bytes.write(this.pending, this.length);
    this.pending = '';
  }
}

type Omit = (value: unknown) => boolean;

interface KeyOrder {
  /** `"key": ` for each key, in sorted order. */
  readonly labels: readonly string[];
  /** For each sorted key, its position in `Object.keys` (and `Object.values`) order. */
  readonly positions: readonly number[];
}

/**
 * Objects built by the same code share one key order: each distinct order, found by comparing key
 * lists (cheaper than building a signature string per object), is sorted once per document.
 */
class KeyOrders {
  private readonly buckets = new Map<string, Array<{ readonly original: readonly string[]; readonly order: KeyOrder }>>();

  of(source: object): KeyOrder {
    const keys = Object.keys(source);
    const bucketKey = keys[0] ?? '';
    let bucket = this.buckets.get(bucketKey);
    if (bucket === undefined) {
      bucket = [];
      this.buckets.set(bucketKey, bucket);
    }
    for (const entry of bucket) if (sameKeys(entry.original, keys)) return entry.order;
    const sorted = [...keys].sort(compareCodePoints);
    const order = { labels: sorted.map((key) => `${JSON.stringify(key)}: `), positions: sorted.map((key) => keys.indexOf(key)) };
    bucket.push({ original: keys, order });
    return order;
  }
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

// Characters JSON.stringify escapes: quote, backslash, controls and (lone) surrogates.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A non-container value as JSON.stringify writes it; `undefined` (in arrays) becomes null. */
function scalar(value: unknown): string {
  switch (typeof value) {
    case 'string':
      // Most strings need no escaping; quoting them directly is cheaper than JSON.stringify.
      return NEEDS_ESCAPE.test(value) ? JSON.stringify(value) : `"${value}"`;
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      return JSON.stringify(value) ?? 'null';
  }
}

/**
 * `write` appends to the output; before writing a container over several lines it asks
 * `inline` whether the container fits on one line. `inline` gives up as soon as the line is too
 * long, so only short strings are ever built, and nothing is remembered between calls (a value
 * that appears twice in the tree is laid out for each place; snapshots are trees).
 */
class Writer {
  readonly output = new Output();
  private readonly keyOrders = new KeyOrders();

  constructor(
    private readonly omit: Omit,
    private readonly width: number,
  ) {}

  /** Writes the value; `prefix` is the width of the key label before it on its line. */
  write(value: unknown, indent: string, prefix: number): void {
    if (value === null || typeof value !== 'object') {
      this.output.append(scalar(value));
      return;
    }
    const line = this.inline(value, prefix);
    if (line !== null) this.output.append(line);
    else if (Array.isArray(value)) this.writeArray(value, indent);
    else this.writeObject(value, indent);
  }

  private writeArray(items: readonly unknown[], indent: string): void {
    const inner = `${indent}  `;
    const separator = `,\n${inner}`;
    this.output.append('[');
    for (let i = 0; i < items.length; i++) {
      this.output.append(i === 0 ? `\n${inner}` : separator);
      this.write(items[i], inner, 0);
    }
    this.output.append(`\n${indent}]`);
  }

  private writeObject(value: object, indent: string): void {
    const inner = `${indent}  `;
    const { labels, positions } = this.keyOrders.of(value);
    // Reading values by position is much cheaper than a keyed lookup per property.
    const values = Object.values(value);
    let separator = `{\n${inner}`;
    for (let i = 0; i < labels.length; i++) {
      const item: unknown = values[positions[i] as number];
      if (item === undefined || this.omit(item)) continue;
      const label = labels[i] as string;
      this.output.append(separator + label);
      separator = `,\n${inner}`;
      this.write(item, inner, label.length + 1);
    }
    this.output.append(`\n${indent}}`);
  }

  /** The container on one line, or null when it (or any child) does not fit. Empty ones always fit. */
  private inline(value: object, prefix: number): string | null {
    // The closing bracket is one more column; a line that reaches the limit early never shrinks.
    const limit = this.width - prefix - 1;
    return Array.isArray(value) ? this.inlineArray(value, limit) : this.inlineObject(value, limit);
  }

  private inlineArray(items: readonly unknown[], limit: number): string | null {
    if (items.length === 0) return '[]';
    let line = '[';
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      const text = item !== null && typeof item === 'object' ? this.inline(item, 0) : scalar(item);
      if (text === null) return null;
      line = i === 0 ? line + text : `${line}, ${text}`;
      if (line.length > limit) return null;
    }
    return `${line}]`;
  }

  private inlineObject(value: object, limit: number): string | null {
    const { labels, positions } = this.keyOrders.of(value);
    const values = Object.values(value);
    let line = '';
    for (let i = 0; i < labels.length; i++) {
      const item: unknown = values[positions[i] as number];
      if (item === undefined || this.omit(item)) continue;
      const label = labels[i] as string;
      const text = item !== null && typeof item === 'object' ? this.inline(item, label.length + 1) : scalar(item);
      if (text === null) return null;
      line = line === '' ? `{${label}${text}` : `${line}, ${label}${text}`;
      if (line.length > limit) return null;
    }
    return line === '' ? '{}' : `${line}}`;
  }
}
