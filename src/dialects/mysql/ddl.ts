import type { Change, ObjectName } from '../../diff/changes.js';
import type { MigrationContext } from '../dialect.js';
import type { CheckConstraint, Column, ForeignKey, Index, ReferentialAction, Table, UniqueConstraint } from '../../schema/model.js';
import { atLeast } from '../version.js';
import { REFERENTIAL_ACTION_SQL } from '../referential-actions.js';

/** The server a migration is written for, and the database its connection uses. */
export interface DdlTarget {
  readonly mariadb: boolean;
  readonly version: string;
  /** Tables in this namespace are written unqualified; others as `db`.`table`. */
  readonly home: string | null;
}

export function ddlTarget(context: MigrationContext): DdlTarget {
  const namespaces = context.to.namespaces.length > 0 ? context.to.namespaces : context.from.namespaces;
  return { mariadb: context.server.flavour === 'mariadb', version: context.server.version, home: namespaces.length === 1 ? (namespaces[0] as string) : null };
}

/** Whether the server is at least the given MariaDB or MySQL version (`[major, minor, patch]`). */
export function since(target: DdlTarget, mariadb: readonly [number, number, number], mysql: readonly [number, number, number]): boolean {
  const [major, minor, patch] = target.mariadb ? mariadb : mysql;
  return atLeast(target.version, major, minor, patch);
}

export function ident(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

function identList(names: readonly string[]): string {
  return names.map(ident).join(', ');
}

// Backslash escapes in string literals unless the session sets NO_BACKSLASH_ESCAPES (off by default).
export function literal(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
}

export function tableName(target: DdlTarget, table: ObjectName): string {
  return table.namespace === target.home ? ident(table.name) : `${ident(table.namespace)}.${ident(table.name)}`;
}

/**
 * The whole definition of a column, as MODIFY, CHANGE, ADD and CREATE TABLE need it. The model
 * records no ON UPDATE, INVISIBLE or character set apart from the collation: those are not restated.
 */
export function columnDefinition(target: DdlTarget, column: Column): string {
  const parts = [ident(column.name), column.nativeType];
  if (column.collation !== null) parts.push(`COLLATE ${column.collation}`);
  if (column.generated !== null) {
    parts.push(`AS (${column.generated.expression}) ${column.generated.storage === 'stored' ? 'STORED' : 'VIRTUAL'}`);
    // MariaDB rejects NULL / NOT NULL on a generated column.
    if (!target.mariadb) parts.push(column.nullable ? 'NULL' : 'NOT NULL');
  } else {
    // Stated even when NULL: an old-style TIMESTAMP column would otherwise become NOT NULL.
    parts.push(column.nullable ? 'NULL' : 'NOT NULL');
    if (column.default !== null) parts.push(`DEFAULT ${defaultSql(target, column)}`);
    if (column.identity !== null) parts.push('AUTO_INCREMENT');
  }
  if (column.comment !== null) parts.push(`COMMENT ${literal(column.comment)}`);
  return parts.join(' ');
}

// MySQL 8 accepts a default of these types only as an expression in parentheses.
const EXPRESSION_DEFAULT_ONLY = /^(tiny|medium|long)?(text|blob)\b|^json\b|^(geometry|point|linestring|polygon|multi|geometrycollection|geomcollection)/i;

function defaultSql(target: DdlTarget, column: Column): string {
  const value = column.default;
  if (value === null) return 'NULL';
  const parenthesise = value.kind === 'expression' || (!target.mariadb && EXPRESSION_DEFAULT_ONLY.test(column.nativeType));
  return parenthesise && !parenthesised(value.raw) ? `(${value.raw})` : value.raw;
}

/** Whether the whole text is one parenthesised group (quotes skipped), so it needs no more. */
function parenthesised(sql: string): boolean {
  if (!sql.startsWith('(')) return false;
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < sql.length; i++) {
    const char = sql[i] as string;
    if (quote !== null) {
      if (char === '\\') i++;
      else if (char === quote) quote = null;
    } else if (char === "'" || char === '"' || char === '`') quote = char;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return i === sql.length - 1;
  }
  return false;
}

function primaryKeyDefinition(columns: readonly string[]): string {
  return `PRIMARY KEY (${identList(columns)})`;
}

