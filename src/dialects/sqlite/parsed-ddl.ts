import { parseCreateIndex, parseCreateTable, parseViewDefinition, type ParsedIndex, type ParsedTable } from './ddl-parser.js';
import type { RawObject } from './raw-types.js';

/** What the stored CREATE statements of one namespace say, by object name. */
export interface ParsedDdl {
  readonly tables: ReadonlyMap<string, ParsedTable>;
  readonly indexes: ReadonlyMap<string, ParsedIndex>;
  readonly viewDefinitions: ReadonlyMap<string, string | null>;
}

/** Parses the statements of the tables and views to keep, and of their indexes. */
export function parseDdl(objects: readonly RawObject[], keep: (name: string) => boolean): ParsedDdl {
  const tables = new Map<string, ParsedTable>();
  const indexes = new Map<string, ParsedIndex>();
  const viewDefinitions = new Map<string, string | null>();
  for (const object of objects) {
    if (object.sql === null || !keep(object.tbl_name)) continue;
    if (object.type === 'table') tables.set(object.name, parseCreateTable(object.sql));
    else if (object.type === 'index') indexes.set(object.name, parseCreateIndex(object.sql));
    else if (object.type === 'view') viewDefinitions.set(object.name, parseViewDefinition(object.sql));
  }
  return { tables, indexes, viewDefinitions };
}
