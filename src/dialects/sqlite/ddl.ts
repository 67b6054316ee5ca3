import { step, type MigrationStep } from '../dialect.js';
import type { Column, ForeignKey, Index, Schema, Table, View } from '../../schema/model.js';
import { foldName, tokenize } from './sql-tokens.js';
import { closure, dependencyOrder } from '../dependency-order.js';
import { doubleQuoted as q, singleQuoted } from '../quoting.js';
import { referentialClauses } from '../referential-actions.js';

/**
 * The statements of SQLite's migration writer: CREATE statements that the introspector reads
 * back as the same model (declared types, default texts, checks, keys), the table rebuild, and
 * the queries a rollout validates with.
 */


// Defaults SQLite takes without parentheses (and the only ones ADD COLUMN takes at all).
const LITERAL = /^(?:[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?|0x[0-9a-f]+|'(?:[^']|'')*'|x'[0-9a-f]*'|null|true|false)$/i;
const CURRENT = /^current_(?:time|date|timestamp)$/i;

/** `"name"`, or `"schema"."name"` outside the main database, for a table, view or index. */
export function objectRef(namespace: string, name: string): string {
  return namespace === 'main' ? q(name) : `${q(namespace)}.${q(name)}`;
}

/** A default SQLite stores as a constant: ADD COLUMN accepts only these. */
export function isConstantDefault(raw: string): boolean {
  return LITERAL.test(raw.trim());
}

/**
 * A default's text as an expression. SQLite reports `DEFAULT (expr)` as `expr`, so all but bare
 * literals are parenthesised to read back the same text.
 */
export function defaultValue(raw: string): string {
  return LITERAL.test(raw.trim()) || CURRENT.test(raw.trim()) ? raw : `(${raw})`;
}

function named(name: string | null): string {
  return name === null ? '' : `CONSTRAINT ${q(name)} `;
}

/** A single-column primary key written on its column, where AUTOINCREMENT must be. */
interface InlineKey {
  readonly name: string | null;
  /** SQLite's quirk: `INTEGER PRIMARY KEY DESC` is the one way to keep such a key from aliasing the rowid. */
  readonly descending: boolean;
}

export function columnDefinition(column: Column, inlineKey: InlineKey | null = null): string {
  const parts = [q(column.name)];
  if (column.nativeType !== '') parts.push(column.nativeType);
  if (inlineKey !== null) parts.push(`${named(inlineKey.name)}PRIMARY KEY${inlineKey.descending ? ' DESC' : ''}${column.identity === 'auto_increment' ? ' AUTOINCREMENT' : ''}`);
  // The rowid alias is NOT NULL by nature; saying so again would only differ from how it is usually declared.
  if (!column.nullable && !(inlineKey !== null && column.identity !== null)) parts.push('NOT NULL');
  if (column.default !== null) parts.push(`DEFAULT ${defaultValue(column.default.raw)}`);
  if (column.collation !== null) parts.push(`COLLATE ${q(column.collation)}`);
  if (column.generated !== null) parts.push(`GENERATED ALWAYS AS (${column.generated.expression}) ${column.generated.storage.toUpperCase()}`);
  return parts.join(' ');
}

/** The REFERENCES clause of a foreign key, shared by table constraints and ADD COLUMN. */
export function referencesClause(key: ForeignKey): string {
  // In SQLite only DEFERRABLE INITIALLY DEFERRED defers the check; plain DEFERRABLE is kept as declared.
  return `REFERENCES ${q(key.references.table)} (${key.references.columns.map(q).join(', ')})${referentialClauses(key)}`;
}

