import type { Change, ObjectName } from '../../diff/changes.js';
import type { CheckConstraint, ForeignKey, Index, UniqueConstraint } from '../../schema/model.js';
import { manual, step } from '../dialect.js';
import { columnList, constraintName, conventionalName, createIndex, foreignKeyConstraint, primaryKeyName, qualify } from './ddl.js';
import { doubleQuoted as ident } from '../quoting.js';
import { PHASE } from './migration-order.js';
import { CONCURRENTLY, EXCLUSIVE, NOT_VALID, piece, show, VALIDATE, type Piece } from './migration-steps.js';
import { need, type Of, type Writer } from './migration-writer.js';

/**
 * Keys, uniques, indexes and checks. Each is added in its rollout without blocking writes for
 * long: an index built CONCURRENTLY and taken over, or a constraint added NOT VALID and validated.
 */

export function writePrimaryKey(w: Writer, change: Of<'primary_key_added' | 'primary_key_changed'>, oldName: string | null): void {
  w.add(PHASE.addPrimaryKey, change, addPrimaryKey(change.table, primaryKeyName(need(w.toTable(change.table), 'table')), change.columns, oldName));
}

function addPrimaryKey(table: ObjectName, name: string, columns: readonly string[], oldName: string | null): Piece {
  const [t, index] = [qualify(table), ident(conventionalName(name, [], 'new'))];
  return piece([`ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} PRIMARY KEY ${columnList(columns)};`], [
    step(`CREATE UNIQUE INDEX CONCURRENTLY ${index} ON ${t} ${columnList(columns)};`, CONCURRENTLY, false),
    ...(oldName === null ? [] : [step(`ALTER TABLE ${t} DROP CONSTRAINT ${ident(oldName)};`, 'in one transaction with the next step')]),
    step(`ALTER TABLE ${t} ADD CONSTRAINT ${ident(name)} PRIMARY KEY USING INDEX ${index};`, 'takes the index over (renaming it); scans only for NOT NULL where a column is not NOT NULL yet'),
  ], [`Adding the primary key of ${show(table)} builds its index while blocking writes and sets NOT NULL on its columns (a scan); it fails on repeated values or NULLs.`]);
}

/** Drops the old primary key; returns its name. */
export function writePrimaryKeyDrop(w: Writer, change: Of<'primary_key_dropped' | 'primary_key_changed'>): string {
  const name = primaryKeyName(need(w.fromTable(change.table), 'table'));
  // A changed key stays until the new one's index is built: see that guide's rollout.
  const rollout = change.kind === 'primary_key_changed' ? [manual('the old key is dropped in the rollout of the new one, once its index is built')] : [];
  w.add(PHASE.dropConstraint, change, piece([`ALTER TABLE ${qualify(change.table)} DROP CONSTRAINT ${ident(name)};`], rollout));
  return name;
}

export function writeConstraintDrop(w: Writer, phase: number, change: Change & { table: ObjectName }, name: string): void {
  w.add(phase, change, [`ALTER TABLE ${qualify(change.table)} DROP CONSTRAINT ${ident(name)};`]);
}

export function addUnique(table: ObjectName, unique: UniqueConstraint): Piece {
  const [t, name] = [qualify(table), ident(constraintName(table.name, unique.name, unique.columns, 'key'))];
  return piece([`ALTER TABLE ${t} ADD CONSTRAINT ${name} UNIQUE ${columnList(unique.columns)};`], [
    step(`CREATE UNIQUE INDEX CONCURRENTLY ${name} ON ${t} ${columnList(unique.columns)};`, CONCURRENTLY, false),
    step(`ALTER TABLE ${t} ADD CONSTRAINT ${name} UNIQUE USING INDEX ${name};`, 'takes the index over: no second build'),
  ], [`Adding unique ${name} to ${show(table)} builds its index while blocking writes; it fails if values repeat.`]);
}

export function addIndex(table: ObjectName, index: Index): Piece {
  return piece([createIndex(table, index, false)], [step(createIndex(table, index, true), CONCURRENTLY, false)], [
    `CREATE INDEX ${ident(index.name)} blocks writes to ${show(table)} while it builds (reads go on).`,
  ]);
}

export function dropIndex(table: ObjectName, index: Index): Piece {
  const name = qualify({ namespace: table.namespace, name: index.name });
  return piece([`DROP INDEX ${name};`], [step(`DROP INDEX CONCURRENTLY ${name};`, 'does not block reads or writes, but cannot run inside a transaction block', false)], [
    `DROP INDEX ${ident(index.name)} ${EXCLUSIVE}.`,
  ]);
}

/** A check or foreign key: added NOT VALID, then validated, in the rollout. */
function addValidated(table: ObjectName, add: string, name: string, what: string): Piece {
  const alter = `ALTER TABLE ${qualify(table)}`;
  return piece([`${alter} ${add};`], [step(`${alter} ${add} NOT VALID;`, NOT_VALID), step(`${alter} VALIDATE CONSTRAINT ${ident(name)};`, VALIDATE)], [what]);
}

export function addCheck(table: ObjectName, check: CheckConstraint): Piece {
  const name = constraintName(table.name, check.name, [], 'check');
  return addValidated(table, `ADD CONSTRAINT ${ident(name)} CHECK (${check.expression})`, name,
    `Adding check ${ident(name)} reads every row of ${show(table)} under an ACCESS EXCLUSIVE lock; it fails if a row breaks it.`);
}

export function addForeignKey(table: ObjectName, key: ForeignKey): Piece {
  const name = constraintName(table.name, key.name, key.columns, 'fkey');
  return addValidated(table, foreignKeyConstraint(table, key), name,
    `Adding foreign key ${ident(name)} reads every row of ${show(table)} holding SHARE ROW EXCLUSIVE locks on it and on ${show({ namespace: key.references.namespace, name: key.references.table })}: writes to both wait.`);
}
