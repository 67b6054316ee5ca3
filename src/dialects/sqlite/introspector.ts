import type { CheckConstraint, ForeignKey, Index, Table, TableTrait, UniqueConstraint, View } from '../../schema/model.js';
import { makeWarning, type Warning } from '../../schema/warnings.js';
import { groupBy } from '../../util/group-by.js';
import type { IntrospectionResult, IntrospectOptions } from '../dialect.js';
import { SQL_REFERENTIAL_ACTIONS } from '../referential-actions.js';
import { readCatalog } from './catalog.js';
import { ColumnReader } from './columns.js';
import type { SqliteDatabase } from './connect.js';
import { columnKey, parseCreateTable, parseInListCheck, type ParsedTable } from './ddl-parser.js';
import { parseDdl, type ParsedDdl } from './parsed-ddl.js';
import type { RawColumn, RawForeignKey, RawIndexColumn } from './raw-types.js';
import { foldName } from './sql-tokens.js';
import { nonNullViewColumns } from './view-columns.js';

/**
 * Reads one SQLite schema (namespace) into the model: the catalog rows give the facts SQLite
 * reports, the stored CREATE statements what it does not (names, expressions, AUTOINCREMENT).
 */
export function introspectNamespace(db: SqliteDatabase, namespace: string, options: IntrospectOptions): IntrospectionResult {
  const warnings: Warning[] = [];
  let step = 0;
  const progress = (phase: string): void => options.onProgress?.({ phase, done: ++step, total: 5 });
  const keep = (name: string): boolean => options.includeObject(namespace, name);
  const { objects, list, tableColumns, viewColumns, foreignKeys, indexColumns } = readCatalog(db, namespace, keep, warnings, progress);
  const ddl = parseDdl(objects, keep);

  const tables = list.filter((t) => t.type === 'table' && keep(t.name));
  const views = list.filter((t) => t.type === 'view' && keep(t.name));
  for (const entry of list) {
    if (entry.type === 'virtual' && keep(entry.name)) {
      warnings.push(makeWarning('VIRTUAL_TABLE_SKIPPED', `table ${namespace}.${entry.name}`));
    }
  }
  for (const trigger of objects) {
    if (trigger.type === 'trigger' && keep(trigger.tbl_name)) {
      warnings.push(
        makeWarning(
          'TRIGGER_NOT_MODELLED',
          `trigger ${namespace}.${trigger.name}`,
          `Trigger "${trigger.name}" on "${trigger.tbl_name}" is not modelled; generated code does not know what it changes.`,
        ),
      );
    }
  }
  // Parent tables of foreign keys, by folded name, to resolve implicit and differently-cased references.
  const byFoldedName = new Map(list.filter((t) => t.type === 'table').map((t) => [foldName(t.name), t.name]));
  const columnsByTable = (name: string): readonly RawColumn[] => tableColumns.get(name) ?? [];
  const columnReader = new ColumnReader(warnings);

  const modelTables: Table[] = tables.map((entry) => {
    const parsed = ddl.tables.get(entry.name) ?? parseCreateTable('');
    const raw = columnsByTable(entry.name);
    const traits: TableTrait[] = [];
    if (entry.wr === 1) traits.push('without_rowid');
    if (entry.strict === 1) traits.push('strict');
    const pkColumns = raw.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    const rowidAlias = rowidAliasOf(pkColumns, parsed, entry.wr === 1);
    const checks: CheckConstraint[] = parsed.checks.map((c) => ({ name: c.name, expression: c.expression }));
    const allowed = allowedValuesByColumn(parsed);
    const qualifiedTable = `${namespace}.${entry.name}`;
    return {
      namespace,
      name: entry.name,
      comment: null,
      columns: raw.map((c) =>
        columnReader.read(c, {
          parsed,
          identity: rowidAlias === c.name ? (parsed.columns.get(foldName(c.name))?.autoincrement ? 'auto_increment' : 'rowid') : null,
          // WITHOUT ROWID tables enforce NOT NULL on their key; rowid tables allow NULL in a non-alias key.
          forcedNotNull: rowidAlias === c.name || (entry.wr === 1 && c.pk > 0),
          allowedValues: allowed.get(foldName(c.name)) ?? null,
          owner: qualifiedTable,
        }),
      ),
      primaryKey: pkColumns.length > 0 ? { name: parsed.primaryKeyName, columns: pkColumns.map((c) => c.name) } : null,
      foreignKeys: toForeignKeys(foreignKeys.get(entry.name) ?? [], parsed, namespace, byFoldedName, columnsByTable, qualifiedTable, warnings),
      ...toIndexes(indexColumns.get(entry.name) ?? [], parsed, ddl, qualifiedTable, warnings),
      checks,
      traits,
    };
  });

  const nonNull = nonNullViewColumns(db, namespace, views.map((entry) => entry.name), objects, modelTables);
  const modelViews: View[] = views.map((entry) => ({
    namespace,
    name: entry.name,
    kind: 'view',
    comment: null,
    definition: ddl.viewDefinitions.get(entry.name) ?? null,
    columns: (viewColumns.get(entry.name) ?? []).map((c) =>
      columnReader.read(c, {
        parsed: null,
        identity: null,
        forcedNotNull: nonNull.get(entry.name)?.has(c.name) ?? false,
        allowedValues: null,
        owner: `${namespace}.${entry.name}`,
      }),
    ),
  }));
  progress('done');

  return {
    schema: { namespaces: [namespace], tables: modelTables, views: modelViews, enums: [], domains: [] },
    warnings,
  };
}

