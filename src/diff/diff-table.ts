import type { CheckConstraint, Column, ForeignKey, Index, Table, UniqueConstraint } from '../schema/model.js';
import { normalizedSql } from '../schema/normalize.js';
import type { Change, ObjectName } from './changes.js';
import { sameType, typeDirection } from './type-change.js';

/** Confirmed renames, old name → new name: tables by `namespace.name`, columns per table. */
export interface RenameMap {
  readonly tables: ReadonlyMap<string, string>;
  /** By the new table's `namespace.name`: old column → new column. */
  readonly columns: ReadonlyMap<string, ReadonlyMap<string, string>>;
}

export function qualified(object: ObjectName): string {
  return `${object.namespace}.${object.name}`;
}

/**
 * The changes inside one table that exists on both sides (perhaps renamed): columns, keys,
 * indexes, checks, traits, comments. Old column and table names are mapped through the confirmed
 * renames first, so a renamed column does not show up again as a changed key.
 */
export function diffTable(from: Table, to: Table, renames: RenameMap, out: Change[]): void {
  const table: ObjectName = { namespace: to.namespace, name: to.name };
  const columnRenames = renames.columns.get(qualified(table)) ?? new Map<string, string>();
  const renamed = (column: string): string => columnRenames.get(column) ?? column;
  const renamedTable = (namespace: string, name: string): string => renames.tables.get(`${namespace}.${name}`) ?? `${namespace}.${name}`;

  const after = new Map(to.columns.map((column) => [column.name, column]));
  const matched = new Set<string>();
  for (const old of from.columns) {
    const name = renamed(old.name);
    const current = after.get(name);
    if (current === undefined) {
      out.push({ kind: 'column_dropped', table, column: old });
      continue;
    }
    matched.add(name);
    if (name !== old.name) out.push({ kind: 'column_renamed', table, from: old.name, column: current });
    diffColumn(table, old, current, out);
  }
  for (const column of to.columns) if (!matched.has(column.name)) out.push({ kind: 'column_added', table, column });

  if (!sameList(from.traits, to.traits)) out.push({ kind: 'table_traits_changed', table, from: from.traits, to: to.traits });

  const oldKey = from.primaryKey?.columns.map(renamed) ?? null;
  const newKey = to.primaryKey?.columns ?? null;
  if (oldKey === null && newKey !== null) out.push({ kind: 'primary_key_added', table, columns: newKey });
  else if (oldKey !== null && newKey === null) out.push({ kind: 'primary_key_dropped', table, columns: oldKey });
  else if (oldKey !== null && newKey !== null && !sameList(oldKey, newKey)) out.push({ kind: 'primary_key_changed', table, from: oldKey, columns: newKey });

  const foreignKeyId = (key: ForeignKey, map: (column: string) => string, target: (namespace: string, name: string) => string): string =>
    `${key.columns.map(map).join(',')}→${target(key.references.namespace, key.references.table)}(${key.references.columns.join(',')})`;
  const oldKeys = new Map(from.foreignKeys.map((key) => [foreignKeyId(key, renamed, renamedTable), key]));
  const newKeys = new Map(to.foreignKeys.map((key) => [foreignKeyId(key, same, (namespace, name) => `${namespace}.${name}`), key]));
  for (const [id, key] of oldKeys) {
    const current = newKeys.get(id);
    if (current === undefined) out.push({ kind: 'foreign_key_dropped', table, foreignKey: key });
    else if (key.onDelete !== current.onDelete || key.onUpdate !== current.onUpdate || key.deferrable !== current.deferrable || key.initiallyDeferred !== current.initiallyDeferred) {
      out.push({ kind: 'foreign_key_changed', table, from: key, foreignKey: current });
    }
  }
  for (const [id, key] of newKeys) if (!oldKeys.has(id)) out.push({ kind: 'foreign_key_added', table, foreignKey: key });

  const uniqueId = (unique: UniqueConstraint, map: (column: string) => string): string => unique.columns.map(map).join(',');
  pairUp(from.uniqueConstraints, to.uniqueConstraints, (unique) => uniqueId(unique, renamed), (unique) => uniqueId(unique, same),
    (unique) => out.push({ kind: 'unique_dropped', table, unique }),
    (unique) => out.push({ kind: 'unique_added', table, unique }));

  // Indexes are compared by what they index, not by name: a renamed index is the same index.
  const indexId = (index: Index, map: (column: string) => string): string =>
    JSON.stringify([index.parts.map((part) => [part.column === null ? null : map(part.column), part.expression, part.descending, part.prefixLength]), index.unique, index.predicate, index.method]);
  pairUp(from.indexes, to.indexes, (index) => indexId(index, renamed), (index) => indexId(index, same),
    (index) => out.push({ kind: 'index_dropped', table, index }),
    (index) => out.push({ kind: 'index_added', table, index }));

  const checkId = (check: CheckConstraint): string => normalizedSql(check.expression);
  pairUp(from.checks, to.checks, checkId, checkId,
    (check) => out.push({ kind: 'check_dropped', table, check }),
    (check) => out.push({ kind: 'check_added', table, check }));

  if (from.comment !== to.comment) out.push({ kind: 'comment_changed', target: 'table', object: table, from: from.comment, to: to.comment });
}

