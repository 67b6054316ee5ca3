import type { ObjectName } from '../../diff/changes.js';
import type { Table } from '../../schema/model.js';
import { manual, step } from '../dialect.js';
import { createTable, foreignKeyConstraint, primaryKeyName, qualify } from './ddl.js';
import { doubleQuoted as ident } from '../quoting.js';
import { closure } from '../dependency-order.js';
import { dependencyOrder, PHASE } from './migration-order.js';
import { EXCLUSIVE, piece, show, type Piece } from './migration-steps.js';
import { key, need, type Of, type Writer } from './migration-writer.js';

/** Whole tables: created, renamed, given other traits, dropped. */

export function writeTableAdded(w: Writer, change: Of<'table_added'>): void {
  const table = need(w.toTable(change.table), 'table');
  const traits = table.traits.filter((trait) => trait !== 'unlogged');
  w.add(PHASE.createTable, change, piece(createTable(table, w.major), [], traits.map((trait) =>
    `${show(table)} is ${trait} where it was read; the schema does not say how (partition key, server), so it is created as a plain table.`)));
  if (table.foreignKeys.length > 0) w.add(PHASE.addForeignKey, change, table.foreignKeys.map((foreignKey) => `ALTER TABLE ${qualify(table)} ${foreignKeyConstraint(table, foreignKey)};`));
}

export function renameTable(from: ObjectName, to: ObjectName): Piece {
  const sqls: string[] = [];
  let current = from;
  if (current.namespace !== to.namespace) {
    sqls.push(`ALTER TABLE ${qualify(current)} SET SCHEMA ${ident(to.namespace)};`);
    current = { namespace: to.namespace, name: current.name };
  }
  if (current.name !== to.name) sqls.push(`ALTER TABLE ${qualify(current)} RENAME TO ${ident(to.name)};`);
  return piece(sqls, [
    ...sqls.map((sql) => step(sql, 'in one transaction with the view below')),
    step(`CREATE VIEW ${qualify(from)} AS SELECT * FROM ${qualify(to)};`, 'a compatibility view under the old name: a simple view is updatable, so code not yet deployed keeps reading and writing through it'),
    manual('deploy the code that uses the new name'),
    step(`DROP VIEW ${qualify(from)};`, 'contract, once nothing uses the old name'),
  ], [`Renaming ${show(from)} ${EXCLUSIVE}; code that still uses the old name fails from then on.`]);
}

export function changeTraits(table: ObjectName, from: readonly string[], to: readonly string[]): Piece {
  const unlogged = to.includes('unlogged');
  const logging = from.includes('unlogged') !== unlogged;
  const other = [...from, ...to].filter((trait) => trait !== 'unlogged' && from.includes(trait) !== to.includes(trait));
  const warnings = logging ? [`SET ${unlogged ? 'UNLOGGED' : 'LOGGED'} rewrites ${show(table)} under an ACCESS EXCLUSIVE lock.`] : [];
  if (other.length > 0) warnings.push(`ALTER TABLE cannot make ${show(table)} ${other.join(', ')} or undo it: create the table anew and copy the rows.`);
  return piece(logging ? [`ALTER TABLE ${qualify(table)} SET ${unlogged ? 'UNLOGGED' : 'LOGGED'};`] : [], [], warnings);
}

/**
 * Tables go at the end, those referencing others first — except a table holding a name (its
 * own, a key's, an index's) that a new object takes, and the tables referencing it: they go
 * before the new tables are made.
 */
export function writeTableDrops(w: Writer): void {
  const names = (table: Table): string[] => [table.name, primaryKeyName(table), ...table.uniqueConstraints.flatMap((unique) => unique.name ?? []), ...table.indexes.map((index) => index.name)];
  const taken = new Set([...w.context.to.tables.flatMap((table) => names(table).map((name) => key({ namespace: table.namespace, name }))), ...w.context.to.views.map(key)]);
  const dropped = new Map(w.changes.flatMap((change) => (change.kind === 'table_dropped' ? [[need(w.context.from.tables.find((table) => key(table) === key(change.table)), 'table'), change] as const] : [])));
  const references = (table: Table, other: Table): boolean => table.foreignKeys.some((fk) => key({ namespace: fk.references.namespace, name: fk.references.table }) === key(other));
  const clashing = [...dropped.keys()].filter((table) => names(table).some((name) => taken.has(key({ namespace: table.namespace, name }))));
  const early = closure(new Set(clashing), [...dropped.keys()], (table, members) => [...members].some((other) => references(table, other)));
  for (const table of dependencyOrder([...dropped.keys()], (table, other) => references(other, table))) {
    const why = early.has(table) ? ' It goes before the new tables: one of them takes a name it holds.' : '';
    w.add(early.has(table) ? PHASE.clashingTableDrop : PHASE.dropTable, need(dropped.get(table), 'change'), dropTable(table, why));
  }
}

function dropTable(table: ObjectName, why: string): Piece {
  const sql = `DROP TABLE ${qualify(table)};`;
  return piece([sql], [manual('deploy code that no longer uses the table; keep a copy (pg_dump --table) if its rows may be wanted'), step(sql, 'contract')], [
    `Dropping ${show(table)} deletes its rows for good and ${EXCLUSIVE}.${why}`,
  ]);
}
