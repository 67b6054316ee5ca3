import type {
  CheckConstraint,
  Column,
  ColumnDefault,
  ForeignKey,
  IdentityKind,
  Index,
  ReferentialAction,
  Table,
  TableTrait,
  UniqueConstraint,
  View,
} from '../../schema/model.js';
import { makeWarning, type Warning } from '../../schema/warnings.js';
import type { IntrospectionResult, IntrospectOptions } from '../dialect.js';
import type { SqliteDatabase } from './connect.js';
import { columnKey, parseCreateIndex, parseCreateTable, parseInListCheck, parseViewDefinition, type ParsedTable } from './ddl-parser.js';
import type { RawColumn, RawForeignKey, RawIndexColumn, RawObject, RawTableListEntry } from './raw-types.js';
import { foldName } from './sql-tokens.js';
import { AFFINITY_FAMILY, affinityOf, parseDeclaredType, SQLITE_TYPE_MAP } from './type-map.js';

/**
 * Reads one SQLite schema (namespace) with a fixed number of catalog queries: the table-valued
 * pragma functions are joined against `pragma_table_list`, so 2,000 tables cost the same five
 * statements as one.
 */
export function introspectNamespace(db: SqliteDatabase, namespace: string, options: IntrospectOptions): IntrospectionResult {
  const warnings: Warning[] = [];
  const progress = (phase: string, done: number): void => options.onProgress?.({ phase, done, total: 5 });
  const quoted = quoteIdentifier(namespace);

  const objects = db
    .prepare(`SELECT type, name, tbl_name, sql FROM ${quoted}.sqlite_schema ORDER BY type, name`)
    .all() as RawObject[];
  const list = db
    .prepare(`SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = ? AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`)
    .all(namespace) as RawTableListEntry[];
  progress('objects', 1);

  const sqlOf = new Map(objects.filter((o) => o.type === 'table' || o.type === 'view').map((o) => [o.name, o.sql ?? '']));
  const keep = (name: string): boolean => options.includeObject(namespace, name);
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

  const tableColumns = groupBy(
    db
      .prepare(
        `SELECT tl.name AS table_name, c.cid, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
         FROM pragma_table_list AS tl, pragma_table_xinfo(tl.name, tl.schema) AS c
         WHERE tl.schema = ? AND tl.type = 'table' AND tl.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
         ORDER BY tl.name, c.cid`,
      )
      .all(namespace) as RawColumn[],
  );
  const viewColumns = readViewColumns(db, namespace, views, warnings);
  progress('columns', 2);

  const foreignKeys = groupBy(
    db
      .prepare(
        `SELECT tl.name AS table_name, f.id, f.seq, f."table", f."from", f."to", f.on_update, f.on_delete
         FROM pragma_table_list AS tl, pragma_foreign_key_list(tl.name, tl.schema) AS f
         WHERE tl.schema = ? AND tl.type = 'table'
         ORDER BY tl.name, f.id, f.seq`,
      )
      .all(namespace) as RawForeignKey[],
  );
  progress('foreign keys', 3);

  const indexColumns = groupBy(
    db
      .prepare(
        `SELECT tl.name AS table_name, il.name AS index_name, il."unique", il.origin, il.partial,
                ix.seqno, ix.cid, ix.name AS column_name, ix."desc"
         FROM pragma_table_list AS tl, pragma_index_list(tl.name, tl.schema) AS il,
              pragma_index_xinfo(il.name, tl.schema) AS ix
         WHERE tl.schema = ? AND tl.type = 'table' AND ix.key = 1
         ORDER BY tl.name, il.name, ix.seqno`,
      )
      .all(namespace) as RawIndexColumn[],
  );
  const indexSql = new Map(objects.filter((o) => o.type === 'index' && o.sql !== null).map((o) => [o.name, o.sql as string]));
  progress('indexes', 4);

  // Parent tables of foreign keys, by folded name, to resolve implicit and differently-cased references.
  const byFoldedName = new Map(list.filter((t) => t.type === 'table').map((t) => [foldName(t.name), t.name]));
  const columnsByTable = (name: string): readonly RawColumn[] => tableColumns.get(name) ?? [];

  const modelTables: Table[] = tables.map((entry) => {
    const parsed = parseCreateTable(sqlOf.get(entry.name) ?? '');
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
        toColumn(c, {
          parsed,
          identity: rowidAlias === c.name ? (parsed.columns.get(foldName(c.name))?.autoincrement ? 'auto_increment' : 'rowid') : null,
          // WITHOUT ROWID tables enforce NOT NULL on their key; rowid tables allow NULL in a non-alias key.
          forcedNotNull: rowidAlias === c.name || (entry.wr === 1 && c.pk > 0),
          allowedValues: allowed.get(foldName(c.name)) ?? null,
          owner: qualifiedTable,
          warnings,
        }),
      ),
      primaryKey: pkColumns.length > 0 ? { name: parsed.primaryKeyName, columns: pkColumns.map((c) => c.name) } : null,
      foreignKeys: toForeignKeys(foreignKeys.get(entry.name) ?? [], parsed, namespace, byFoldedName, columnsByTable, qualifiedTable, warnings),
      ...toIndexes(indexColumns.get(entry.name) ?? [], parsed, indexSql, qualifiedTable, warnings),
      checks,
      traits,
    };
  });

  const modelViews: View[] = views.map((entry) => ({
    namespace,
    name: entry.name,
    kind: 'view',
    comment: null,
    definition: parseViewDefinition(sqlOf.get(entry.name) ?? ''),
    columns: (viewColumns.get(entry.name) ?? []).map((c) =>
      toColumn(c, { parsed: null, identity: null, forcedNotNull: false, allowedValues: null, owner: `${namespace}.${entry.name}`, warnings }),
    ),
  }));
  progress('done', 5);

  return {
    schema: { namespaces: [namespace], tables: modelTables, views: modelViews, enums: [], domains: [] },
    warnings,
  };
}