/** A unique constraint is a unique index in MySQL: its name is the index's. */
function uniqueDefinition(unique: UniqueConstraint): string {
  return `${unique.name === null ? '' : `CONSTRAINT ${ident(unique.name)} `}UNIQUE (${identList(unique.columns)})`;
}

function indexDefinition(index: Index): string {
  const kind = index.method === 'fulltext' ? 'FULLTEXT ' : index.method === 'spatial' ? 'SPATIAL ' : index.unique ? 'UNIQUE ' : '';
  const parts = index.parts.map((part) => {
    // MySQL 8 functional key parts are written in their own parentheses.
    const key = part.column === null ? `(${part.expression ?? ''})` : `${ident(part.column)}${part.prefixLength === null ? '' : `(${part.prefixLength})`}`;
    return part.descending ? `${key} DESC` : key;
  });
  // HASH: MariaDB's unique index over long values, or a MEMORY table's index.
  const using = index.method === 'hash' ? ' USING HASH' : '';
  return `${kind}INDEX ${ident(index.name)} (${parts.join(', ')})${using}`;
}

function checkDefinition(check: CheckConstraint): string {
  return `${check.name === null ? '' : `CONSTRAINT ${ident(check.name)} `}CHECK (${check.expression})`;
}


export function foreignKeyDefinition(target: DdlTarget, key: ForeignKey): string {
  const parent = tableName(target, { namespace: key.references.namespace, name: key.references.table });
  // The server's own default is left out: MariaDB reports it as RESTRICT, MySQL as NO ACTION, and
  // MariaDB's in-place ADD (foreign_key_checks=0) records an explicit RESTRICT as NO ACTION.
  const implicit: ReferentialAction = target.mariadb ? 'restrict' : 'no_action';
  const actions = (['DELETE', 'UPDATE'] as const).flatMap((event) => {
    const action = event === 'DELETE' ? key.onDelete : key.onUpdate;
    return action === implicit ? [] : [` ON ${event} ${REFERENTIAL_ACTION_SQL[action]}`];
  });
  return `${key.name === null ? '' : `CONSTRAINT ${ident(key.name)} `}FOREIGN KEY (${identList(key.columns)}) REFERENCES ${parent} (${identList(key.references.columns)})${actions.join('')}`;
}

/** MySQL 8.0.16 drops a CHECK with DROP CHECK (DROP CONSTRAINT only from 8.0.19); MariaDB with DROP CONSTRAINT. */
function dropCheck(target: DdlTarget, name: string): string {
  return `${target.mariadb ? 'DROP CONSTRAINT' : 'DROP CHECK'} ${ident(name)}`;
}

/** CREATE TABLE without foreign keys: those are added once every new table exists. */
export function createTable(target: DdlTarget, table: Table): string {
  const lines = [
    ...table.columns.map((column) => columnDefinition(target, column)),
    ...(table.primaryKey === null ? [] : [primaryKeyDefinition(table.primaryKey.columns)]),
    ...table.uniqueConstraints.map(uniqueDefinition),
    ...table.indexes.map(indexDefinition),
    ...table.checks.map(checkDefinition),
  ];
  const options = [
    ...(table.comment === null ? [] : [` COMMENT=${literal(table.comment)}`]),
    ...(table.traits.includes('system_versioned') ? [' WITH SYSTEM VERSIONING'] : []),
  ];
  return `CREATE TABLE ${tableName(target, table)} (\n  ${lines.join(',\n  ')}\n)${options.join('')};`;
}

/** How InnoDB runs an ALTER TABLE clause, cheapest first; a statement runs as its dearest clause. */
export const COSTS = ['instant', 'inplace', 'rebuild', 'locked', 'copy'] as const;
type Cost = (typeof COSTS)[number];

export interface Clause {
  readonly sql: string;
  readonly cost: Cost;
  /** What makes it cost that, for warnings ("the type of `code`"). */
  readonly why: string;
}

/**
 * The clauses of one ALTER TABLE that make a table's own changes (not its foreign keys): drops of
 * checks, indexes and keys first, then columns (every change to one column in one MODIFY or CHANGE,
 * restated from `after`), then new keys, indexes, checks and the comment.
 */
