import { compareCodePoints, compareKeys, sortedCopy } from '../util/code-point.js';
import type {
  CheckConstraint,
  Column,
  Domain,
  EnumType,
  ForeignKey,
  Index,
  Schema,
  Table,
  UniqueConstraint,
  View,
} from './model.js';
import type { Warning } from './warnings.js';

/**
 * Puts a schema into canonical order: every producer of a schema (introspectors, snapshot
 * upgrades, tests) goes through here, so equal databases give byte-equal snapshots.
 * Collections without inherent order are sorted by code point; orders that carry meaning
 * (columns by ordinal, key columns, enum values) are kept.
 */
export function normalizeSchema(schema: Schema): Schema {
  return {
    namespaces: [...new Set(schema.namespaces)].sort(compareCodePoints),
    tables: sortedCopy(schema.tables, byQualifiedName).map(normalizeTable),
    views: sortedCopy(schema.views, byQualifiedName).map(normalizeView),
    enums: sortedCopy(schema.enums, byQualifiedName).map((item: EnumType) => ({ ...item, values: [...item.values] })),
    domains: sortedCopy(schema.domains, byQualifiedName).map((item: Domain) => ({ ...item, checks: sortedCopy(item.checks, byCheck) })),
  };
}

/** SQL with every run of whitespace one space, trimmed: two spellings of one CHECK or view compare equal. */
export function normalizedSql(sql: string): string {
  return sql.replace(/\s+/g, ' ').trim();
}

/** Sorts warnings by code, object and message, dropping exact duplicates. */
export function normalizeWarnings(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  const byContent = (a: Warning, b: Warning): number =>
    compareCodePoints(a.code, b.code) || compareCodePoints(a.object, b.object) || compareCodePoints(a.message, b.message);
  return sortedCopy(warnings, byContent).filter((w) => {
    const key = `${w.code}\0${w.object}\0${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function byQualifiedName(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return compareCodePoints(a.namespace, b.namespace) || compareCodePoints(a.name, b.name);
}

/** Named constraints by name, unnamed ones (name null) first, then by their columns. */
function byNameAndColumns(a: { name: string | null; columns: readonly string[] }, b: { name: string | null; columns: readonly string[] }): number {
  return compareCodePoints(a.name ?? '', b.name ?? '') || compareKeys(a.columns, b.columns);
}

function byCheck(a: CheckConstraint, b: CheckConstraint): number {
  return compareCodePoints(a.name ?? '', b.name ?? '') || compareCodePoints(a.expression, b.expression);
}

function byOrdinal(columns: readonly Column[]): Column[] {
  return sortedCopy(columns, (a, b) => a.ordinal - b.ordinal);
}

function normalizeTable(table: Table): Table {
  return {
    ...table,
    columns: byOrdinal(table.columns),
    foreignKeys: sortedCopy<ForeignKey>(table.foreignKeys, byNameAndColumns),
    uniqueConstraints: sortedCopy<UniqueConstraint>(table.uniqueConstraints, byNameAndColumns),
    indexes: sortedCopy(table.indexes, (a: Index, b: Index) => compareCodePoints(a.name, b.name)),
    checks: sortedCopy(table.checks, byCheck),
    traits: [...new Set(table.traits)].sort(compareCodePoints),
  };
}

function normalizeView(view: View): View {
  return { ...view, columns: byOrdinal(view.columns) };
}