/**
 * View columns in one query; a view whose definition no longer compiles (it names a dropped
 * table) would fail that query, so on failure each view is read alone and broken ones are reported.
 */
function readViewColumns(
  db: SqliteDatabase,
  namespace: string,
  views: readonly RawTableListEntry[],
  warnings: Warning[],
): Map<string, RawColumn[]> {
  if (views.length === 0) return new Map();
  const all = `SELECT tl.name AS table_name, c.cid, c.name, c.type, c."notnull", c.dflt_value, c.pk, c.hidden
               FROM pragma_table_list AS tl, pragma_table_xinfo(tl.name, tl.schema) AS c
               WHERE tl.schema = ? AND tl.type = 'view' ORDER BY tl.name, c.cid`;
  try {
    return groupBy(db.prepare(all).all(namespace) as RawColumn[]);
  } catch {
    const result = new Map<string, RawColumn[]>();
    const one = db.prepare(
      `SELECT ? AS table_name, cid, name, type, "notnull", dflt_value, pk, hidden FROM pragma_table_xinfo(?, ?) ORDER BY cid`,
    );
    for (const view of views) {
      try {
        result.set(view.name, one.all(view.name, view.name, namespace) as RawColumn[]);
      } catch (error) {
        warnings.push(
          makeWarning('VIEW_UNREADABLE', `view ${namespace}.${view.name}`, `View "${view.name}" cannot be read: ${(error as Error).message}.`),
        );
      }
    }
    return result;
  }
}

interface ColumnContext {
  readonly parsed: ParsedTable | null;
  readonly identity: IdentityKind | null;
  readonly forcedNotNull: boolean;
  readonly allowedValues: readonly string[] | null;
  readonly owner: string;
  readonly warnings: Warning[];
}