/** CREATE TABLE for the table as the model has it, under `name` (the rebuild's temporary name). */
export function createTable(table: Table, name: string = table.name): string {
  const key = table.primaryKey;
  const single = key !== null && key.columns.length === 1 ? key.columns[0] : null;
  const columns = [...table.columns].sort((a, b) => a.ordinal - b.ordinal);
  const rowid = !table.traits.includes('without_rowid');
  const items = columns.map((column) => columnDefinition(column, column.name === single && key !== null
    ? { name: key.name, descending: rowid && column.identity === null && column.nativeType.toUpperCase() === 'INTEGER' }
    : null));
  if (key !== null && single === null) items.push(`${named(key.name)}PRIMARY KEY (${key.columns.map(q).join(', ')})`);
  for (const unique of table.uniqueConstraints) items.push(`${named(unique.name)}UNIQUE (${unique.columns.map(q).join(', ')})`);
  for (const check of table.checks) items.push(`${named(check.name)}CHECK (${check.expression})`);
  for (const fk of table.foreignKeys) items.push(`${named(fk.name)}FOREIGN KEY (${fk.columns.map(q).join(', ')}) ${referencesClause(fk)}`);
  const traits = [table.traits.includes('strict') ? 'STRICT' : null, table.traits.includes('without_rowid') ? 'WITHOUT ROWID' : null].filter((trait) => trait !== null);
  return `CREATE TABLE ${objectRef(table.namespace, name)} (\n  ${items.join(',\n  ')}\n)${traits.length > 0 ? ` ${traits.join(', ')}` : ''};`;
}

export function createIndex(namespace: string, table: string, index: Index): string {
  const parts = index.parts.map((part) => `${part.column !== null ? q(part.column) : part.expression}${part.descending ? ' DESC' : ''}`);
  const where = index.predicate === null ? '' : ` WHERE ${index.predicate}`;
  return `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${objectRef(namespace, index.name)} ON ${q(table)} (${parts.join(', ')})${where};`;
}

export function createView(view: View): string {
  return `CREATE VIEW ${objectRef(view.namespace, view.name)} AS ${view.definition ?? ''};`;
}

// Words SQLite never takes bare as a name: a table called "select" is always quoted where it is used.
const RESERVED = new Set(['ALL', 'AND', 'AS', 'BETWEEN', 'CASE', 'DISTINCT', 'ELSE', 'EXCEPT', 'EXISTS', 'FROM', 'GROUP', 'HAVING', 'IN', 'INTERSECT', 'IS', 'JOIN', 'LIMIT', 'NOT', 'NULL', 'ON', 'OR', 'ORDER', 'SELECT', 'THEN', 'UNION', 'USING', 'WHEN', 'WHERE']);

/** The folded names a statement or expression mentions: enough to tell whether it may use a table, view or column. */
export function namesIn(sql: string): Set<string> {
  return new Set(tokenize(sql).filter((token) => token.kind === 'quoted' || (token.kind === 'word' && !RESERVED.has(token.keyword))).map((token) => foldName(token.value)));
}

/** Queries a rollout validates with before a constraint is added: each finds the rows that would break it. */
export const violations = {
  nulls: (table: string, column: string): string => `SELECT count(*) FROM ${table} WHERE ${q(column)} IS NULL;`,
  check: (table: string, expression: string): string => `SELECT count(*) FROM ${table} WHERE NOT (${expression});`,
  // NULLs never collide in a SQLite unique key.
  duplicates: (table: string, columns: readonly string[]): string =>
    `SELECT ${columns.map(q).join(', ')}, count(*) FROM ${table} WHERE ${columns.map((column) => `${q(column)} IS NOT NULL`).join(' AND ')} GROUP BY ${columns.map(q).join(', ')} HAVING count(*) > 1;`,
  orphans: (table: string, key: ForeignKey): string => {
    const parent = q(key.references.table);
    const match = key.columns.map((column, index) => `${parent}.${q(key.references.columns[index] ?? column)} = ${table}.${q(column)}`).join(' AND ');
    return `SELECT count(*) FROM ${table} WHERE ${key.columns.map((column) => `${q(column)} IS NOT NULL`).join(' AND ')} AND NOT EXISTS (SELECT 1 FROM ${parent} WHERE ${match});`;
  },
};

/**
 * Views that name any of `names` (folded), directly or through another such view, ordered so
 * that a view comes after the views it names: the order to create them in; reversed, to drop them.
 */
