import { compareCodePoints, sortBy } from '../util/code-point.js';
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
    tables: sortBy(schema.tables, qualified).map(normalizeTable),
    views: sortBy(schema.views, qualified).map(normalizeView),
    enums: sortBy(schema.enums, qualified).map((item: EnumType) => ({ ...item, values: [...item.values] })),
    domains: sortBy(schema.domains, qualified).map((item: Domain) => ({ ...item, checks: sortChecks(item.checks) })),
  };
}

/** Sorts warnings by code, object and message, dropping exact duplicates. */
export function normalizeWarnings(warnings: readonly Warning[]): Warning[] {
  const seen = new Set<string>();
  return sortBy(warnings, (w) => [w.code, w.object, w.message]).filter((w) => {
    const key = `${w.code}\0${w.object}\0${w.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function qualified(item: { namespace: string; name: string }): string[] {
  return [item.namespace, item.name];
}

function byOrdinal(columns: readonly Column[]): Column[] {
  return [...columns].sort((a, b) => a.ordinal - b.ordinal);
}

function sortChecks(checks: readonly CheckConstraint[]): CheckConstraint[] {
  return sortBy(checks, (c) => [c.name ?? '', c.expression]);
}

function normalizeTable(table: Table): Table {
  return {
    ...table,
    columns: byOrdinal(table.columns),
    foreignKeys: sortBy(table.foreignKeys, (fk: ForeignKey) => [fk.name ?? '', ...fk.columns]),
    uniqueConstraints: sortBy(table.uniqueConstraints, (u: UniqueConstraint) => [u.name ?? '', ...u.columns]),
    indexes: sortBy(table.indexes, (i: Index) => [i.name]),
    checks: sortChecks(table.checks),
    traits: [...new Set(table.traits)].sort(compareCodePoints),
  };
}

function normalizeView(view: View): View {
  return { ...view, columns: byOrdinal(view.columns) };
}