/** The changes to one column that is on both sides. */
function diffColumn(table: ObjectName, from: Column, to: Column, out: Change[]): void {
  const column = to.name;
  const inline = (from.family === 'enum' || from.family === 'set') && from.family === to.family && from.allowedValues !== null && to.allowedValues !== null;
  // An inline ENUM/SET spells its values in its type; those are compared as values, not as a type.
  if (inline ? !sameType({ ...from, nativeType: '' }, { ...to, nativeType: '' }) : !sameType(from, to)) {
    out.push({ kind: 'column_type_changed', table, column, from, to, direction: typeDirection(from, to) });
  }
  if (inline) {
    const removed = (from.allowedValues ?? []).filter((value) => !(to.allowedValues ?? []).includes(value));
    const added = (to.allowedValues ?? []).filter((value) => !(from.allowedValues ?? []).includes(value));
    if (removed.length > 0) out.push({ kind: 'column_values_removed', table, column, values: removed });
    if (added.length > 0) out.push({ kind: 'column_values_added', table, column, values: added, atEnd: addedAtEnd(from.allowedValues ?? [], to.allowedValues ?? []) });
  }
  if (from.nullable !== to.nullable) out.push({ kind: 'column_nullability_changed', table, column, nullable: to.nullable, to });
  if ((from.default?.raw ?? null) !== (to.default?.raw ?? null)) {
    out.push({ kind: 'column_default_changed', table, column, from: from.default?.raw ?? null, to: to.default?.raw ?? null, nullable: to.nullable });
  }
  if (from.identity !== to.identity) out.push({ kind: 'column_identity_changed', table, column, from: from.identity, to: to.identity });
  const generated = (value: Column['generated']): string | null => (value === null ? null : `${value.expression} (${value.storage})`);
  if (generated(from.generated) !== generated(to.generated)) out.push({ kind: 'column_generated_changed', table, column, from: generated(from.generated), to: generated(to.generated) });
  if (from.collation !== to.collation) out.push({ kind: 'column_collation_changed', table, column, from: from.collation, to: to.collation });
  if (from.comment !== to.comment) out.push({ kind: 'comment_changed', target: 'column', object: table, column, from: from.comment, to: to.comment });
}

/** Whether the new values all come after the old ones, which keep their order. */
export function addedAtEnd(from: readonly string[], to: readonly string[]): boolean {
  const kept = to.filter((value) => from.includes(value));
  const firstNew = to.findIndex((value) => !from.includes(value));
  return to.slice(firstNew).every((value) => !from.includes(value)) && sameList(kept, from.filter((value) => to.includes(value)));
}

/** Matches two lists by identity, as multisets; calls back for what is only on one side. */
function pairUp<T>(from: readonly T[], to: readonly T[], fromId: (item: T) => string, toId: (item: T) => string, dropped: (item: T) => void, added: (item: T) => void): void {
  const remaining = new Map<string, number>();
  for (const item of to) remaining.set(toId(item), (remaining.get(toId(item)) ?? 0) + 1);
  const unmatchedOld: T[] = [];
  for (const item of from) {
    const id = fromId(item);
    const left = remaining.get(id) ?? 0;
    if (left > 0) remaining.set(id, left - 1);
    else unmatchedOld.push(item);
  }
  for (const item of unmatchedOld) dropped(item);
  for (const item of to) {
    const id = toId(item);
    const left = remaining.get(id) ?? 0;
    if (left > 0) {
      remaining.set(id, left - 1);
      added(item);
    }
  }
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

function same(column: string): string {
  return column;
}
