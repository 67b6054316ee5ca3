import { z } from 'zod';
import { suggestion } from '../fuzzy.js';
import type { ColumnComparison, ColumnDescriptor, TableDescriptor } from '../table-descriptor.js';
import { compareDecimals, toDecimal } from './decimal.js';
import type { Problem } from './problems.js';
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

type Judge = (value: unknown) => string | null;

interface Field {
  readonly property: string;
  readonly judge: Judge;
  /** The column's type, for problems. */
  readonly expected: string;
}

/** Absence, null and the value, each judged by the column's rules. */
function judge(column: ColumnDescriptor, form: ValueForm, optional: boolean): Judge {
  const check = valueCheck(column, form);
  return (value) => {
    if (value === undefined) return optional ? null : `is required (column "${column.name}")`;
    if (value === null) return column.nullable ? null : `must not be null (column "${column.name}" is NOT NULL)`;
    return check(value);
  };
}

function forbidden(message: string): Judge {
  return (value) => (value === undefined ? null : message);
}

function writeSchema(table: TableDescriptor, operation: 'insert' | 'update'): z.ZodType {
  if (table.kind === 'view') throw new TypeError(`"${table.key}" is a view: it has no ${operation} validator.`);
  const fields = table.columns.map((column): Field => {
    if (column.insert === 'never') {
      return { property: column.property, expected: column.nativeType, judge: forbidden(`is computed by the database and cannot be written (column "${column.name}")`) };
    }
    if (operation === 'update' && table.primaryKey.includes(column.name)) {
      return { property: column.property, expected: column.nativeType, judge: forbidden('is part of the primary key, which identifies the row; it is not changed by an update') };
    }
    // Kysely's insert types make nullable columns optional: the database stores NULL or the default.
    const optional = operation === 'update' || column.insert === 'optional' || column.nullable;
    return { property: column.property, expected: column.nativeType, judge: judge(column, 'input', optional) };
  });
  return objectSchema(table, fields, true);
}

function rowSchema(table: TableDescriptor): z.ZodType {
  return objectSchema(
    table,
    table.columns.map((column) => ({ property: column.property, expected: column.nativeType, judge: judge(column, 'output', false) })),
    false,
  );
}

/**
 * The object schema: one pass over the table's fields rather than a zod schema per field, which
 * made it a quarter slower than a hand-written zod object of the same rules (now on par, see
 * bench/validate.mjs). Issues carry the field's path; values pass through unchanged.
 */
function objectSchema(table: TableDescriptor, fields: readonly Field[], strict: boolean): z.ZodType {
  const properties = fields.map((field) => field.property);
  const known = new Set(properties);
  const comparisons = (table.comparisons ?? []).map((comparison) => ({
    ...comparison,
    left: table.columns.find((column) => column.name === comparison.left)?.property ?? comparison.left,
    right: table.columns.find((column) => column.name === comparison.right)?.property ?? comparison.right,
  }));
  const problems = (input: unknown): Problem[] => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return [{ path: [], message: `must be an object with the columns of ${table.kind} "${table.key}"` }];
    }
    const found: Problem[] = [];
    const values = input as Record<string, unknown>;
    for (const field of fields) {
      const value = values[field.property];
      const problem = field.judge(value);
      if (problem !== null) found.push({ path: [field.property], message: problem, expected: field.expected, ...(value === undefined ? {} : { received: value }) });
    }
    if (strict) {
      for (const key of Object.keys(values)) {
        if (!known.has(key)) found.push({ path: [key], message: `is not a column of ${table.kind} "${table.key}"${suggestion(key, properties)}` });
      }
    }
    // CHECKs between two columns; as in SQL, a comparison with a missing or null side passes.
    for (const comparison of comparisons) {
      if (compare(values[comparison.left], values[comparison.right], comparison) === false) {
        found.push({ path: [comparison.left], message: `must be ${comparison.operator} ${comparison.right}` });
      }
    }
    return found;
  };
  const schema = z.unknown().superRefine((input, context) => {
    for (const problem of problems(input)) {
      const [key] = problem.path;
      context.addIssue({ code: 'custom', path: [...problem.path], message: problem.message, input: key === undefined ? input : (input as Record<string, unknown>)[key] });
    }
  });
  DIRECT.set(schema, problems);
  return schema;
}

// The check behind each schema, for callers that validate many rows: zod's wrapping costs as
// much again as the check itself.
const DIRECT = new WeakMap<z.ZodType, (input: unknown) => Problem[]>();

/** The problems of an input under a schema built here, without zod's issue objects; undefined for other schemas. */
export function directCheck(schema: z.ZodType): ((input: unknown) => Problem[]) | undefined {
  return DIRECT.get(schema);
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
