import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { suggestion } from '../fuzzy.js';
import type { ColumnDescriptor, TableDescriptor } from '../table-descriptor.js';
import type { Problem } from '../validation/problems.js';
import { filterValueCheck, type ValueCheck } from '../validation/value-checks.js';

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

// Repositories build queries over tables known only at run time; the row types guard the callers.
type AnyBuilder = ExpressionBuilder<Record<string, Record<string, unknown>>, string>;

/** What compiling a filter needs to know about the table and the server. */
export interface FilterScope {
  readonly table: TableDescriptor;
  /** Columns by property, for filters written with the generated row types' keys. */
  readonly columns: ReadonlyMap<string, ColumnDescriptor>;
  /** Lists become one array parameter (`= ANY(?)`) instead of one parameter per value. */
  readonly arrayParameters: boolean;
  /** Check each value's type against its column (the repository's `validate`). */
  readonly checkValues: boolean;
}

export function columnsByProperty(table: TableDescriptor): ReadonlyMap<string, ColumnDescriptor> {
  return new Map(table.columns.map((column) => [column.property, column]));
}

/**
 * A filter read once: checked against the table, reduced to a tree without values, its values
 * collected in order, and its shape written as a key. Filters with equal keys compile to the same
 * SQL, so a statement compiled for one serves all of them.
 */
export interface ParsedFilter {
  readonly node: FilterNode;
  /** Columns, operators, null tests and (unless lists go as one array parameter) list lengths. */
  readonly key: string;
  /** False when the shape is not worth keeping: a long list makes a statement of its own length. */
  readonly cacheable: boolean;
}

/** A filter without its values: each names its value by index into the statement's values. */
export type FilterNode =
  | { readonly kind: 'and' | 'or'; readonly parts: readonly FilterNode[] }
  | { readonly kind: 'not'; readonly part: FilterNode }
  | { readonly kind: 'compare'; readonly column: string; readonly operator: '=' | '>' | '>=' | '<' | '<=' | 'like'; readonly value: number }
  | { readonly kind: 'null'; readonly column: string; readonly negated: boolean }
  | { readonly kind: 'list'; readonly column: string; readonly negated: boolean; readonly values: readonly number[] }
  | { readonly kind: 'array'; readonly column: string; readonly negated: boolean; readonly value: number }
  | { readonly kind: 'constant'; readonly holds: boolean };