/** The column that aliases the rowid: a single-column `INTEGER PRIMARY KEY` of a rowid table. */
function rowidAliasOf(pkColumns: readonly RawColumn[], parsed: ParsedTable, withoutRowid: boolean): string | null {
  const [only, ...rest] = pkColumns;
  if (withoutRowid || only === undefined || rest.length > 0) return null;
  if (only.type.toUpperCase() !== 'INTEGER') return null;
  // A quirk kept for compatibility: a column-level `PRIMARY KEY DESC` does not alias the rowid.
  if (parsed.columns.get(foldName(only.name))?.primaryKeyDescending) return null;
  return only.name;
}

function allowedValuesByColumn(parsed: ParsedTable): Map<string, string[]> {
  const result = new Map<string, string[]>();
  for (const check of parsed.checks) {
    const inList = parseInListCheck(check.expression);
    if (inList !== null && !result.has(inList.column)) result.set(inList.column, inList.values);
  }
  return result;
}


function toForeignKeys(
  rows: readonly RawForeignKey[],
  parsed: ParsedTable,
  namespace: string,
  byFoldedName: ReadonlyMap<string, string>,
  columnsByTable: (name: string) => readonly RawColumn[],
  owner: string,
  warnings: Warning[],
): ForeignKey[] {
  const result: ForeignKey[] = [];
  for (const group of groupBy(rows, (row) => String(row.id)).values()) {
    const first = group[0] as RawForeignKey;
    const columns = group.map((row) => row.from);
    const parent = byFoldedName.get(foldName(first.table));
    const parentColumns = parent === undefined ? [] : columnsByTable(parent);
    const resolve = (name: string): string => {
      const folded = foldName(name);
      return parentColumns.find((c) => foldName(c.name) === folded)?.name ?? name;
    };
    const references = group.every((row) => row.to !== null)
      ? group.map((row) => resolve(row.to as string))
      : parentColumns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    if (parent === undefined || references.length !== columns.length) {
      warnings.push(
        makeWarning(
          'FOREIGN_KEY_TARGET_MISSING',
          `foreign key ${owner}(${columns.join(', ')})`,
          `The foreign key on ${owner}(${columns.join(', ')}) references "${first.table}", which has no matching table or key; it is left out.`,
        ),
      );
      continue;
    }
    const clause = parsed.foreignKeys.get(columnKey(columns));
    result.push({
      name: clause?.name ?? null,
      columns,
      references: { namespace, table: parent, columns: references },
      onDelete: SQL_REFERENTIAL_ACTIONS[first.on_delete.toUpperCase()] ?? 'no_action',
      onUpdate: SQL_REFERENTIAL_ACTIONS[first.on_update.toUpperCase()] ?? 'no_action',
      deferrable: clause?.deferrable ?? false,
      initiallyDeferred: clause?.initiallyDeferred ?? false,
    });
  }
  return result;
}

function toIndexes(
  rows: readonly RawIndexColumn[],
  parsed: ParsedTable,
  ddl: ParsedDdl,
  owner: string,
  warnings: Warning[],
): { indexes: Index[]; uniqueConstraints: UniqueConstraint[] } {
  const indexes: Index[] = [];
  const uniqueConstraints: UniqueConstraint[] = [];
  for (const group of groupBy(rows, (row) => row.index_name).values()) {
    const first = group[0] as RawIndexColumn;
    if (first.origin === 'pk') continue;
    if (first.origin === 'u') {
      const columns = group.map((row) => row.column_name ?? 'rowid');
      uniqueConstraints.push({ name: parsed.uniqueNames.get(columnKey(columns)) ?? null, columns });
      continue;
    }
    const needsSource = first.partial === 1 || group.some((row) => row.cid === -2);
    const source = needsSource ? ddl.index(first.index_name) : null;
    const parts = group.map((row, position) => {
      if (row.cid !== -2) return { column: row.column_name ?? 'rowid', expression: null, descending: row.desc === 1, prefixLength: null };
      const expression = source?.parts[position] ?? null;
      if (expression === null) {
        warnings.push(makeWarning('INDEX_EXPRESSION_UNREADABLE', `index ${owner}.${first.index_name}`));
      }
      return { column: null, expression: expression ?? '', descending: row.desc === 1, prefixLength: null };
    });
    indexes.push({
      name: first.index_name,
      parts,
      unique: first.unique === 1,
      predicate: first.partial === 1 ? (source?.predicate ?? null) : null,
      method: null,
    });
  }
  return { indexes, uniqueConstraints };
}
