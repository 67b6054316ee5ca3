import type { Flavour } from './capabilities.js';
import type { MysqlConnection } from './connect.js';
import type {
  RawCheck,
  RawColumn,
  RawForeignKeyColumn,
  RawIndexColumn,
  RawReferentialConstraint,
  RawTable,
  RawTrigger,
  RawView,
} from './raw-types.js';

/**
 * The catalog queries: one per kind of object for all selected schemas, so 2,000 tables cost the
 * same queries as one. They ask `information_schema` for whole schemas (`TABLE_SCHEMA IN (…)`),
 * which MariaDB and MySQL answer by reading each table's definition once per query; per-table
 * `SHOW` statements would cost a round trip per table instead. Two columns are deliberately
 * left out where they are expensive: STATISTICS.CARDINALITY opens every table in the storage
 * engine. Every query has an ORDER BY.
 */

const SCHEMATA = `
SELECT SCHEMA_NAME AS name FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (?) ORDER BY SCHEMA_NAME`;

const TABLES = `
SELECT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS name, TABLE_TYPE AS type, ENGINE AS engine,
       TABLE_COLLATION AS collation, TABLE_COMMENT AS comment
FROM information_schema.TABLES
WHERE TABLE_SCHEMA IN (?)
ORDER BY TABLE_SCHEMA, TABLE_NAME`;

const COLUMNS = `
SELECT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS table_name, COLUMN_NAME AS name, ORDINAL_POSITION AS ordinal,
       COLUMN_DEFAULT AS \`default\`, IS_NULLABLE AS nullable, DATA_TYPE AS data_type, COLUMN_TYPE AS column_type,
       CHARACTER_MAXIMUM_LENGTH AS max_length, NUMERIC_PRECISION AS \`precision\`, NUMERIC_SCALE AS scale,
       DATETIME_PRECISION AS datetime_precision, COLLATION_NAME AS collation, EXTRA AS extra,
       COLUMN_COMMENT AS comment, GENERATION_EXPRESSION AS generation
FROM information_schema.COLUMNS
WHERE TABLE_SCHEMA IN (?)
ORDER BY TABLE_SCHEMA, TABLE_NAME, ORDINAL_POSITION`;

// MySQL 8 has functional key parts (EXPRESSION); MariaDB has no such column.
const indexColumnsOf = (flavour: Flavour): string => `
SELECT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS table_name, INDEX_NAME AS index_name, NON_UNIQUE AS non_unique,
       SEQ_IN_INDEX AS seq, COLUMN_NAME AS column_name, SUB_PART AS sub_part, INDEX_TYPE AS index_type,
       COLLATION AS direction, ${flavour === 'mysql' ? 'EXPRESSION' : 'NULL'} AS expression
FROM information_schema.STATISTICS
WHERE TABLE_SCHEMA IN (?)
ORDER BY TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`;

const FOREIGN_KEY_COLUMNS = `
SELECT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, COLUMN_NAME AS column_name,
       ORDINAL_POSITION AS position, REFERENCED_TABLE_SCHEMA AS ref_schema, REFERENCED_TABLE_NAME AS ref_table,
       REFERENCED_COLUMN_NAME AS ref_column
FROM information_schema.KEY_COLUMN_USAGE
WHERE TABLE_SCHEMA IN (?) AND REFERENCED_TABLE_NAME IS NOT NULL
ORDER BY TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`;

const REFERENTIAL_CONSTRAINTS = `
SELECT CONSTRAINT_SCHEMA AS \`schema\`, TABLE_NAME AS table_name, CONSTRAINT_NAME AS name,
       UPDATE_RULE AS update_rule, DELETE_RULE AS delete_rule
FROM information_schema.REFERENTIAL_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA IN (?)
ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME`;

