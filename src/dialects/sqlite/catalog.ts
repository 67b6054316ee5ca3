import { causeText } from '../../runtime/errors/crudgen-error.js';
import { makeWarning, type Warning } from '../../schema/warnings.js';
import { groupBy } from '../../util/group-by.js';
import type { SqliteDatabase } from './connect.js';
import { doubleQuoted } from '../quoting.js';
import type { RawColumn, RawForeignKey, RawIndexColumn, RawObject, RawTableListEntry } from './raw-types.js';

/** Everything one namespace's catalog says, as raw rows grouped by table. */
export interface SqliteCatalog {
  readonly objects: readonly RawObject[];
  readonly list: readonly RawTableListEntry[];
  readonly tableColumns: ReadonlyMap<string, RawColumn[]>;
  readonly viewColumns: ReadonlyMap<string, RawColumn[]>;
  readonly foreignKeys: ReadonlyMap<string, RawForeignKey[]>;
  readonly indexColumns: ReadonlyMap<string, RawIndexColumn[]>;
}

/**
 * Reads one namespace with a fixed number of statements: the table-valued pragma functions are
 * joined against `pragma_table_list`, so 2,000 tables cost the same six queries as one. Every
 * query has an ORDER BY.
 */
export function readCatalog(
  db: SqliteDatabase,
  namespace: string,
  keep: (name: string) => boolean,
  warnings: Warning[],
  progress: (phase: string) => void,
): SqliteCatalog {
  const objects = readObjects(db, doubleQuoted(namespace));
  const list = db
    .prepare(`SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = ? AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`)
    .all(namespace) as RawTableListEntry[];
  progress('objects');

  const tableColumns = groupByTable(
    allRows(
      db,
      `SELECT tl.name AS table_name, ${PACKED_COLUMN_NUMBERS}, c.name, c.type, c.dflt_value
       FROM pragma_table_list AS tl, pragma_table_xinfo(tl.name, tl.schema) AS c
       WHERE tl.schema = ? AND tl.type = 'table' AND tl.name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
       ORDER BY tl.name, c.cid`,
      [namespace],
      toRawColumn,
    ),
  );
  const viewColumns = readViewColumns(db, namespace, list.filter((t) => t.type === 'view' && keep(t.name)), warnings);
  progress('columns');

  const foreignKeys = groupByTable(
    allRows(
      db,
      `SELECT tl.name AS table_name, f.id, f.seq, f."table", f."from", f."to", f.on_update, f.on_delete
       FROM pragma_table_list AS tl, pragma_foreign_key_list(tl.name, tl.schema) AS f
       WHERE tl.schema = ? AND tl.type = 'table'
       ORDER BY tl.name, f.id, f.seq`,
      [namespace],
      toRawForeignKey,
    ),
  );
  progress('foreign keys');

  const indexColumns = groupByTable(
    allRows(
      db,
      `SELECT tl.name AS table_name, il.name AS index_name, il."unique", il.origin, il.partial,
              ix.seqno, ix.cid, ix.name AS column_name, ix."desc"
       FROM pragma_table_list AS tl, pragma_index_list(tl.name, tl.schema) AS il,
            pragma_index_xinfo(il.name, tl.schema) AS ix
       WHERE tl.schema = ? AND tl.type = 'table' AND ix.key = 1
       ORDER BY tl.name, il.name, ix.seqno`,
      [namespace],
      toRawIndexColumn,
    ),
  );
  progress('indexes');
  return { objects, list, tableColumns, viewColumns, foreignKeys, indexColumns };
}

/** Every schema object with its stored CREATE statement. */
function readObjects(db: SqliteDatabase, quotedNamespace: string): RawObject[] {
  return allRows(db, `SELECT type, name, tbl_name, sql FROM ${quotedNamespace}.sqlite_schema ORDER BY type, name`, [], toRawObject);
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
  const all = `SELECT tl.name AS table_name, ${PACKED_COLUMN_NUMBERS}, c.name, c.type, c.dflt_value
               FROM pragma_table_list AS tl, pragma_table_xinfo(tl.name, tl.schema) AS c
               WHERE tl.schema = ? AND tl.type = 'view' ORDER BY tl.name, c.cid`;
  try {
    return groupByTable(allRows(db, all, [namespace], toRawColumn));
  } catch {
    const result = new Map<string, RawColumn[]>();
    const one = db.prepare(
      `SELECT ? AS table_name, ${PACKED_COLUMN_NUMBERS}, c.name, c.type, c.dflt_value FROM pragma_table_xinfo(?, ?) AS c ORDER BY c.cid`,
    );
    for (const view of views) {
      try {
        result.set(view.name, (one.raw(true).all(view.name, view.name, namespace) as unknown[][]).map((row) => toRawColumn(row)));
      } catch (error) {
        warnings.push(
          makeWarning('VIEW_UNREADABLE', `view ${namespace}.${view.name}`, `View "${view.name}" cannot be read: ${causeText(error)}.`),
        );
      }
    }
    return result;
  }
}

/**
 * Runs a catalog query and builds its row objects here: better-sqlite3 returns rows as arrays
 * much faster than as objects, and an object literal per row costs next to nothing.
 */
function allRows<T>(db: SqliteDatabase, sql: string, params: readonly unknown[], build: (row: readonly unknown[]) => T): T[] {
  const rows = db.prepare(sql).raw(true).all(...params) as unknown[][];
  return rows.map((row) => build(row));
}

// Builders for allRows, in the column order of their queries.
function toRawObject(row: readonly unknown[]): RawObject {
  return { type: row[0] as RawObject['type'], name: row[1] as string, tbl_name: row[2] as string, sql: row[3] as string | null };
}

/**
 * A column's cid, pk, notnull and hidden travel as one integer: better-sqlite3 spends about as
 * long handing over each value as SQLite spends producing it, and a 2,000-table schema has
 * 27,000 columns. Bits 0–1 hold hidden (0–3), bit 2 notnull, bits 3–18 cid and the rest pk
 * (both below 32,768, SQLite's column limit); the pk part passes 32 bits, so it is divided out.
 */
const PACKED_COLUMN_NUMBERS = 'c.hidden + 4 * c."notnull" + 8 * c.cid + 524288 * c.pk AS packed';

function toRawColumn(row: readonly unknown[]): RawColumn {
  const packed = row[1] as number;
  const low = packed % 524288;
  return {
    table_name: row[0] as string,
    cid: low >> 3,
    name: row[2] as string,
    type: row[3] as string,
    notnull: (low >> 2) & 1,
    dflt_value: row[4] as string | null,
    pk: (packed - low) / 524288,
    hidden: low & 3,
  };
}

function toRawForeignKey(row: readonly unknown[]): RawForeignKey {
  return {
    table_name: row[0] as string,
    id: row[1] as number,
    seq: row[2] as number,
    table: row[3] as string,
    from: row[4] as string,
    to: row[5] as string | null,
    on_update: row[6] as string,
    on_delete: row[7] as string,
  };
}

function toRawIndexColumn(row: readonly unknown[]): RawIndexColumn {
  return {
    table_name: row[0] as string,
    index_name: row[1] as string,
    unique: row[2] as number,
    origin: row[3] as RawIndexColumn['origin'],
    partial: row[4] as number,
    seqno: row[5] as number,
    cid: row[6] as number,
    column_name: row[7] as string | null,
    desc: row[8] as number,
  };
}

/** Groups catalog rows by the table they belong to. */
function groupByTable<T extends { readonly table_name: string }>(rows: readonly T[]): Map<string, T[]> {
  return groupBy(rows, (row) => row.table_name);
}
