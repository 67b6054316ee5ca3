import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { ValidationError } from '../errors/classes.js';
import { didYouMean } from '../fuzzy.js';
import type { ColumnDescriptor, TableDescriptor } from '../table-descriptor.js';

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

/** Reads a filter, adding its values to `values`; unknown columns and operators are errors that say which. */
export function parseFilter(where: object, scope: FilterScope, values: unknown[]): ParsedFilter {
  const reader = new FilterReader(scope, values);
  const node = reader.group(where);
  return { node, key: reader.key, cacheable: reader.cacheable };
}

class FilterReader {
  key = '';
  cacheable = true;

  constructor(
    private readonly scope: FilterScope,
    private readonly values: unknown[],
  ) {}

  group(where: object): FilterNode {
    const parts: FilterNode[] = [];
    this.key += '{';
    for (const [property, condition] of Object.entries(where)) {
      if (condition === undefined) continue;
      if (property === 'AND' || property === 'OR') {
        this.key += property === 'AND' ? '&[' : '|[';
        const groups = (condition as readonly object[]).map((group) => this.group(group));
        this.key += ']';
        parts.push({ kind: property === 'AND' ? 'and' : 'or', parts: groups });
      } else if (property === 'NOT') {
        this.key += '!';
        parts.push({ kind: 'not', part: this.group(condition as object) });
      } else {
        const column = this.column(property);
        // Length-prefixed: any property name, however hostile, makes an unambiguous key.
        this.key += `${property.length}:${property}`;
        parts.push(this.condition(column, condition));
      }
    }
    this.key += '}';
    return parts.length === 1 ? (parts[0] as FilterNode) : { kind: 'and', parts };
  }

  private column(property: string): ColumnDescriptor {
    const { table, columns } = this.scope;
    const column = columns.get(property);
    if (column === undefined) {
      throw new ValidationError(`Unknown column "${property}" in a filter on ${table.kind} "${table.key}".${didYouMean(property, columns.keys())}`, {
        details: { table: table.key, column: property },
        hint: `Filter on the columns of "${table.key}": ${[...columns.keys()].join(', ')}.`,
      });
    }
    return column;
  }

  private condition(descriptor: ColumnDescriptor, condition: unknown): FilterNode {
    const column = descriptor.name;
    if (condition === null) {
      this.key += 'n';
      return { kind: 'null', column, negated: false };
    }
    if (!this.isOperators(descriptor, condition)) {
      this.key += '=';
      return { kind: 'compare', column, operator: '=', value: this.value(condition) };
    }
    const parts: FilterNode[] = [];
    this.key += '(';
    for (const [operator, operand] of Object.entries(condition)) {
      if (operand === undefined) continue;
      this.key += OPERATOR_CODES[operator as keyof typeof OPERATOR_CODES];
      switch (operator) {
        case 'eq':
          parts.push(this.condition(descriptor, operand));
          break;
        case 'in':
        case 'notIn':
          parts.push(this.list(column, operator === 'notIn', operand as readonly unknown[]));
          break;
        case 'gt':
        case 'gte':
        case 'lt':
        case 'lte':
          parts.push({ kind: 'compare', column, operator: COMPARISONS[operator], value: this.value(operand) });
          break;
        case 'like':
          parts.push({ kind: 'compare', column, operator: 'like', value: this.value(operand) });
          break;
        case 'isNull':
          this.key += operand === true ? '1' : '0';
          parts.push({ kind: 'null', column, negated: operand !== true });
          break;
        default:
          parts.push({ kind: 'not', part: this.condition(descriptor, operand) });
      }
    }
    this.key += ')';
    return parts.length === 1 ? (parts[0] as FilterNode) : { kind: 'and', parts };
  }

  private list(column: string, negated: boolean, list: readonly unknown[]): FilterNode {
    // An empty list matches nothing (IN) or everything (NOT IN); SQL has no empty list.
    if (list.length === 0) {
      this.key += '0';
      return { kind: 'constant', holds: negated };
    }
    if (this.scope.arrayParameters) {
      // One parameter whatever the length: past the 65,535-parameter limit, and one plan for all lengths.
      this.key += '*';
      return { kind: 'array', column, negated, value: this.value(list) };
    }
    this.key += `#${list.length}`;
    if (list.length > LONGEST_KEPT_LIST) this.cacheable = false;
    return { kind: 'list', column, negated, values: list.map((value) => this.value(value)) };
  }

  private value(value: unknown): number {
    return this.values.push(value) - 1;
  }

  /**
   * Whether a condition is an object of operators or a value to compare with. Anything but a plain
   * object (a Date, a Buffer, an array, a class instance) is a value. On a JSON column a plain
   * object is a value unless every key is an operator; elsewhere it holds operators, and a key
   * that is none is an error.
   */
  private isOperators(column: ColumnDescriptor, value: unknown): value is Record<string, unknown> {
    if (typeof value !== 'object' || value === null) return false;
    const prototype = Object.getPrototypeOf(value) as unknown;
    if (prototype !== Object.prototype && prototype !== null) return false;
    const keys = Object.keys(value);
    const unknown = keys.find((key) => !Object.hasOwn(OPERATOR_CODES, key));
    if (column.value === 'json') return keys.length > 0 && unknown === undefined;
    if (unknown === undefined && keys.length > 0) return true;
    const { table } = this.scope;
    const hint = `Use ${Object.keys(OPERATOR_CODES).join(', ')}, or compare with a value directly.`;
    if (unknown === undefined) {
      throw new ValidationError(`The filter on "${table.key}.${column.property}" is an empty object: it names no operator.`, { details: { table: table.key, column: column.property }, hint });
    }
    throw new ValidationError(`Unknown filter operator "${unknown}" on "${table.key}.${column.property}".${didYouMean(unknown, Object.keys(OPERATOR_CODES))}`, {
      details: { table: table.key, column: column.property, operator: unknown },
      hint,
    });
  }
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