// MariaDB names CHECKs per table (a column-level CHECK is named after its column) and says which
// table; MySQL names them per schema and leaves the table to TABLE_CONSTRAINTS.
const checksOf = (flavour: Flavour): string =>
  flavour === 'mariadb'
    ? `
SELECT CONSTRAINT_SCHEMA AS \`schema\`, TABLE_NAME AS table_name, CONSTRAINT_NAME AS name, CHECK_CLAUSE AS clause
FROM information_schema.CHECK_CONSTRAINTS
WHERE CONSTRAINT_SCHEMA IN (?)
ORDER BY CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME`
    : `
SELECT tc.TABLE_SCHEMA AS \`schema\`, tc.TABLE_NAME AS table_name, cc.CONSTRAINT_NAME AS name, cc.CHECK_CLAUSE AS clause
FROM information_schema.TABLE_CONSTRAINTS tc
JOIN information_schema.CHECK_CONSTRAINTS cc
  ON cc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND cc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
WHERE tc.TABLE_SCHEMA IN (?) AND tc.CONSTRAINT_TYPE = 'CHECK'
ORDER BY tc.TABLE_SCHEMA, tc.TABLE_NAME, cc.CONSTRAINT_NAME`;

const VIEWS = `
SELECT TABLE_SCHEMA AS \`schema\`, TABLE_NAME AS name, VIEW_DEFINITION AS definition
FROM information_schema.VIEWS
WHERE TABLE_SCHEMA IN (?)
ORDER BY TABLE_SCHEMA, TABLE_NAME`;

const TRIGGERS = `
SELECT TRIGGER_SCHEMA AS \`schema\`, EVENT_OBJECT_TABLE AS table_name, TRIGGER_NAME AS name
FROM information_schema.TRIGGERS
WHERE TRIGGER_SCHEMA IN (?)
ORDER BY TRIGGER_SCHEMA, EVENT_OBJECT_TABLE, TRIGGER_NAME`;

export interface MysqlCatalog {
  readonly tables: readonly RawTable[];
  readonly columns: readonly RawColumn[];
  readonly indexColumns: readonly RawIndexColumn[];
  readonly foreignKeyColumns: readonly RawForeignKeyColumn[];
  readonly referentialConstraints: readonly RawReferentialConstraint[];
  readonly checks: readonly RawCheck[];
  readonly views: readonly RawView[];
  readonly triggers: readonly RawTrigger[];
}

export const CATALOG_QUERY_COUNT = 9;

export async function existingSchemas(connection: MysqlConnection, namespaces: readonly string[]): Promise<string[]> {
  return (await connection.rows<{ name: string }>(SCHEMATA, [namespaces])).map((row) => row.name);
}

/**
 * Reads the catalog of the selected schemas. The queries are spread over the connections given
 * (the server answers them in parallel); results do not depend on how many there are.
 */
export async function readCatalog(
  connections: readonly [MysqlConnection, ...MysqlConnection[]],
  flavour: Flavour,
  checksReadable: boolean,
  namespaces: readonly string[],
  progress: (phase: string) => void,
): Promise<MysqlCatalog> {
  const lane = (index: number): MysqlConnection => connections[index % connections.length] as MysqlConnection;
  const read = async <T>(index: number, sql: string, phase: string): Promise<T[]> => {
    const rows = await lane(index).rows<T>(sql, [namespaces]);
    progress(phase);
    return rows;
  };
  // The two slowest queries (columns, index columns) go first on separate connections.
  const [columns, indexColumns, tables, foreignKeyColumns, referentialConstraints, checkRows, views, triggers] = await Promise.all([
    read<RawColumn>(0, COLUMNS, 'columns'),
    read<RawIndexColumn>(1, indexColumnsOf(flavour), 'indexes'),
    read<RawTable>(0, TABLES, 'tables'),
    read<RawForeignKeyColumn>(1, FOREIGN_KEY_COLUMNS, 'foreign keys'),
    read<RawReferentialConstraint>(0, REFERENTIAL_CONSTRAINTS, 'foreign key actions'),
    checksReadable ? read<RawCheck>(1, checksOf(flavour), 'checks') : Promise.resolve([]),
    read<RawView>(0, VIEWS, 'views'),
    read<RawTrigger>(1, TRIGGERS, 'triggers'),
  ]);
  return { tables, columns, indexColumns, foreignKeyColumns, referentialConstraints, checks: checkRows, views, triggers };
}
