import type { ObjectName } from '../../diff/changes.js';
import type { Column, Domain, EnumType, ForeignKey, Index, Table, View } from '../../schema/model.js';
import { doubleQuoted as ident, singleQuoted } from '../quoting.js';
import { referentialClauses } from '../referential-actions.js';

/**
 * The text of PostgreSQL's schema statements: names, column definitions, whole tables, indexes,
 * keys, types and comments, as the writers of each kind of change (migration-*.ts) put them
 * together. Expressions, defaults and type names are replayed as the introspector read them: it
 * reads with an empty search_path, so the server printed them schema-qualified and quoted.
 */

// NAMEDATALEN - 1: PostgreSQL truncates longer names, so the conventional ones are cut to fit.
const MAX_NAME_BYTES = 63;

export function qualify(object: ObjectName): string {
  return `${ident(object.namespace)}.${ident(object.name)}`;
}

export function columnList(columns: readonly string[]): string {
  return `(${columns.map(ident).join(', ')})`;
}

/**
 * The name PostgreSQL gives an object the DDL does not name (its makeObjectName): table,
 * columns and a label joined by `_`, the longer part shortened first to fit 63 bytes (counted
 * here in characters, exact for ASCII names).
 */
export function conventionalName(table: string, columns: readonly string[], label: string): string {
  const second = columns.join('_');
  const room = MAX_NAME_BYTES - label.length - 1 - (second === '' ? 0 : 1);
  let [first, rest] = [table.length, second.length];
  while (first + rest > room) {
    if (first > rest) first--;
    else rest--;
  }
  return [table.slice(0, first), second.slice(0, rest), label].filter((part) => part !== '').join('_');
}

/** `"name" type [COLLATE …] [GENERATED … | DEFAULT …] [NOT NULL]`, as in CREATE TABLE and ADD COLUMN. */
export function columnDefinition(column: Column, notNull = !column.nullable): string {
  const parts = [ident(column.name), typeOf(column)];
  if (column.generated !== null) parts.push(`GENERATED ALWAYS AS (${column.generated.expression}) ${column.generated.storage === 'stored' ? 'STORED' : 'VIRTUAL'}`);
  else if (isIdentity(column.identity)) parts.push(`GENERATED ${identityWord(column.identity)} AS IDENTITY`);
  else if (column.default !== null) parts.push(`DEFAULT ${column.default.raw}`);
  if (notNull) parts.push('NOT NULL');
  return parts.join(' ');
}

/** The column's type with its collation, as `ALTER COLUMN … TYPE` takes it. */
export function typeOf(column: Column): string {
  return column.collation === null ? column.nativeType : `${column.nativeType} COLLATE ${ident(column.collation)}`;
}

export function isIdentity(identity: string | null): identity is 'always' | 'by_default' {
  return identity === 'always' || identity === 'by_default';
}

export function identityWord(identity: 'always' | 'by_default'): string {
  return identity === 'always' ? 'ALWAYS' : 'BY DEFAULT';
}

/** The sequence a serial default draws from, as the server quoted it: `nextval('public.t_id_seq'::regclass)` → `public.t_id_seq`. */
export function sequenceOf(defaultRaw: string | null | undefined): string | null {
  const match = /^nextval\('((?:[^']|'')+)'::regclass\)$/.exec(defaultRaw ?? '');
  return match?.[1] === undefined ? null : match[1].replaceAll("''", "'");
}

/**
 * A serial column is a sequence, a nextval default and the sequence owned by the column (so it
 * goes with the column). The model keeps only the default, so the sequence is made here — unless
 * it is there already — before the column, and handed to the column after.
 */
export function serialSteps(table: ObjectName, column: Column, major: number): { before: string[]; after: string[] } {
  const sequence = column.identity === 'serial' ? sequenceOf(column.default?.raw) : null;
  if (sequence === null) return { before: [], after: [] };
  // Sequences have a type from PostgreSQL 10; before, every sequence is bigint.
  return {
    before: [`CREATE SEQUENCE IF NOT EXISTS ${sequence}${major >= 10 ? ` AS ${column.nativeType}` : ''};`],
    after: [`ALTER SEQUENCE ${sequence} OWNED BY ${qualify(table)}.${ident(column.name)};`],
  };
}

export function primaryKeyName(table: Table): string {
  return table.primaryKey?.name ?? conventionalName(table.name, [], 'pkey');
}

export function constraintName(table: string, name: string | null, columns: readonly string[], label: 'key' | 'fkey' | 'check'): string {
  return name ?? conventionalName(table, label === 'check' ? [] : columns, label);
}


