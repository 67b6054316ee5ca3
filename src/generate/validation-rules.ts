import type { Capabilities } from '../dialects/capabilities.js';
import type { ColumnComparison, ColumnDescriptor, ValueKind } from '../runtime/table-descriptor.js';
import { compareDecimals, decimalText, toDecimal } from '../runtime/validation/decimal.js';
import { firstWord, integerRange } from '../schema/integer-types.js';
import type { Column, Domain, Table, View } from '../schema/model.js';
import type { TypeFamily } from '../schema/type-family.js';
import { translateCheck, type CheckRule } from './check-translation.js';

/** The validator's share of a column descriptor: what the database enforces beyond the type. */
export type ColumnRules = Pick<ColumnDescriptor, 'length' | 'max' | 'maxExclusive' | 'min' | 'minExclusive' | 'minLength' | 'precision' | 'scale'>;

export interface TableRules {
  /** By column name. */
  readonly columns: ReadonlyMap<string, ColumnRules>;
  readonly comparisons: readonly ColumnComparison[];
  /** CHECK expressions the validators leave to the database, for the generated file's comment. */
  readonly untranslated: readonly string[];
}

// The TypeScript types of the type tables, as the runtime's validators know them.
const VALUE_KINDS: Readonly<Record<string, ValueKind>> = {
  Int8: 'int8',
  Interval: 'interval',
  Json: 'json',
  Numeric: 'numeric',
  Timestamp: 'timestamp',
  Uint8Array: 'binary',
  boolean: 'boolean',
  number: 'number',
  string: 'string',
  unknown: 'unknown',
};
const INTEGER_FAMILIES: ReadonlySet<TypeFamily> = new Set(['integer', 'smallint', 'bigint', 'year', 'boolean']);
const NUMERIC_FAMILIES: ReadonlySet<TypeFamily> = new Set(['integer', 'smallint', 'bigint', 'decimal', 'real', 'double', 'year', 'money']);
const ORDERED_FAMILIES: ReadonlySet<TypeFamily> = new Set([...NUMERIC_FAMILIES, 'date', 'timestamp', 'timestamptz']);

/**
 * How the value of a column appears in JavaScript, from its TypeScript element type: an enum or
 * CHECK-enum union is a string; a user's type override is opaque; an enum array that node-postgres
 * leaves unparsed is PostgreSQL's array text.
 */
export function valueKindOf(column: Column, elementType: string, typeIsArray: boolean, overridden: boolean): ValueKind {
  if (overridden) return 'unknown';
  if (column.arrayDimensions > 0 && !typeIsArray) return 'array_literal';
  const kind = VALUE_KINDS[elementType] ?? (elementType.startsWith('"') || /^[A-Z]/.test(elementType) ? 'string' : 'unknown');
  return kind === 'number' && INTEGER_FAMILIES.has(column.family) ? 'integer' : kind;
}

/**
 * What each engine enforces besides CHECKs. PostgreSQL and MySQL/MariaDB (strict mode) reject
 * values outside the declared integer range, length and numeric precision; SQLite enforces
 * none of them, so its validators do not either (a CHECK on `length(col)` is enforced, and
 * translated).
 */
function declaredRules(column: Column, capabilities: Capabilities): ColumnRules {
  if (!capabilities.enforcesDeclaredSizes) return {};
  const rules: { -readonly [K in keyof ColumnRules]: ColumnRules[K] } = {};
  if (column.length !== null && (column.family === 'text' || column.family === 'binary' || column.family === 'bit')) rules.length = column.length;
  if (column.family === 'decimal' && column.precision !== null) {
    rules.precision = column.precision;
    rules.scale = column.scale ?? 0;
  }
  const range = INTEGER_FAMILIES.has(column.family) ? integerRange(column.nativeType, column.unsigned) : undefined;
  if (range !== undefined) {
    rules.min = numberOrText(String(range.min));
    rules.max = numberOrText(String(range.max));
  } else if (column.family === 'year') {
    // MySQL's YEAR: 0 and 1901–2155 (1–99 are read as years of 1970–2069).
    rules.min = 0;
    rules.max = 2155;
  } else if (column.unsigned) {
    rules.min = 0;
  } else if (capabilities.timestampRange !== null && column.family === 'timestamptz' && firstWord(column.nativeType) === 'timestamp') {
    [rules.min, rules.max] = capabilities.timestampRange;
  }
  return rules;
}

/** A bound as a number when that is exact, otherwise as its decimal text. */
function numberOrText(text: string): number | string {
  const number = Number(text);
  return Number.isSafeInteger(number) || String(number) === text ? number : text;
}

/** The rules of a table's columns: declared limits narrowed by the CHECKs that translate. */
export function validationRules(relation: Table | View, columns: readonly Column[], capabilities: Capabilities, domains: readonly Domain[]): TableRules {
  const rules = new Map(columns.map((column) => [column.name, declaredRules(column, capabilities)]));
  const names = new ColumnNames(columns);
  const comparisons: ColumnComparison[] = [];
  const untranslated: string[] = [];
  const apply = (translated: readonly CheckRule[]): boolean => {
    const resolved = translated.map((rule) => resolve(rule, names, capabilities));
    if (resolved.some((rule) => rule === null)) return false;
    for (const rule of resolved as ResolvedRule[]) {
      if (rule.kind === 'compare') comparisons.push({ left: rule.left.name, operator: rule.operator, right: rule.right.name });
      else narrow(rules.get(rule.column.name) as ColumnRules, rule);
    }
    return true;
  };
  for (const check of 'checks' in relation ? relation.checks : []) {
    const translated = translateCheck(check.expression, capabilities.lengthCountsBytes);
    if (translated === null || !apply(translated)) untranslated.push(check.expression);
  }
  for (const column of columns) {
    const domain = column.domainRef === null ? undefined : domains.find((d) => d.namespace === column.domainRef?.namespace && d.name === column.domainRef.name);
    for (const check of domain?.checks ?? []) {
      const translated = translateCheck(check.expression, capabilities.lengthCountsBytes, column.name);
      if (translated === null || !apply(translated)) untranslated.push(`${column.name}: ${check.expression} (domain ${domain?.name})`);
    }
  }
  return { columns: rules, comparisons, untranslated };
}

