import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { ValidationError } from '../errors/classes.js';
import { didYouMean } from '../fuzzy.js';
import type { TableDescriptor } from '../table-descriptor.js';

/** Conditions on one column: a value (equality; null means IS NULL) or operators, all of which must hold. */
export type Condition<T> = T | null | Operators<T>;

export interface Operators<T> {
  readonly eq?: T | null;
  readonly in?: readonly T[];
  readonly notIn?: readonly T[];
  readonly gt?: T;
  readonly gte?: T;
  readonly lt?: T;
  readonly lte?: T;
  readonly like?: string;
  readonly isNull?: boolean;
  readonly not?: Condition<T>;
}

/** A typed filter: every listed column's condition holds, and the AND/OR/NOT groups. */
export type Where<Row> = { readonly [K in keyof Row]?: Condition<NonNullable<Row[K]>> } & {
  readonly AND?: readonly Where<Row>[];
  readonly OR?: readonly Where<Row>[];
  readonly NOT?: Where<Row>;
};

const OPERATORS = new Set(['eq', 'in', 'notIn', 'gt', 'gte', 'lt', 'lte', 'like', 'isNull', 'not']);
const COMPARISONS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

// Repositories build queries over tables known only at run time; the row types guard the callers.
type AnyBuilder = ExpressionBuilder<Record<string, Record<string, unknown>>, string>;

/** What compiling a filter needs to know about the table and the server. */
export interface FilterScope {
  readonly table: TableDescriptor;
  /** Column names by property, for filters written with the generated row types' keys. */
  readonly columns: ReadonlyMap<string, string>;
  /** Lists become one array parameter (`= ANY(?)`) instead of one parameter per value. */
  readonly arrayParameters: boolean;
}

export function columnsByProperty(table: TableDescriptor): ReadonlyMap<string, string> {
  return new Map(table.columns.map((column) => [column.property, column.name]));
}

/** The filter as one boolean expression; unknown columns and operators are errors that say which. */
export function whereExpression(eb: AnyBuilder, where: object, scope: FilterScope): Expression<SqlBool> {
  const { table, columns } = scope;
  const parts: Expression<SqlBool>[] = [];
  for (const [key, condition] of Object.entries(where)) {
    if (condition === undefined) continue;
    if (key === 'AND' || key === 'OR') {
      const groups = (condition as readonly object[]).map((group) => whereExpression(eb, group, scope));
      parts.push(key === 'AND' ? eb.and(groups) : eb.or(groups));
    } else if (key === 'NOT') {
      parts.push(eb.not(whereExpression(eb, condition as object, scope)));
    } else {
      const column = columns.get(key);
      if (column === undefined) {
        throw new ValidationError(`Unknown column "${key}" in a filter on ${table.kind} "${table.key}".${didYouMean(key, columns.keys())}`, {
          details: { table: table.key, column: key },
          hint: `Filter on the columns of "${table.key}": ${[...columns.keys()].join(', ')}.`,
        });
      }
      parts.push(conditionExpression(eb, column, condition, scope));
    }
  }
  return parts.length === 1 ? (parts[0] as Expression<SqlBool>) : eb.and(parts);
}

function conditionExpression(eb: AnyBuilder, column: string, condition: unknown, scope: FilterScope): Expression<SqlBool> {
  const { table } = scope;
  const ref = eb.ref(column);
  if (condition === null) return eb(ref, 'is', null);
  if (!isOperators(condition)) return eb(ref, '=', condition);
  const parts: Expression<SqlBool>[] = [];
  for (const [operator, operand] of Object.entries(condition)) {
    if (operand === undefined) continue;
    switch (operator) {
      case 'eq':
        parts.push(operand === null ? eb(ref, 'is', null) : eb(ref, '=', operand));
        break;
      case 'in':
      case 'notIn': {
        const values = operand as readonly unknown[];
        // An empty list matches nothing (IN) or everything (NOT IN); SQL has no empty list.
        if (values.length === 0) parts.push(sql<SqlBool>`${sql.lit(operator === 'in' ? 0 : 1)} = 1`);
        else if (scope.arrayParameters) {
          // One parameter whatever the length: past the 65,535-parameter limit, and one plan for all lengths.
          const any = eb(ref, '=', eb.fn('any', [eb.val(values)]));
          parts.push(operator === 'in' ? any : eb.not(any));
        } else parts.push(eb(ref, operator === 'in' ? 'in' : 'not in', values));
        break;
      }
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte':
        parts.push(eb(ref, COMPARISONS[operator], operand));
        break;
      case 'like':
        parts.push(eb(ref, 'like', operand as string));
        break;
      case 'isNull':
        parts.push(eb(ref, operand === true ? 'is' : 'is not', null));
        break;
      case 'not':
        parts.push(eb.not(conditionExpression(eb, column, operand, scope)));
        break;
      default:
        throw new ValidationError(`Unknown filter operator "${operator}" on "${table.key}.${column}".${didYouMean(operator, OPERATORS)}`, {
          details: { table: table.key, column, operator },
          hint: `Use one of ${[...OPERATORS].join(', ')}.`,
        });
    }
  }
  return parts.length === 1 ? (parts[0] as Expression<SqlBool>) : eb.and(parts);
}

/** A plain object of operators, not a value such as a Date, a Buffer or a JSON object. */
function isOperators(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Date || value instanceof Uint8Array) return false;
  const keys = Object.keys(value);
  return keys.length > 0 && keys.every((key) => OPERATORS.has(key));
}