/** `ADD CONSTRAINT "name" FOREIGN KEY …`, for ALTER TABLE. */
export function foreignKeyConstraint(table: ObjectName, key: ForeignKey): string {
  const target = qualify({ namespace: key.references.namespace, name: key.references.table });
  return `ADD CONSTRAINT ${ident(constraintName(table.name, key.name, key.columns, 'fkey'))} FOREIGN KEY ${columnList(key.columns)} REFERENCES ${target} ${columnList(key.references.columns)}${referentialClauses(key)}`;
}

export function createIndex(table: ObjectName, index: Index, concurrently: boolean): string {
  const parts = index.parts.map((part) => `${part.column === null ? `(${part.expression ?? ''})` : ident(part.column)}${part.descending ? ' DESC' : ''}`);
  const method = index.method === null || index.method === 'btree' ? '' : ` USING ${/^[a-z_][a-z0-9_]*$/.test(index.method) ? index.method : ident(index.method)}`;
  const where = index.predicate === null ? '' : ` WHERE ${index.predicate}`;
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${concurrently ? 'CONCURRENTLY ' : ''}${ident(index.name)} ON ${qualify(table)}${method} (${parts.join(', ')})${where};`;
}

/** `COMMENT ON <what> IS …`; `what` is e.g. `TABLE "s"."t"`. */
export function commentOn(what: string, text: string | null): string {
  return `COMMENT ON ${what} IS ${text === null ? 'NULL' : singleQuoted(text)};`;
}

/** The comments of a table or view and its columns, for one that is (re)created. */
export function commentsOf(object: ObjectName, comment: string | null, columns: readonly Column[], kind: string): string[] {
  const out = comment === null ? [] : [commentOn(`${kind} ${qualify(object)}`, comment)];
  for (const column of columns) if (column.comment !== null) out.push(commentOn(`COLUMN ${qualify(object)}.${ident(column.name)}`, column.comment));
  return out;
}

/**
 * A new table: serial sequences, CREATE TABLE with columns, primary key, uniques and checks, its
 * indexes (an empty table builds them at once) and comments. Foreign keys come once every new
 * table exists.
 */
export function createTable(table: Table, major: number): string[] {
  const serials = table.columns.map((column) => serialSteps(table, column, major));
  const lines = table.columns.map((column) => columnDefinition(column));
  if (table.primaryKey !== null) lines.push(`CONSTRAINT ${ident(primaryKeyName(table))} PRIMARY KEY ${columnList(table.primaryKey.columns)}`);
  for (const unique of table.uniqueConstraints) lines.push(`CONSTRAINT ${ident(constraintName(table.name, unique.name, unique.columns, 'key'))} UNIQUE ${columnList(unique.columns)}`);
  for (const check of table.checks) lines.push(`CONSTRAINT ${ident(constraintName(table.name, check.name, [], 'check'))} CHECK (${check.expression})`);
  return [
    ...serials.flatMap((serial) => serial.before),
    `CREATE ${table.traits.includes('unlogged') ? 'UNLOGGED ' : ''}TABLE ${qualify(table)} (\n  ${lines.join(',\n  ')}\n);`,
    ...serials.flatMap((serial) => serial.after),
    ...table.indexes.map((index) => createIndex(table, index, false)),
    ...commentsOf(table, table.comment, table.columns, 'TABLE'),
  ];
}

export function createEnum(type: EnumType): string[] {
  const create = `CREATE TYPE ${qualify(type)} AS ENUM (${type.values.map(singleQuoted).join(', ')});`;
  return type.comment === null ? [create] : [create, commentOn(`TYPE ${qualify(type)}`, type.comment)];
}

export function createDomain(domain: Domain): string[] {
  let create = `CREATE DOMAIN ${qualify(domain)} AS ${domain.baseType}`;
  if (domain.default !== null) create += ` DEFAULT ${domain.default.raw}`;
  if (!domain.nullable) create += ' NOT NULL';
  for (const check of domain.checks) create += `${check.name === null ? '' : ` CONSTRAINT ${ident(check.name)}`} CHECK (${check.expression})`;
  return domain.comment === null ? [`${create};`] : [`${create};`, commentOn(`DOMAIN ${qualify(domain)}`, domain.comment)];
}

export function alterColumn(change: { readonly table: ObjectName; readonly column: string }): string {
  return `ALTER TABLE ${qualify(change.table)} ALTER COLUMN ${ident(change.column)}`;
}

export function viewKind(view: View): string {
  return view.kind === 'materialized_view' ? 'MATERIALIZED VIEW' : 'VIEW';
}
