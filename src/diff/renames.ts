import { editDistance, suggest } from '../runtime/fuzzy.js';
import { CrudgenError } from '../runtime/errors/crudgen-error.js';
import type { Column, Schema, Table } from '../schema/model.js';
import type { Change } from './changes.js';
import { qualified, type RenameMap } from './diff-table.js';
import { sameType, typeDirection } from './type-change.js';

/** A dropped and an added object that may be one object renamed: reported, never assumed. */
export interface RenameCandidate {
  readonly kind: 'table' | 'column';
  /** `table` or `namespace.table`; for columns `table.column`, as `--rename` takes them. */
  readonly from: string;
  readonly to: string;
  /** 0–1: name similarity, type equality and position for columns; shared columns and name for tables. */
  readonly score: number;
}

// Below these a pairing is coincidence more often than a rename.
const CANDIDATE_SCORE = 0.5;
const COLUMN_SCORE = 0.6;

/**
 * Confirmed renames from `--rename old=new` and the config's `renames`: `old=new` for tables
 * (`table` or `namespace.table`), `table.old=table.new` (or `table.old=new`) for columns. Each
 * must name something only the old schema has and something only the new one has.
 */
export function resolveRenames(entries: readonly (readonly [string, string])[], from: Schema, to: Schema, defaultNamespace: string | null): RenameMap {
  const tables = new Map<string, string>();
  const columns = new Map<string, Map<string, string>>();
  const find = (schema: Schema, name: string): Table | undefined =>
    schema.tables.find((table) => qualified(table) === name || (table.name === name && (defaultNamespace === null || table.namespace === defaultNamespace || schema.namespaces.length === 1)));
  for (const [old, renamed] of entries) {
    const oldTable = find(from, old);
    if (oldTable !== undefined && find(to, old) === undefined) {
      const newTable = find(to, renamed);
      if (newTable === undefined || find(from, renamed) !== undefined) throw unmatched(old, renamed, `"${renamed}" is not a table only the new schema has`, to.tables.map((table) => table.name));
      tables.set(qualified(oldTable), qualified(newTable));
      continue;
    }
    const split = old.lastIndexOf('.');
    if (split <= 0) throw unmatched(old, renamed, `"${old}" is not a table only the old schema has, nor table.column`, from.tables.map((table) => table.name));
    const tableName = old.slice(0, split);
    const oldColumn = old.slice(split + 1);
    const newColumn = renamed.includes('.') ? renamed.slice(renamed.lastIndexOf('.') + 1) : renamed;
    const before = find(from, tableName);
    const afterName = before === undefined ? undefined : (tables.get(qualified(before)) ?? qualified(before));
    const after = afterName === undefined ? undefined : to.tables.find((table) => qualified(table) === afterName);
    if (before === undefined || after === undefined) throw unmatched(old, renamed, `no table "${tableName}" on both sides`, from.tables.map((table) => table.name));
    const inOld = before.columns.some((column) => column.name === oldColumn);
    const inNew = after.columns.some((column) => column.name === newColumn);
    if (!inOld || after.columns.some((column) => column.name === oldColumn)) throw unmatched(old, renamed, `"${tableName}" has no column "${oldColumn}" that only the old schema has`, before.columns.map((column) => column.name));
    if (!inNew || before.columns.some((column) => column.name === newColumn)) throw unmatched(old, renamed, `"${tableName}" has no column "${newColumn}" that only the new schema has`, after.columns.map((column) => column.name));
    const map = columns.get(qualified(after)) ?? new Map<string, string>();
    map.set(oldColumn, newColumn);
    columns.set(qualified(after), map);
  }
  return { tables, columns };
}

function unmatched(old: string, renamed: string, why: string, names: readonly string[]): CrudgenError {
  const near = suggest(old.slice(old.lastIndexOf('.') + 1), names);
  return new CrudgenError('RENAME_UNMATCHED', `The rename ${old}=${renamed} does not match the schemas: ${why}.${near.length > 0 ? ` Did you mean ${near.map((name) => `"${name}"`).join(', ')}?` : ''}`, {
    details: { rename: `${old}=${renamed}` },
  });
}

