import { ValidationError } from '../errors/classes.js';

/**
 * Keyset cursors: the last row's values of the order columns, as opaque URL-safe text. Dates and
 * bigints keep their type across the round trip; the column list guards against a cursor from
 * another query.
 */
export function encodeCursor(columns: readonly string[], values: readonly unknown[]): string {
  const encoded = values.map((value) => (value instanceof Date ? { d: value.toISOString() } : typeof value === 'bigint' ? { b: String(value) } : value));
  return Buffer.from(JSON.stringify([columns, encoded])).toString('base64url');
}

export function decodeCursor(cursor: string, columns: readonly string[], table: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const [cursorColumns, values] = Array.isArray(parsed) ? (parsed as [unknown, unknown]) : [null, null];
  if (!Array.isArray(values) || JSON.stringify(cursorColumns) !== JSON.stringify(columns)) {
    throw new ValidationError(`The cursor does not belong to this query on "${table}".`, {
      details: { table, orderBy: columns },
      hint: 'Pass the nextCursor of the previous page of the same query (same orderBy); start without `after`.',
    });
  }
  return values.map((value: unknown) => {
    if (typeof value === 'object' && value !== null && 'd' in value) return new Date(String(value.d));
    if (typeof value === 'object' && value !== null && 'b' in value) return BigInt(String(value.b));
    return value;
  });
}
