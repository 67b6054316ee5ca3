import type { Column } from '../schema/model.js';
import type { ColumnDescriptor } from '../runtime/table-descriptor.js';

/**
 * A column's TypeScript types: the one in the `DB` interface, written as kysely-codegen writes it
 * (`Generated<…>`, `GeneratedAlways<…>`, `ColumnType<select, insert, update>`), and the three
 * sides Kysely's `Selectable`, `Insertable` and `Updateable` would derive from it, written out so
 * that the row interfaces cost the compiler nothing to resolve.
 */
export interface ColumnTypes {
  readonly db: string;
  readonly select: string;
  /** The property of the `New…` interface; null when the column cannot be written. */
  readonly insert: { readonly type: string; readonly optional: boolean } | null;
  /** The (optional) property of the `…Update` interface; null when it cannot be written. */
  readonly update: string | null;
  /** A value as written, without null: what a key lookup takes. */
  readonly write: string;
}

// Helper types whose select and write sides differ (ColumnType<select, write, write>).
const SIDES: Readonly<Record<string, { readonly select: string; readonly write: string }>> = {
  Int8: { select: 'string', write: 'bigint | number | string' },
  Json: { select: 'JsonValue', write: 'string' },
  Numeric: { select: 'string', write: 'number | string' },
  Timestamp: { select: 'Date', write: 'Date | string' },
};

/**
 * `base` is the value type from the type tables (an element type with `[]` per array dimension)
 * or a user's override, which stands for all three sides. `madeByRuntime`: a key the runtime
 * makes when the caller gives none, optional in `New…` though the database requires it.
 */
export function columnTypes(column: Column, base: string, rule: ColumnDescriptor['insert'], overridden: boolean, madeByRuntime = false): ColumnTypes {
  const { element, dimensions } = overridden ? { element: base, dimensions: 0 } : arrayParts(base);
  const sides = overridden ? undefined : SIDES[element];
  const arrayOf = (type: string): string => (dimensions === 0 ? type : `${type.includes(' ') ? `(${type})` : type}${'[]'.repeat(dimensions)}`);
  const select = arrayOf(sides?.select ?? element);
  const write = arrayOf(sides?.write ?? element);
  // An array of a helper type cannot be the helper's array: Kysely reads ColumnType only at the top.
  const value = sides !== undefined && dimensions > 0 ? `ColumnType<${select}, ${write}, ${write}>` : base;
  const nullable = (type: string): string => (column.nullable ? `${type} | null` : type);
  const db = rule === 'never' ? `GeneratedAlways<${nullable(value)}>` : rule === 'optional' ? `Generated<${nullable(value)}>` : nullable(value);
  return {
    db,
    select: nullable(select),
    insert:
      rule === 'never'
        ? null
        : rule === 'optional' || madeByRuntime
          ? { type: `${nullable(write)} | undefined`, optional: true }
          : // Kysely makes a column optional on insert when its type admits null or undefined, as unknown does.
            { type: nullable(write), optional: column.nullable || write === 'unknown' },
    update: rule === 'never' ? null : `${nullable(write)} | undefined`,
    write,
  };
}

/** `(A | B)[][]` → element `A | B`, two dimensions; a non-array type is its own element. */
export function arrayParts(type: string): { readonly element: string; readonly dimensions: number } {
  const dimensions = (/(\[\])+$/.exec(type)?.[0].length ?? 0) / 2;
  return { element: dimensions === 0 ? type : type.slice(0, -2 * dimensions).replace(/^\((.*)\)$/, '$1'), dimensions };
}
