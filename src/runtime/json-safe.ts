/**
 * A JSON.stringify replacer for values in messages and logs: bigints, which JSON refuses, as
 * `5n`; buffers, which it would spell out byte by byte, by their length.
 */
export function jsonSafe(this: unknown, key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  // A Buffer arrives already turned into { type, data } by its toJSON: the holder still has it as it was.
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Uint8Array) return `<${raw.byteLength} bytes>`;
  return value;
}
