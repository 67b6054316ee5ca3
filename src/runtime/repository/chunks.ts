import type { ServerFeatures } from '../dialects/types.js';

type Values = Record<string, unknown>;

/** Rows per statement when the server sets no countable limit. */
const DEFAULT_ROWS = 1_000;
// Room left in the packet for the statement text around the values, and for misestimates.
const PACKET_SHARE = 0.75;

/**
 * Splits rows into statements the server accepts. PostgreSQL and SQLite count bind parameters
 * (rows × columns); MySQL/MariaDB get the values inlined by mysql2, so their limit is the packet
 * size, and rows are measured in the bytes their literals take.
 */
export function chunkRows(rows: readonly Values[], columnCount: number, features: ServerFeatures): Values[][] {
  const chunks: Values[][] = [];
  if (features.maxBindParameters !== null) {
    const size = Math.max(1, Math.floor(features.maxBindParameters / Math.max(columnCount, 1)));
    for (let start = 0; start < rows.length; start += size) chunks.push(rows.slice(start, start + size));
    return chunks;
  }
  const budget = features.maxStatementBytes === null ? null : features.maxStatementBytes * PACKET_SHARE;
  let current: Values[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = budget === null ? 0 : rowBytes(row);
    if (current.length > 0 && (budget === null ? current.length >= DEFAULT_ROWS : bytes + size > budget)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

/**
 * The rows' positions grouped by the columns the rows set, in order: a multi-row VALUES list
 * needs the same columns in every row.
 */
export function groupByColumns(rows: readonly Values[]): number[][] {
  const groups = new Map<string, number[]>();
  // Batches are nearly always uniform: a row with the previous row's keys joins its group unsigned.
  let previous: { keys: string[]; group: number[] } | null = null;
  for (const [index, row] of rows.entries()) {
    if (previous !== null && sameKeys(row, previous.keys)) {
      previous.group.push(index);
      continue;
    }
    const keys = Object.keys(row);
    const signature = keys.join('\u0000');
    let group = groups.get(signature);
    if (group === undefined) groups.set(signature, (group = []));
    group.push(index);
    previous = { keys, group };
  }
  return [...groups.values()];
}

function sameKeys(row: Values, keys: readonly string[]): boolean {
  let index = 0;
  for (const key in row) if (key !== keys[index++]) return false;
  return index === keys.length;
}

/** The rows' values in one list, row by row, column by column, as a multi-row VALUES list takes them. */
export function rowParameters(rows: readonly Values[], columns: readonly string[]): unknown[] {
  const parameters: unknown[] = new Array(rows.length * columns.length);
  let at = 0;
  for (const row of rows) for (const column of columns) parameters[at++] = row[column];
  return parameters;
}

/** An upper estimate of a row's inlined literals: escaping can double a string, hex doubles binary. */
function rowBytes(row: Values): number {
  let bytes = 4;
  for (const value of Object.values(row)) bytes += valueBytes(value) + 2;
  return bytes;
}

function valueBytes(value: unknown): number {
  if (value === null || value === undefined) return 4;
  if (typeof value === 'string') return Buffer.byteLength(value) * 2 + 2;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return 24;
  if (value instanceof Date) return 32;
  if (value instanceof Uint8Array) return value.byteLength * 2 + 3;
  return Buffer.byteLength(JSON.stringify(value) ?? '') * 2 + 2;
}
