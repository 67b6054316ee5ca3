import type { Domain, EnumType, Schema, View } from '../schema/model.js';
import { normalizedSql } from '../schema/normalize.js';
import type { Change, ObjectName } from './changes.js';
import { addedAtEnd, diffTable, qualified, sameList, type RenameMap } from './diff-table.js';
import { sameType } from './type-change.js';

const NO_RENAMES: RenameMap = { tables: new Map(), columns: new Map() };

/**
 * Every difference between two schemas, as a typed list in a stable order: tables, views, enums,
 * then domains, each kind in the old schema's order (by qualified name, as schemas are
 * normalised) with the added ones after, in the new schema's order; within a table, the old
 * columns in order, added columns after them, then traits, keys, indexes, checks and the
 * comment. Pure: no database, no I/O; renames are applied only where `renames` confirms them.
 */
export function diffSchemas(from: Schema, to: Schema, renames: RenameMap = NO_RENAMES): Change[] {
  const out: Change[] = [];
  const newTables = new Map(to.tables.map((table) => [qualified(table), table]));
  const matched = new Set<string>();
  for (const table of from.tables) {
    const name = renames.tables.get(qualified(table)) ?? qualified(table);
    const current = newTables.get(name);
    if (current === undefined) {
      out.push({ kind: 'table_dropped', table: nameOf(table), columns: table.columns });
      continue;
    }
    matched.add(name);
    if (name !== qualified(table)) out.push({ kind: 'table_renamed', table: nameOf(current), from: nameOf(table) });
    diffTable(table, current, renames, out);
  }
  for (const table of to.tables) if (!matched.has(qualified(table))) out.push({ kind: 'table_added', table: nameOf(table), columns: table.columns.map((column) => column.name) });

  diffNamed(from.views, to.views, out, (view) => out.push({ kind: 'view_dropped', view: nameOf(view) }), (view) => out.push({ kind: 'view_added', view: nameOf(view) }), diffView);
  diffNamed(from.enums, to.enums, out, (item) => out.push({ kind: 'enum_dropped', enum: item }), (item) => out.push({ kind: 'enum_added', enum: item }), diffEnum);
  diffNamed(from.domains, to.domains, out, (domain) => out.push({ kind: 'domain_dropped', domain }), (domain) => out.push({ kind: 'domain_added', domain }), diffDomain);
  return out;
}

function diffNamed<T extends ObjectName>(from: readonly T[], to: readonly T[], out: Change[], dropped: (item: T) => void, added: (item: T) => void, compare: (a: T, b: T, out: Change[]) => void): void {
  const current = new Map(to.map((item) => [qualified(item), item]));
  const seen = new Set<string>();
  for (const item of from) {
    const other = current.get(qualified(item));
    if (other === undefined) dropped(item);
    else {
      seen.add(qualified(item));
      compare(item, other, out);
    }
  }
  for (const item of to) if (!seen.has(qualified(item))) added(item);
}

function diffView(from: View, to: View, out: Change[]): void {
  const view = nameOf(to);
  const before = new Map(from.columns.map((column) => [column.name, column]));
  const after = new Map(to.columns.map((column) => [column.name, column]));
  for (const column of from.columns) {
    const current = after.get(column.name);
    if (current === undefined) out.push({ kind: 'view_column_dropped', view, column });
    else if (!sameType(column, current) || column.nullable !== current.nullable) out.push({ kind: 'view_column_type_changed', view, column: column.name, from: column, to: current });
  }
  for (const column of to.columns) if (!before.has(column.name)) out.push({ kind: 'view_column_added', view, column });
  const definition = (view: View): string | null => (view.definition === null ? null : normalizedSql(view.definition));
  if (from.kind !== to.kind || definition(from) !== definition(to)) {
    out.push({ kind: 'view_definition_changed', view, materialized: to.kind === 'materialized_view' });
  }
  if (from.comment !== to.comment) out.push({ kind: 'comment_changed', target: 'view', object: view, from: from.comment, to: to.comment });
}

function diffEnum(from: EnumType, to: EnumType, out: Change[]): void {
  const name = nameOf(to);
  const removed = from.values.filter((value) => !to.values.includes(value));
  const added = to.values.filter((value) => !from.values.includes(value));
  if (removed.length > 0) out.push({ kind: 'enum_values_removed', enum: name, values: removed });
  if (added.length > 0) out.push({ kind: 'enum_values_added', enum: name, values: added, atEnd: addedAtEnd(from.values, to.values) });
  if (from.comment !== to.comment) out.push({ kind: 'comment_changed', target: 'enum', object: name, from: from.comment, to: to.comment });
}

function diffDomain(from: Domain, to: Domain, out: Change[]): void {
  const checks = (domain: Domain): string[] => domain.checks.map((check) => normalizedSql(check.expression));
  if (from.baseType !== to.baseType || from.nullable !== to.nullable || (from.default?.raw ?? null) !== (to.default?.raw ?? null) || !sameList(checks(from), checks(to))) {
    out.push({ kind: 'domain_changed', domain: nameOf(to), from, to });
  }
  if (from.comment !== to.comment) out.push({ kind: 'comment_changed', target: 'domain', object: nameOf(to), from: from.comment, to: to.comment });
}

function nameOf(object: ObjectName): ObjectName {
  return { namespace: object.namespace, name: object.name };
}

