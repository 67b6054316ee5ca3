import { z } from 'zod';
import { didYouMean } from '../fuzzy.js';
import type { ColumnComparison, ColumnDescriptor, TableDescriptor } from '../table-descriptor.js';
import { compareDecimals, toDecimal } from './decimal.js';
import { valueCheck, type ValueForm } from './value-checks.js';

/**
 * The zod schemas of one table, typed as the generated Kysely types: `insert` for a new row,
 * `update` for a partial change, `row` for a row as the driver returns it. They are built from
 * the table's descriptor when first used, so generated code declares them in one line each and
 * the user's compiler never infers a zod type per column.
 */
export interface TableValidators<Insert, Update, Row> {
  readonly insert: z.ZodType<Insert, Insert>;
  readonly update: z.ZodType<Update, Update>;
  readonly row: z.ZodType<Row, Row>;
}

/** A view is read-only: only its rows can be checked. */
export interface ViewValidators<Row> {
  readonly row: z.ZodType<Row, Row>;
}

export function tableValidators<Insert, Update, Row>(table: TableDescriptor): TableValidators<Insert, Update, Row> {
  let insert: z.ZodType | undefined;
  let update: z.ZodType | undefined;
  let row: z.ZodType | undefined;
  return {
    get insert() {
      return (insert ??= writeSchema(table, 'insert')) as z.ZodType<Insert, Insert>;
    },
    get update() {
      return (update ??= writeSchema(table, 'update')) as z.ZodType<Update, Update>;
    },
    get row() {
      return (row ??= rowSchema(table)) as z.ZodType<Row, Row>;
    },
  };
}

export function viewValidators<Row>(view: TableDescriptor): ViewValidators<Row> {
  let row: z.ZodType | undefined;
  return {
    get row() {
      return (row ??= rowSchema(view)) as z.ZodType<Row, Row>;
    },
  };
}

/** One field: null, absence and the value each judged by the column's rules. */
function field(column: ColumnDescriptor, form: ValueForm, optional: boolean): z.ZodType {
  const check = valueCheck(column, form);
  const schema = z.unknown().superRefine((value, context) => {
    if (value === undefined) {
      if (!optional) context.addIssue({ code: 'custom', message: `is required (column "${column.name}")`, input: value });
      return;
    }
    if (value === null) {
      if (!column.nullable) context.addIssue({ code: 'custom', message: `must not be null (column "${column.name}" is NOT NULL)`, input: value });
      return;
    }
    const problem = check(value);
    if (problem !== null) context.addIssue({ code: 'custom', message: problem, input: value });
  });
  return optional ? schema.optional() : schema;
}

function forbidden(message: string): z.ZodType {
  return z.undefined({ error: message }).optional();
}

function writeSchema(table: TableDescriptor, operation: 'insert' | 'update'): z.ZodType {
  if (table.kind === 'view') throw new TypeError(`"${table.key}" is a view: it has no ${operation} validator.`);
  const shape: Record<string, z.ZodType> = {};
  for (const column of table.columns) {
    if (column.insert === 'never') {
      shape[column.property] = forbidden(`is computed by the database and cannot be written (column "${column.name}")`);
    } else if (operation === 'update' && table.primaryKey.includes(column.name)) {
      shape[column.property] = forbidden(`is part of the primary key, which identifies the row; it is not changed by an update`);
    } else {
      // Kysely's insert types make nullable columns optional: the database stores NULL or the default.
      const optional = operation === 'update' || column.insert === 'optional' || column.nullable;
      shape[column.property] = field(column, 'input', optional);
    }
  }
  const properties = table.columns.map((column) => column.property);
  const schema = z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownKeys(table, issue.keys, properties) : undefined),
  });
  return withComparisons(schema, table);
}

function rowSchema(table: TableDescriptor): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const column of table.columns) shape[column.property] = field(column, 'output', false);
  return withComparisons(z.object(shape), table);
}

function unknownKeys(table: TableDescriptor, keys: readonly string[], properties: readonly string[]): string {
  return keys
    .map((key) => `Unknown column "${key}" for ${table.kind} "${table.key}".${didYouMean(key, properties)}`)
    .join(' ');
}

/** CHECKs between two columns; as in SQL, a comparison with a missing or null side passes. */
function withComparisons(schema: z.ZodType, table: TableDescriptor): z.ZodType {
  const comparisons = table.comparisons ?? [];
  if (comparisons.length === 0) return schema;
  const property = new Map(table.columns.map((column) => [column.name, column.property]));
  return schema.superRefine((value, context) => {
    const values = value as Record<string, unknown>;
    for (const comparison of comparisons) {
      const left = property.get(comparison.left) ?? comparison.left;
      const right = property.get(comparison.right) ?? comparison.right;
      const holds = compare(values[left], values[right], comparison);
      if (holds === false) context.addIssue({ code: 'custom', path: [left], message: `must be ${comparison.operator} ${right}`, input: values[left] });
    }
  });
}

/** Whether `left op right` holds; null when either side is missing or not comparable. */
function compare(left: unknown, right: unknown, comparison: ColumnComparison): boolean | null {
  const a = comparable(left);
  const b = comparable(right);
  if (a === null || b === null || typeof a !== typeof b) return null;
  const order = typeof a === 'number' ? Math.sign(a - (b as number)) : compareDecimals(toDecimal(a) ?? ZERO, toDecimal(b as string) ?? ZERO);
  switch (comparison.operator) {
    case '<':
      return order < 0;
    case '<=':
      return order <= 0;
    case '>':
      return order > 0;
    case '>=':
      return order >= 0;
  }
}

const ZERO = { negative: false, integer: '', fraction: '' };

/** Times as epoch milliseconds; numbers, bigints and numeric strings as decimal text. */
function comparable(value: unknown): number | string | null {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value !== 'string') return null;
  if (toDecimal(value) !== null) return value;
  const time = Date.parse(value.replace(' ', 'T'));
  return Number.isNaN(time) ? null : time;
}
