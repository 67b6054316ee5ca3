import type { Expression, SqlBool } from 'kysely';
import type { ColumnDescriptor } from '../table-descriptor.js';
import type { TypeFamily } from '../type-family.js';
import type { AnyBuilder } from './types.js';

/**
 * How a soft-delete column marks a row. A `time` column holds when the row was deleted and is
 * NULL while it lives; a `flag` (boolean or integer) is set to true or 1, and false, 0 or NULL
 * mean live. Anything else is treated as a time (SQLite's text dates take the ISO text); the
 * generator refuses the types that cannot hold one.
 */
export type SoftDeleteMarker = 'flag' | 'time';

const MARKERS: Partial<Record<TypeFamily, SoftDeleteMarker>> = {
  date: 'time',
  timestamp: 'time',
  timestamptz: 'time',
  boolean: 'flag',
  smallint: 'flag',
  integer: 'flag',
  bigint: 'flag',
};

export function softDeleteMarker(column: { readonly family: TypeFamily; readonly arrayDimensions?: number }): SoftDeleteMarker | null {
  return (column.arrayDimensions ?? 0) > 0 ? null : (MARKERS[column.family] ?? null);
}

/** The value `delete` writes. Booleans outside PostgreSQL are integers to the driver (SQLite binds no booleans). */
export function deletedValue(column: ColumnDescriptor): unknown {
  if (softDeleteMarker(column) === 'flag') return column.value === 'boolean' ? true : 1;
  return column.value === 'timestamp' ? new Date() : new Date().toISOString();
}

/**
 * The condition a live row meets. A NOT NULL flag is compared alone, so an index on the column
 * serves it; a nullable one takes `= 0 OR IS NULL`, which PostgreSQL, MySQL and SQLite still
 * answer from an index (a `coalesce` would hide the column from it).
 */
export function liveCondition(column: ColumnDescriptor): (eb: AnyBuilder) => Expression<SqlBool> {
  if (softDeleteMarker(column) !== 'flag') return (eb) => eb(eb.ref(column.name), 'is', null);
  const unset = column.value === 'boolean' ? false : 0;
  if (!column.nullable) return (eb) => eb(eb.ref(column.name), '=', unset);
  return (eb) => eb.or([eb(eb.ref(column.name), '=', unset), eb(eb.ref(column.name), 'is', null)]);
}