export function alterClauses(target: DdlTarget, changes: readonly Change[], before: Table, after: Table): Clause[] {
  const drops: Clause[] = [];
  const columns: Clause[] = [];
  const removed: Clause[] = [];
  const keys: Clause[] = [];
  const byColumn = new Map<string, Change[]>();
  const added = new Set<string>();
  // ALGORITHM=INSTANT exists from MariaDB 10.3.2 and MySQL 8.0.12; before, the same work is in place.
  const instant = since(target, [10, 3, 2], [8, 0, 12]);
  const clause = (list: Clause[], sql: string, cost: Cost, why = ''): void => void list.push({ sql, cost: cost === 'instant' && !instant ? 'inplace' : cost, why });
  for (const change of changes) {
    const column = columnOf(change);
    if (column !== null) byColumn.set(column, [...(byColumn.get(column) ?? []), change]);
    else if (change.kind === 'column_added') added.add(change.column.name);
    else if (change.kind === 'column_dropped') clause(removed, `DROP COLUMN ${ident(change.column.name)}`, since(target, [10, 4, 0], [8, 0, 29]) ? 'instant' : 'rebuild', `dropping ${ident(change.column.name)}`);
    else if (change.kind === 'check_dropped' && change.check.name !== null) clause(drops, dropCheck(target, change.check.name), 'instant');
    else if (change.kind === 'unique_dropped' && change.unique.name !== null) clause(drops, `DROP INDEX ${ident(change.unique.name)}`, 'inplace');
    else if (change.kind === 'index_dropped') clause(drops, `DROP INDEX ${ident(change.index.name)}`, 'inplace');
    else if (change.kind === 'primary_key_dropped') clause(drops, 'DROP PRIMARY KEY', 'copy', 'dropping the primary key');
    else if (change.kind === 'primary_key_changed' || change.kind === 'primary_key_added') {
      if (change.kind === 'primary_key_changed') clause(drops, 'DROP PRIMARY KEY', 'rebuild');
      clause(keys, `ADD ${primaryKeyDefinition(change.columns)}`, 'rebuild', 'the primary key');
    } else if (change.kind === 'unique_added') clause(keys, `ADD ${uniqueDefinition(change.unique)}`, 'inplace');
    else if (change.kind === 'index_added') {
      const special = change.index.method === 'fulltext' || change.index.method === 'spatial';
      clause(keys, `ADD ${indexDefinition(change.index)}`, special ? 'locked' : 'inplace', `the ${(change.index.method ?? '').toUpperCase()} index ${ident(change.index.name)}`);
    } else if (change.kind === 'check_added') clause(keys, `ADD ${checkDefinition(change.check)}`, 'copy', `checking ${change.check.name === null ? 'a CHECK' : ident(change.check.name)}`);
    else if (change.kind === 'comment_changed' && change.target === 'table') clause(keys, `COMMENT = ${literal(change.to ?? '')}`, metadataCost(target));
  }
  for (const column of after.columns) {
    const group = byColumn.get(column.name);
    if (group === undefined) continue;
    const rename = group.find((change) => change.kind === 'column_renamed');
    const oldName = rename?.kind === 'column_renamed' ? rename.from : column.name;
    const old = before.columns.find((candidate) => candidate.name === oldName) ?? column;
    const rest = group.filter((change) => change !== rename);
    if (readdGenerated(old, column)) {
      clause(removed, `DROP COLUMN ${ident(oldName)}`, 'instant');
      added.add(column.name);
      continue;
    }
    const costs = rest.map((change) => columnCost(target, change, old, column));
    const [cost, why] = costs.reduce((a, b) => (COSTS.indexOf(b[0]) > COSTS.indexOf(a[0]) ? b : a), ['instant', ''] as [Cost, string]);
    const only = rest.length === 1 ? rest[0] : undefined;
    if (rename !== undefined && rest.length === 0) {
      const sql = since(target, [10, 5, 2], [8, 0, 0]) ? `RENAME COLUMN ${ident(oldName)} TO ${ident(column.name)}` : `CHANGE COLUMN ${ident(oldName)} ${columnDefinition(target, column)}`;
      clause(columns, sql, since(target, [10, 3, 0], [8, 0, 28]) ? 'instant' : 'inplace');
    } else if (rename === undefined && only?.kind === 'column_default_changed') {
      clause(columns, `ALTER COLUMN ${ident(column.name)} ${column.default === null ? 'DROP DEFAULT' : `SET DEFAULT ${defaultSql(target, column)}`}`, 'instant');
    } else {
      // RENAME COLUMN and a MODIFY of the new name cannot share a statement: CHANGE does both.
      const head = rename === undefined ? 'MODIFY COLUMN' : `CHANGE COLUMN ${ident(oldName)}`;
      clause(columns, `${head} ${columnDefinition(target, column)}`, cost, why);
    }
  }
  const adds: Clause[] = [];
  after.columns.forEach((column, index) => {
    if (!added.has(column.name)) return;
    // A column after which only new columns follow is appended: the cheapest ADD on every version.
    const appended = after.columns.slice(index + 1).every((next) => added.has(next.name));
    const previous = after.columns[index - 1];
    const position = appended ? '' : previous === undefined ? ' FIRST' : ` AFTER ${ident(previous.name)}`;
    const quick = appended ? since(target, [10, 3, 2], [8, 0, 12]) : since(target, [10, 4, 0], [8, 0, 29]);
    clause(adds, `ADD COLUMN ${columnDefinition(target, column)}${position}`, quick ? 'instant' : 'rebuild', `adding ${ident(column.name)}${position}`);
  });
  return [...drops, ...columns, ...removed, ...adds, ...keys];
}

