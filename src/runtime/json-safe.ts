/**
 * A JSON.stringify replacer for values in messages and logs: bigints, which JSON refuses, as
 * `5n`; buffers, which it would spell out byte by byte, by their length.
 */
export function jsonSafe(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `<${value.byteLength} bytes>`;
  return value;
}