type ResolvedRule =
  | { readonly kind: 'compare'; readonly left: Column; readonly operator: ColumnComparison['operator']; readonly right: Column }
  | { readonly kind: 'bound'; readonly column: Column; readonly operator: string; readonly value: string }
  | { readonly kind: 'length'; readonly column: Column; readonly operator: string; readonly value: number }
  | { readonly kind: 'none'; readonly column: Column };

/**
 * Finds a CHECK's column by its exact name, else case-insensitively: MySQL and SQLite compare
 * column names that way, and PostgreSQL prints names exactly (quoting those it would fold).
 */
class ColumnNames {
  private readonly exact: ReadonlyMap<string, Column>;
  private readonly folded: ReadonlyMap<string, Column>;

  constructor(columns: readonly Column[]) {
    this.exact = new Map(columns.map((column) => [column.name, column]));
    this.folded = new Map(columns.map((column) => [column.name.toLowerCase(), column]));
  }

  find(name: string): Column | undefined {
    return this.exact.get(name) ?? this.folded.get(name.toLowerCase());
  }
}

/** Names the rule's columns and checks that the rule means for them what it says. */
function resolve(rule: CheckRule, names: ColumnNames, capabilities: Capabilities): ResolvedRule | null {
  const find = (name: string): Column | undefined => names.find(name);
  switch (rule.kind) {
    case 'compare': {
      const left = find(rule.left);
      const right = find(rule.right);
      if (left === undefined || right === undefined || left.arrayDimensions > 0 || right.arrayDimensions > 0) return null;
      const bothNumbers = NUMERIC_FAMILIES.has(left.family) && NUMERIC_FAMILIES.has(right.family);
      const sameTime = !NUMERIC_FAMILIES.has(left.family) && left.family === right.family && ORDERED_FAMILIES.has(left.family);
      // Where dates are text they compare as text; only numbers compare the same there.
      return bothNumbers || (sameTime && capabilities.temporalTypes) ? { kind: 'compare', left, operator: rule.operator, right } : null;
    }
    case 'bound': {
      const column = find(rule.column);
      return column !== undefined && column.arrayDimensions === 0 && NUMERIC_FAMILIES.has(column.family) && toDecimal(rule.value) !== null
        ? { kind: 'bound', column, operator: rule.operator, value: rule.value }
        : null;
    }
    case 'length': {
      const column = find(rule.column);
      return column !== undefined && column.arrayDimensions === 0 && column.family === 'text' ? { kind: 'length', column, operator: rule.operator, value: rule.value } : null;
    }
    case 'allowed': {
      const column = find(rule.column);
      return column !== undefined && column.allowedValues !== null ? { kind: 'none', column } : null;
    }
    case 'json': {
      const column = find(rule.column);
      return column !== undefined && column.family === 'json' ? { kind: 'none', column } : null;
    }
  }
}

/** Tightens a column's rules with one translated rule; the stricter bound wins. */
function narrow(rules: { -readonly [K in keyof ColumnRules]: ColumnRules[K] }, rule: ResolvedRule): void {
  if (rule.kind === 'length') {
    if (rule.operator === '<=' || rule.operator === '<' || rule.operator === '=') {
      const limit = rule.operator === '<' ? rule.value - 1 : rule.value;
      rules.length = Math.min(rules.length ?? limit, limit);
    }
    if (rule.operator === '>=' || rule.operator === '>' || rule.operator === '=') {
      const limit = rule.operator === '>' ? rule.value + 1 : rule.value;
      rules.minLength = Math.max(rules.minLength ?? limit, limit);
    }
    return;
  }
  if (rule.kind !== 'bound') return;
  const value = toDecimal(rule.value);
  if (value === null) return;
  const lower = rule.operator === '>=' || rule.operator === '>' || rule.operator === '=';
  const upper = rule.operator === '<=' || rule.operator === '<' || rule.operator === '=';
  const exclusive = rule.operator === '>' || rule.operator === '<';
  if (lower) {
    const current = rules.min === undefined ? null : toDecimal(rules.min);
    const order = current === null ? 1 : compareDecimals(value, current);
    if (order > 0 || (order === 0 && exclusive)) {
      rules.min = numberOrText(decimalText(value));
      if (exclusive) rules.minExclusive = true;
      else delete rules.minExclusive;
    }
  }
  if (upper) {
    const current = rules.max === undefined ? null : toDecimal(rules.max);
    const order = current === null ? -1 : compareDecimals(value, current);
    if (order < 0 || (order === 0 && exclusive)) {
      rules.max = numberOrText(decimalText(value));
      if (exclusive) rules.maxExclusive = true;
      else delete rules.maxExclusive;
    }
  }
}