/** The column a column-level change is about (its new name), or null for a table-level change. */
export function columnOf(change: Change): string | null {
  switch (change.kind) {
    case 'column_renamed':
      return change.column.name;
    case 'column_type_changed':
    case 'column_nullability_changed':
    case 'column_default_changed':
    case 'column_identity_changed':
    case 'column_generated_changed':
    case 'column_collation_changed':
    case 'column_values_added':
    case 'column_values_removed':
      return change.column;
    case 'comment_changed':
      return change.target === 'column' ? (change.column ?? null) : null;
    default:
      return null;
  }
}

// Neither server converts between a virtual and a stored (or plain) column in place.
function readdGenerated(from: Column, to: Column): boolean {
  if (from.generated !== null && to.generated !== null) return from.generated.storage !== to.generated.storage;
  return from.generated?.storage === 'virtual' || to.generated?.storage === 'virtual';
}

function columnCost(target: DdlTarget, change: Change, from: Column, to: Column): [Cost, string] {
  const name = ident(to.name);
  switch (change.kind) {
    case 'column_type_changed':
      return [varcharInPlace(from, to) ? 'inplace' : 'copy', `the type of ${name}`];
    case 'column_values_added':
      return [change.atEnd && valueBytes(from) === valueBytes(to) ? 'instant' : 'copy', `the values of ${name}`];
    case 'column_values_removed':
      return ['copy', `the values of ${name}`];
    case 'column_nullability_changed':
      // MariaDB 10.4 drops NOT NULL instantly; adding it, or MySQL either way, rebuilds in place.
      return [change.nullable && target.mariadb && atLeast(target.version, 10, 4) ? 'instant' : 'rebuild', `NULL / NOT NULL of ${name}`];
    case 'column_identity_changed':
      return ['copy', `AUTO_INCREMENT on ${name}`];
    case 'column_generated_changed':
      return ['copy', `the generated column ${name}`];
    case 'column_collation_changed':
      return ['copy', `the collation of ${name}`];
    case 'comment_changed':
      return [metadataCost(target), ''];
    default:
      return ['instant', ''];
  }
}

// Comments: instant on MariaDB (tried on 10.11); MySQL documents them only as in place.
function metadataCost(target: DdlTarget): Cost {
  return target.mariadb ? 'instant' : 'inplace';
}

/** A longer VARCHAR keeps its length prefix (1 byte up to 255 bytes, at most 4 per character) in place. */
function varcharInPlace(from: Column, to: Column): boolean {
  const before = /^varchar\((\d+)\)$/i.exec(from.nativeType);
  const after = /^varchar\((\d+)\)$/i.exec(to.nativeType);
  if (before === null || after === null || from.collation !== to.collation) return false;
  const [a, b] = [Number(before[1]), Number(after[1])];
  return a <= b && (b * 4 <= 255 || a > 255);
}

/** Bytes per row of an ENUM (1 up to 255 values) or SET (1–4 or 8 bytes by member count). */
function valueBytes(column: Column): number {
  const count = column.allowedValues?.length ?? 0;
  if (column.family !== 'set') return count > 255 ? 2 : 1;
  const bytes = Math.ceil(count / 8);
  return bytes > 4 ? 8 : Math.max(bytes, 1);
}
