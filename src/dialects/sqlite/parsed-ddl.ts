import { parseCreateIndex, parseCreateTable, parseViewDefinition, type ParsedIndex, type ParsedTable } from './ddl-parser.js';
import type { RawObject } from './raw-types.js';

/** What the stored CREATE statements of one namespace say, by object name. */
export interface ParsedDdl {
  readonly tables: ReadonlyMap<string, ParsedTable>;
  /** Index statements are parsed on demand: only expression and partial indexes need them. */
  index(name: string): ParsedIndex | null;
  readonly viewDefinitions: ReadonlyMap<string, string | null>;
}

/** Parses the statements of the tables and views to keep, and holds their indexes' statements. */
export function parseDdl(objects: readonly RawObject[], keep: (name: string) => boolean): ParsedDdl {
  const tables = new Map<string, ParsedTable>();
  const indexSql = new Map<string, string>();
  const viewDefinitions = new Map<string, string | null>();
  for (const object of objects) {
    if (object.sql === null || !keep(object.tbl_name)) continue;
    if (object.type === 'table') tables.set(object.name, parseCreateTable(object.sql));
    else if (object.type === 'index') indexSql.set(object.name, object.sql);
    else if (object.type === 'view') viewDefinitions.set(object.name, parseViewDefinition(object.sql));
  }
  const index = (name: string): ParsedIndex | null => {
    const sql = indexSql.get(name);
    return sql === undefined ? null : parseCreateIndex(sql);
  };
  return { tables, index, viewDefinitions };
}