function toColumn(raw: RawColumn, context: ColumnContext): Column {
  const declared = parseDeclaredType(raw.type);
  const affinity = affinityOf(raw.type);
  let family = SQLITE_TYPE_MAP[declared.base];
  if (family === undefined) {
    family = AFFINITY_FAMILY[affinity];
    context.warnings.push(
      makeWarning(
        'UNKNOWN_TYPE',
        `column ${context.owner}.${raw.name}`,
        `Type "${raw.type}" is not in the SQLite type map; typed by its ${affinity} affinity as ${family}.`,
      ),
    );
  }
  const parsed = context.parsed?.columns.get(foldName(raw.name));
  const [first = null, second = null] = declared.params;
  const sized = family === 'text' || family === 'binary';
  const generatedExpression = parsed?.generated ?? null;
  return {
    name: raw.name,
    ordinal: raw.cid + 1,
    nativeType: raw.type,
    family,
    affinity,
    nullable: raw.notnull === 0 && !context.forcedNotNull,
    default: context.identity === null ? toDefault(raw.dflt_value) : null,
    identity: context.identity,
    generated:
      raw.hidden === 2 || raw.hidden === 3
        ? { expression: generatedExpression ?? '', storage: raw.hidden === 3 ? 'stored' : 'virtual' }
        : null,
    enumRef: null,
    allowedValues: context.allowedValues,
    arrayDimensions: 0,
    length: sized ? first : null,
    precision: sized ? null : first,
    scale: family === 'decimal' ? second : null,
    unsigned: declared.unsigned,
    collation: parsed?.collation ?? null,
    comment: null,
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

const LITERAL_DEFAULT = /^([-+]?(\d|\.\d)|'|x'|null$|true$|false$)/i;
const FUNCTION_DEFAULT = /^(current_timestamp|current_date|current_time)$|^[a-z_][a-z0-9_]*\s*\(/i;

function toDefault(raw: string | null): ColumnDefault | null {
  if (raw === null) return null;
  let inner = raw.trim();
  while (inner.startsWith('(') && inner.endsWith(')')) inner = inner.slice(1, -1).trim();
  if (LITERAL_DEFAULT.test(inner) && !/[|+*/<>=]/.test(inner.replace(/'[^']*'/g, '').replace(/^[-+]/, ''))) {
    return { raw, kind: 'literal' };
  }
  return { raw, kind: FUNCTION_DEFAULT.test(inner) ? 'function' : 'expression' };
}

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  'NO ACTION': 'no_action',
  RESTRICT: 'restrict',
  CASCADE: 'cascade',
  'SET NULL': 'set_null',
  'SET DEFAULT': 'set_default',
};

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
    const resolve = (name: string): string => parentColumns.find((c) => foldName(c.name) === foldName(name))?.name ?? name;
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
    result.push({
      name: parsed.foreignKeyNames.get(columnKey(columns)) ?? null,
      columns,
      references: { namespace, table: parent, columns: references },
      onDelete: ACTIONS[first.on_delete.toUpperCase()] ?? 'no_action',
      onUpdate: ACTIONS[first.on_update.toUpperCase()] ?? 'no_action',
    });
  }
  return result;
}

function toIndexes(
  rows: readonly RawIndexColumn[],
  parsed: ParsedTable,
  indexSql: ReadonlyMap<string, string>,
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
    const sql = indexSql.get(first.index_name);
    const source = sql === undefined ? null : parseCreateIndex(sql);
    const parts = group.map((row, position) => {
      if (row.cid !== -2) return { column: row.column_name ?? 'rowid', expression: null, descending: row.desc === 1 };
      const expression = source?.parts[position] ?? null;
      if (expression === null) {
        warnings.push(makeWarning('INDEX_EXPRESSION_UNREADABLE', `index ${owner}.${first.index_name}`));
      }
      return { column: null, expression: expression ?? '', descending: row.desc === 1 };
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

function groupBy<T extends { readonly table_name: string }>(rows: readonly T[]): Map<string, T[]>;
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]>;
function groupBy<T>(rows: readonly T[], key?: (row: T) => string): Map<string, T[]> {
  const keyOf = key ?? ((row: T) => (row as { table_name: string }).table_name);
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [row]);
    else group.push(row);
  }
  return groups;
}

/** Double-quotes an identifier for interpolation into SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