export function viewsNaming(names: ReadonlySet<string>, views: readonly View[]): View[] {
  const uses = new Map(views.map((view) => [view, namesIn(view.definition ?? '')]));
  // A view joins when it names one of `names` or a view already in.
  const picked = closure(new Set<View>(), views, (view, picked) => {
    const found = new Set([...names, ...[...picked].map((other) => foldName(other.name))]);
    return [...(uses.get(view) ?? [])].some((name) => found.has(name));
  });
  return dependencyOrder([...picked], (view, other) => (uses.get(view) ?? new Set()).has(foldName(other.name)));
}

/**
 * The table rebuild of lang_altertable.html#otheralter, from `from` to `to` (whose name the table
 * has when it runs): new table, copy the columns `source` names, drop, rename, indexes and the
 * `dependents` views back, check the foreign keys.
 */
export function rebuildSteps(from: Table, to: Table, source: (column: Column) => string | null, dependents: readonly View[], context: { readonly from: Schema; readonly to: Schema }): MigrationStep[] {
  const taken = new Set([...context.from.tables, ...context.to.tables, ...context.from.views, ...context.to.views].map((object) => foldName(object.name)));
  let temp = `new_${to.name}`;
  while (taken.has(foldName(temp))) temp = `${temp}_`;
  const table = objectRef(to.namespace, to.name);
  const copied = to.columns.filter((column) => column.generated === null && source(column) !== null);
  const targets = copied.map((column) => q(column.name));
  const sources = copied.map((column) => q(source(column) as string));
  // A rowid table without an alias column would renumber its rows: keep their rowids.
  const rowidTable = (table: Table): boolean => !table.traits.includes('without_rowid') && !table.columns.some((column) => ['rowid', 'oid', '_rowid_'].includes(foldName(column.name)));
  if (rowidTable(from) && rowidTable(to) && !to.columns.some((column) => column.identity !== null)) {
    targets.unshift('rowid');
    sources.unshift('rowid');
  }
  const missing = to.columns.filter((column) => !column.nullable && column.default === null && column.generated === null && column.identity === null && source(column) === null);
  const viewsAfter = dependents.flatMap((view) => context.to.views.filter((other) => other.namespace === view.namespace && other.name === view.name));
  const sequence = objectRef(to.namespace, 'sqlite_sequence');
  const autoincrement = (table: Table): boolean => table.columns.some((column) => column.identity === 'auto_increment');
  return [
    step('PRAGMA foreign_keys=OFF;', 'outside the transaction: SQLite ignores it inside one', false),
    ...[...dependents].reverse().map((view) => step(`DROP VIEW ${objectRef(view.namespace, view.name)};`, 'a view naming the table would stop the rename; created again below')),
    step(createTable(to, temp)),
    ...(targets.length === 0 ? [] : [step(`INSERT INTO ${objectRef(to.namespace, temp)} (${targets.join(', ')}) SELECT ${sources.join(', ')} FROM ${table};`,
      missing.length > 0 ? `fails while ${table} has rows: ${missing.map((column) => q(column.name)).join(', ')} NOT NULL without a default and nothing to copy (see the rollout)` : undefined)]),
    // AUTOINCREMENT promises never to reuse an id: carry the old high-water mark over.
    ...(autoincrement(from) && autoincrement(to) ? [
      step(`DELETE FROM ${sequence} WHERE name = ${singleQuoted(temp)};`),
      step(`UPDATE ${sequence} SET name = ${singleQuoted(temp)} WHERE name = ${singleQuoted(to.name)};`, 'keeps the AUTOINCREMENT counter'),
    ] : []),
    step(`DROP TABLE ${table};`),
    step(`ALTER TABLE ${objectRef(to.namespace, temp)} RENAME TO ${q(to.name)};`),
    ...to.indexes.map((index) => step(createIndex(to.namespace, to.name, index))),
    ...viewsAfter.map((view) => step(createView(view))),
    step('PRAGMA foreign_key_check;', 'returns the rows whose foreign keys broke: stop and roll back if it returns any'),
    step('PRAGMA foreign_keys=ON;', 'after COMMIT; leave it off if the connection ran without foreign keys', false),
  ];
}