/**
 * Drops and adds that look like renames, best first: in one table a dropped and an added column
 * of a compatible type, scored by type equality, position and name similarity; across tables a
 * dropped and an added table that share most columns. Each object appears in one candidate at most.
 */
export function renameCandidates(changes: readonly Change[], display: (namespace: string, name: string) => string): RenameCandidate[] {
  const out: RenameCandidate[] = [];
  const droppedTables = changes.flatMap((change) => (change.kind === 'table_dropped' ? [change] : []));
  const addedTables = changes.flatMap((change) => (change.kind === 'table_added' ? [change] : []));
  const tablePairs: Array<{ from: string; to: string; score: number }> = [];
  for (const dropped of droppedTables) {
    const before = new Set(dropped.columns.map((column) => column.name));
    for (const added of addedTables) {
      if (added.table.namespace !== dropped.table.namespace) continue;
      const after = added.columns;
      const shared = [...before].filter((name) => after.includes(name)).length;
      const overlap = shared / (before.size + after.length - shared || 1);
      const score = 0.7 * overlap + 0.3 * similarity(dropped.table.name, added.table.name);
      if (overlap >= 0.5 && score >= CANDIDATE_SCORE) tablePairs.push({ from: display(dropped.table.namespace, dropped.table.name), to: display(added.table.namespace, added.table.name), score });
    }
  }
  out.push(...bestPairs(tablePairs).map((pair) => ({ kind: 'table' as const, ...pair })));

  const byTable = new Map<string, { dropped: Column[]; added: Column[]; columns: number; name: string }>();
  for (const change of changes) {
    if (change.kind !== 'column_dropped' && change.kind !== 'column_added') continue;
    const key = qualified(change.table);
    const entry = byTable.get(key) ?? { dropped: [], added: [], columns: 0, name: display(change.table.namespace, change.table.name) };
    (change.kind === 'column_dropped' ? entry.dropped : entry.added).push(change.column);
    entry.columns = Math.max(entry.columns, change.column.ordinal);
    byTable.set(key, entry);
  }
  for (const entry of byTable.values()) {
    const pairs: Array<{ from: string; to: string; score: number }> = [];
    for (const old of entry.dropped) {
      for (const added of entry.added) {
        const type = sameType(old, added) && old.nullable === added.nullable ? 1 : old.family === added.family && typeDirection(old, added) === 'widened' ? 0.6 : 0;
        if (type === 0) continue;
        const position = 1 - Math.abs(old.ordinal - added.ordinal) / Math.max(entry.columns, 1);
        // The name weighs most: two unrelated columns of one type side by side are no rename.
        const score = 0.35 * type + 0.15 * position + 0.5 * similarity(old.name, added.name);
        if (score >= COLUMN_SCORE) pairs.push({ from: `${entry.name}.${old.name}`, to: `${entry.name}.${added.name}`, score });
      }
    }
    out.push(...bestPairs(pairs).map((pair) => ({ kind: 'column' as const, ...pair })));
  }
  return out;
}

/** Greedy matching, best score first (then by name): each side is used once. */
function bestPairs(pairs: Array<{ from: string; to: string; score: number }>): Array<{ from: string; to: string; score: number }> {
  pairs.sort((a, b) => b.score - a.score || (a.from < b.from ? -1 : a.from > b.from ? 1 : a.to < b.to ? -1 : 1));
  const usedFrom = new Set<string>();
  const usedTo = new Set<string>();
  const out: Array<{ from: string; to: string; score: number }> = [];
  for (const pair of pairs) {
    if (usedFrom.has(pair.from) || usedTo.has(pair.to)) continue;
    usedFrom.add(pair.from);
    usedTo.add(pair.to);
    out.push({ ...pair, score: Math.round(pair.score * 100) / 100 });
  }
  return out;
}

/**
 * 1 for equal names, falling with the edit distance relative to the longer one; a name that
 * contains the other (`bio` → `biography`, `nick` → `nickname`) counts as close.
 */
function similarity(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const longest = Math.max(x.length, y.length, 1);
  const edits = 1 - editDistance(x, y) / longest;
  return Math.min(x.length, y.length) >= 3 && (x.includes(y) || y.includes(x)) ? Math.max(edits, 0.8) : edits;
}
