import type { Table } from '../../schema/model.js';
import type { SqliteDatabase } from './connect.js';
import type { RawObject } from './raw-types.js';
import { doubleQuoted } from '../quoting.js';
import { foldName, tokenize } from './sql-tokens.js';

// Words that let a query produce nulls in columns whose origin cannot hold one.
const NULLING = new Set(['LEFT', 'RIGHT', 'FULL', 'OUTER', 'UNION', 'EXCEPT', 'INTERSECT']);

/**
 * SQLite reports every view column as nullable. It does know where each result column comes from
 * (`sqlite3_column_origin_name`, through nested views), so a column whose origin is a NOT NULL
 * table column is non-null when no view on the way can add nulls: each is a single SELECT
 * without outer joins or compound operators. Returns, per view, its non-null column names.
 */
export function nonNullViewColumns(
  db: SqliteDatabase,
  namespace: string,
  views: readonly string[],
  objects: readonly RawObject[],
  tables: readonly Table[],
): Map<string, Set<string>> {
  const notNull = new Set<string>();
  for (const table of tables) {
    for (const column of table.columns) if (!column.nullable) notNull.add(`${table.name}\0${column.name}`);
  }
  const simple = new SimpleViews(objects);
  const result = new Map<string, Set<string>>();
  for (const view of views) {
    if (!simple.isSimple(view)) continue;
    let origins;
    try {
      origins = db.prepare(`SELECT * FROM ${doubleQuoted(namespace)}.${doubleQuoted(view)}`).columns();
    } catch {
      continue; // A view that no longer compiles is reported by the catalog reader.
    }
    const names = new Set<string>();
    for (const origin of origins) {
      if (origin.database === namespace && notNull.has(`${origin.table}\0${origin.column}`)) names.add(origin.name);
    }
    result.set(view, names);
  }
  return result;
}

/** Decides, once per view, whether it and every view it reads are free of null-producing clauses. */
class SimpleViews {
  private readonly sql = new Map<string, string>();
  private readonly decided = new Map<string, boolean>();

  constructor(objects: readonly RawObject[]) {
    for (const object of objects) if (object.type === 'view' && object.sql !== null) this.sql.set(foldName(object.name), object.sql);
  }

  isSimple(name: string): boolean {
    const key = foldName(name);
    const known = this.decided.get(key);
    if (known !== undefined) return known;
    this.decided.set(key, false); // A view cannot read itself; this also ends any cycle.
    const sql = this.sql.get(key);
    let simple = sql !== undefined;
    if (sql !== undefined) {
      const tokens = tokenize(sql);
      simple =
        tokens.filter((token) => token.keyword === 'SELECT').length === 1 &&
        !tokens.some((token) => NULLING.has(token.keyword)) &&
        tokens.every((token) => {
          const other = token.kind === 'word' || token.kind === 'quoted' ? foldName(token.value) : null;
          return other === null || other === key || !this.sql.has(other) || this.isSimple(other);
        });
    }
    this.decided.set(key, simple);
    return simple;
  }
}