const OPERATOR_CODES = { eq: 'e', in: 'i', notIn: 'I', gt: 'g', gte: 'G', lt: 'l', lte: 'L', like: '~', isNull: 'z', not: '!' } as const;
const COMPARISONS = { gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;
// Longer lists (without array parameters) compile afresh instead of filling the statement cache.
const LONGEST_KEPT_LIST = 64;

/**
 * Reads a filter, adding its values to `values` and what is wrong with it to `problems`: unknown
 * columns and operators (with the nearest names), and with `scope.checkValues` values of the
 * wrong type for their column. The node of a wrong part is a placeholder; callers throw first.
 */
export function parseFilter(where: object, scope: FilterScope, values: unknown[], problems: Problem[]): ParsedFilter {
  const reader = new FilterReader(scope, values, problems);
  const node = reader.group(where, ['where']);
  return { node, key: reader.key, cacheable: reader.cacheable };
}

const NOTHING: FilterNode = { kind: 'constant', holds: false };

// A column's check depends on the column alone: made once, not on every filter read.
const CHECKS = new WeakMap<ColumnDescriptor, ValueCheck>();

class FilterReader {
  key = '';
  cacheable = true;

  constructor(
    private readonly scope: FilterScope,
    private readonly values: unknown[],
    private readonly problems: Problem[],
  ) {}

  group(where: object, path: readonly string[]): FilterNode {
    if (typeof where !== 'object' || where === null || Array.isArray(where)) {
      this.problems.push({ path, message: 'must be an object of columns and conditions' });
      return NOTHING;
    }
    const parts: FilterNode[] = [];
    this.key += '{';
    for (const [property, condition] of Object.entries(where)) {
      if (condition === undefined) continue;
      const at = [...path, property];
      if (property === 'AND' || property === 'OR') {
        if (!Array.isArray(condition)) {
          this.problems.push({ path: at, message: 'must be an array of filters' });
          continue;
        }
        this.key += property === 'AND' ? '&[' : '|[';
        const groups = (condition as readonly object[]).map((group, index) => this.group(group, [...at, String(index)]));
        this.key += ']';
        parts.push({ kind: property === 'AND' ? 'and' : 'or', parts: groups });
      } else if (property === 'NOT') {
        this.key += '!';
        parts.push({ kind: 'not', part: this.group(condition as object, at) });
      } else {
        const column = this.scope.columns.get(property);
        if (column === undefined) {
          const { columns } = this.scope;
          this.problems.push({ path: at, message: `is not a column of ${this.scope.table.kind} "${this.scope.table.key}"${suggestion(property, columns.keys())}` });
          continue;
        }
        // Length-prefixed: any property name, however hostile, makes an unambiguous key.
        this.key += `${property.length}:${property}`;
        parts.push(this.condition(column, condition, at));
      }
    }
    this.key += '}';
    return parts.length === 1 ? (parts[0] as FilterNode) : { kind: 'and', parts };
  }

  private condition(descriptor: ColumnDescriptor, condition: unknown, path: readonly string[]): FilterNode {
    const column = descriptor.name;
    if (condition === null) {
      this.key += 'n';
      return { kind: 'null', column, negated: false };
    }
    const operators = this.operators(descriptor, condition, path);
    if (operators === null) return NOTHING;
    if (operators === undefined) {
      this.key += '=';
      return { kind: 'compare', column, operator: '=', value: this.value(descriptor, condition, path) };
    }
    const parts: FilterNode[] = [];
    this.key += '(';
    for (const [operator, operand] of Object.entries(operators)) {
      if (operand === undefined) continue;
      const at = [...path, operator];
      this.key += OPERATOR_CODES[operator as keyof typeof OPERATOR_CODES];
      switch (operator) {
        case 'eq':
          parts.push(this.condition(descriptor, operand, at));
          break;
        case 'in':
        case 'notIn':
          parts.push(this.list(descriptor, operator === 'notIn', operand, at));
          break;
        case 'gt':
        case 'gte':
        case 'lt':
        case 'lte':
          parts.push({ kind: 'compare', column, operator: COMPARISONS[operator], value: this.value(descriptor, operand, at) });
          break;
        case 'like':
          if (typeof operand !== 'string') this.problems.push({ path: at, message: 'must be a pattern string', received: operand });
          parts.push({ kind: 'compare', column, operator: 'like', value: this.values.push(operand) - 1 });
          break;
        case 'isNull':
          if (typeof operand !== 'boolean') this.problems.push({ path: at, message: 'must be true or false', received: operand });
          this.key += operand === true ? '1' : '0';
          parts.push({ kind: 'null', column, negated: operand !== true });
          break;
        default:
          parts.push({ kind: 'not', part: this.condition(descriptor, operand, at) });
      }
    }
    this.key += ')';
    return parts.length === 1 ? (parts[0] as FilterNode) : { kind: 'and', parts };
  }

  private list(column: ColumnDescriptor, negated: boolean, operand: unknown, path: readonly string[]): FilterNode {
    if (!Array.isArray(operand)) {
      this.problems.push({ path, message: 'must be an array of values', received: operand });
      return NOTHING;
    }
    const list = operand as readonly unknown[];
    // An empty list matches nothing (IN) or everything (NOT IN); SQL has no empty list.
    if (list.length === 0) {
      this.key += '0';
      return { kind: 'constant', holds: negated };
    }
    if (this.scope.checkValues) for (const [index, value] of list.entries()) this.check(column, value, [...path, String(index)]);
    if (this.scope.arrayParameters) {
      // One parameter whatever the length: past the 65,535-parameter limit, and one plan for all lengths.
      this.key += '*';
      return { kind: 'array', column: column.name, negated, value: this.values.push(list) - 1 };
    }
    this.key += `#${list.length}`;
    if (list.length > LONGEST_KEPT_LIST) this.cacheable = false;
    return { kind: 'list', column: column.name, negated, values: list.map((value) => this.values.push(value) - 1) };
  }

  /** The value's index among the statement's values, its type checked against the column. */
  private value(column: ColumnDescriptor, value: unknown, path: readonly string[]): number {
    if (this.scope.checkValues) this.check(column, value, path);
    return this.values.push(value) - 1;
  }

  private check(column: ColumnDescriptor, value: unknown, path: readonly string[]): void {
    if (value === null) return;
    let check = CHECKS.get(column);
    if (check === undefined) CHECKS.set(column, (check = filterValueCheck(column)));
    const message = check(value);
    if (message !== null) this.problems.push({ path, message, expected: column.nativeType, received: value });
  }

  /**
   * The condition's operators, undefined when it is a value to compare with, null when it is
   * wrong. Anything but a plain object (a Date, a Buffer, an array, a class instance) is a value.
   * On a JSON column a plain object is a value unless every key is an operator; elsewhere it
   * holds operators, and a key that is none is a problem.
   */
  private operators(column: ColumnDescriptor, value: unknown, path: readonly string[]): Record<string, unknown> | null | undefined {
    if (typeof value !== 'object' || value === null) return undefined;
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return undefined;
    const keys = Object.keys(value);
    const unknown = keys.filter((key) => !Object.hasOwn(OPERATOR_CODES, key));
    if (column.value === 'json') return keys.length > 0 && unknown.length === 0 ? (value as Record<string, unknown>) : undefined;
    if (keys.length === 0) this.problems.push({ path, message: `is an empty object: give a value, or operators (${OPERATOR_NAMES})` });
    for (const key of unknown) this.problems.push({ path: [...path, key], message: `is not a filter operator${suggestion(key, Object.keys(OPERATOR_CODES))}; use ${OPERATOR_NAMES}` });
    return keys.length === 0 || unknown.length > 0 ? null : (value as Record<string, unknown>);
  }
}

const OPERATOR_NAMES = Object.keys(OPERATOR_CODES).join(', ');

/** The columns a filter tests in its top-level conjunction: those an index could serve. */
export function filteredColumns(node: FilterNode): string[] {
  if (node.kind === 'and') return [...new Set(node.parts.flatMap(filteredColumns))];
  return node.kind === 'compare' || node.kind === 'null' || node.kind === 'list' || node.kind === 'array' ? [node.column] : [];
}

/** The filter as one boolean expression, with each value taken from `value(index)`. */
export function filterExpression(eb: AnyBuilder, node: FilterNode, value: (index: number) => unknown): Expression<SqlBool> {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = node.parts.map((part) => filterExpression(eb, part, value));
      return node.kind === 'and' ? eb.and(parts) : eb.or(parts);
    }
    case 'not':
      return eb.not(filterExpression(eb, node.part, value));
    case 'compare':
      return eb(eb.ref(node.column), node.operator, value(node.value));
    case 'null':
      return eb(eb.ref(node.column), node.negated ? 'is not' : 'is', null);
    case 'list':
      return eb(eb.ref(node.column), node.negated ? 'not in' : 'in', node.values.map(value));
    case 'array': {
      const any = eb(eb.ref(node.column), '=', eb.fn('any', [eb.val(value(node.value))]));
      return node.negated ? eb.not(any) : any;
    }
    case 'constant':
      return sql<SqlBool>`${sql.lit(node.holds ? 1 : 0)} = 1`;
  }
}
