import type { ObjectName } from '../../diff/changes.js';
import { manual, step, type MigrationStep } from '../dialect.js';
import type { Column } from '../../schema/model.js';
import {
  alterColumn, columnDefinition, commentOn, conventionalName, identityWord, isIdentity, qualify, sequenceOf, serialSteps, typeOf,
} from './ddl.js';
import { doubleQuoted as ident, singleQuoted } from '../quoting.js';
import { PHASE } from './migration-order.js';
import { BATCH, EXCLUSIVE, NOT_VALID, piece, show, VALIDATE, type Piece } from './migration-steps.js';
import { need, type Of, type Writer } from './migration-writer.js';

/** Columns: added, renamed, retyped, given a default, NULL or NOT NULL, an identity or an expression, dropped. */

export function addColumn(table: ObjectName, column: Column, major: number): Piece {
  const t = qualify(table);
  const serial = serialSteps(table, column, major);
  const comment = column.comment === null ? [] : [commentOn(`COLUMN ${t}.${ident(column.name)}`, column.comment)];
  const sqls = [...serial.before, `ALTER TABLE ${t} ADD COLUMN ${columnDefinition(column)};`, ...serial.after, ...comment];
  const warnings: string[] = [];
  // A per-row value (identity, stored expression, volatile default) means writing every row.
  if (isIdentity(column.identity) || column.generated?.storage === 'stored' || isVolatile(column.default?.raw)) warnings.push(`Adding ${show(table, column.name)} rewrites the table under an ACCESS EXCLUSIVE lock: every row gets its own value.`);
  else if (column.default !== null && major < 11) warnings.push(`Before PostgreSQL 11, adding ${show(table, column.name)} with a default rewrites the table under an ACCESS EXCLUSIVE lock.`);
  if (column.nullable || column.default !== null || column.identity !== null || column.generated !== null) return piece(sqls, [], warnings);
  warnings.push(`${show(table, column.name)} is NOT NULL without a default: adding it fails while the table has rows (see the rollout).`);
  const expand = step(`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(column, false)};`, 'expand: nullable first, so existing rows and running code keep working');
  return piece(sqls, notNullRollout(table, column.name, major, [expand]), warnings);
}

// Volatile defaults are evaluated per row; stable ones (now()) once, and PostgreSQL 11+ keeps that in the catalog.
function isVolatile(raw: string | undefined): boolean {
  return raw !== undefined && /\b(nextval|random|clock_timestamp|timeofday|gen_random_uuid|uuid_generate_v[14])\s*\(/i.test(raw);
}

export function renameColumn(table: ObjectName, from: string, column: Column): Piece {
  const [t, old, now] = [qualify(table), ident(from), ident(column.name)];
  return piece([`ALTER TABLE ${t} RENAME COLUMN ${old} TO ${now};`], [
    step(`ALTER TABLE ${t} ADD COLUMN ${now} ${typeOf(column)};`, 'expand: the new column beside the old one'),
    manual('dual-write: deploy code that writes both columns, or a BEFORE INSERT OR UPDATE trigger whose function copies the old one', `NEW.${now} := NEW.${old};`),
    manual('backfill in batches until no row is updated', `UPDATE ${t} SET ${now} = ${old} WHERE ctid IN (SELECT ctid FROM ${t} WHERE ${now} IS DISTINCT FROM ${old} LIMIT ${BATCH});`),
    manual('switch: deploy code that uses only the new column; give it the old one’s NOT NULL, default, keys and indexes; drop the trigger'),
    step(`ALTER TABLE ${t} DROP COLUMN ${old};`, 'contract'),
  ], [`Renaming ${show(table, from)} ${EXCLUSIVE}; code that still uses the old name fails from then on.`]);
}

export function writeColumnType(w: Writer, change: Of<'column_type_changed'>): void {
  const { from, to } = change;
  const alter = alterColumn(change);
  // The old default would have to cast to the new type; it is set again after.
  const sqls = from.default === null ? [] : [`${alter} DROP DEFAULT;`];
  // Within one kind of type the assignment cast fails on a value that does not fit, where an
  // explicit `USING c::type` would cut it (char, varchar) without a word: USING only across kinds.
  sqls.push(`${alter} TYPE ${typeOf(to)}${change.direction === 'changed' ? ` USING ${ident(change.column)}::${to.nativeType}` : ''};`);
  const [oldSequence, sequence] = [sequenceOf(from.default?.raw), sequenceOf(to.default?.raw)];
  // A serial's sequence has a type of its own: it follows the column so it can count as far.
  if (to.identity === 'serial' && sequence !== null && sequence === oldSequence && w.major >= 10) sqls.push(`ALTER SEQUENCE ${sequence} AS ${to.nativeType};`);
  const serial = sequence === oldSequence ? { before: [], after: [] } : serialSteps(change.table, to, w.major);
  if (to.default !== null) sqls.push(...serial.before, `${alter} SET DEFAULT ${to.default.raw};`, ...serial.after);
  const what = `Changing ${show(change.table, change.column)} from ${from.nativeType} to ${to.nativeType}`;
  const warnings = [typeChangeRewrites(from, to) ? `${what} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock: reads and writes wait until it ends.` : `${what} changes only the catalog (no rewrite) but ${EXCLUSIVE}.`];
  if (change.direction !== 'widened') warnings.push(`It fails if a stored value does not convert to ${to.nativeType}.`);
  w.add(PHASE.columnType, [change, ...w.claim(change.table, change.column, ['column_default_changed', 'column_collation_changed'])], piece(sqls, [], warnings));
}

/** Whether PostgreSQL rewrites the table for a type change: binary-compatible widenings change only the catalog. */
function typeChangeRewrites(from: Column, to: Column): boolean {
  if (from.arrayDimensions !== to.arrayDimensions) return true;
  const base = (column: Column): string => column.nativeType.replace(/\(.*\)/, '').trim();
  const [a, b] = [base(from), base(to)];
  const longer = to.length === null || (from.length !== null && to.length >= from.length);
  if (a === 'character varying' && (b === 'text' || (b === a && longer))) return false;
  if (a === 'text' && b === 'character varying' && to.length === null) return false;
  if (a === 'bit varying' && b === a && longer) return false;
  // More digits before the point at the same scale keeps every stored value's bytes.
  return !(a === 'numeric' && b === a && (to.precision === null || (from.precision !== null && from.scale === to.scale && to.precision >= from.precision)));
}

export function writeCollation(w: Writer, change: Of<'column_collation_changed'>): void {
  const column = need(w.toColumn(change.table, change.column), 'column');
  w.add(PHASE.columnType, change, piece([`${alterColumn(change)} TYPE ${column.nativeType} COLLATE ${ident(change.to ?? 'default')};`], [], [
    `Changing the collation of ${show(change.table, change.column)} rebuilds the indexes on it and ${EXCLUSIVE}.`,
  ]));
}

export function writeColumnDefault(w: Writer, change: Of<'column_default_changed'>): void {
  const column = need(w.toColumn(change.table, change.column), 'column');
  // serial ↔ plain is the nextval default alone, which this writes.
  const serial = w.claim(change.table, change.column, ['column_identity_changed'], (other) => other.kind === 'column_identity_changed' && !isIdentity(other.from) && !isIdentity(other.to));
  const { before, after } = serialSteps(change.table, column, w.major);
  w.add(PHASE.columnDefault, [change, ...serial], change.to === null ? [`${alterColumn(change)} DROP DEFAULT;`] : [...before, `${alterColumn(change)} SET DEFAULT ${change.to};`, ...after]);
}

export function setNotNull(table: ObjectName, column: string, major: number): Piece {
  const proof = major >= 12 ? ' unless a validated CHECK (… IS NOT NULL) proves it (see the rollout)' : '';
  return piece([`ALTER TABLE ${qualify(table)} ALTER COLUMN ${ident(column)} SET NOT NULL;`], notNullRollout(table, column, major, []), [
    `SET NOT NULL on ${show(table, column)} reads every row under an ACCESS EXCLUSIVE lock${proof}; it fails while a row holds NULL.`,
  ]);
}

/** Expand → backfill → NOT VALID check → validate → SET NOT NULL → drop the check. */
function notNullRollout(table: ObjectName, column: string, major: number, first: readonly MigrationStep[]): MigrationStep[] {
  const [t, c] = [qualify(table), ident(column)];
  const check = ident(conventionalName(table.name, [column], 'not_null'));
  return [
    ...first,
    manual('backfill in batches until no row is updated, once the deployed code fills the column', `UPDATE ${t} SET ${c} = … WHERE ctid IN (SELECT ctid FROM ${t} WHERE ${c} IS NULL LIMIT ${BATCH});`),
    step(`ALTER TABLE ${t} ADD CONSTRAINT ${check} CHECK (${c} IS NOT NULL) NOT VALID;`, NOT_VALID),
    step(`ALTER TABLE ${t} VALIDATE CONSTRAINT ${check};`, VALIDATE),
    step(`ALTER TABLE ${t} ALTER COLUMN ${c} SET NOT NULL;`, major >= 12 ? 'PostgreSQL 12+ proves it from the validated check: no scan' : 'before PostgreSQL 12 this scans the table again under an ACCESS EXCLUSIVE lock'),
    step(`ALTER TABLE ${t} DROP CONSTRAINT ${check};`, 'redundant once NOT NULL holds'),
  ];
}

export function writeIdentity(w: Writer, change: Of<'column_identity_changed'>): void {
  const { from, to } = change;
  const alter = alterColumn(change);
  if (isIdentity(from) && isIdentity(to)) return w.add(PHASE.columnLast, change, [`${alter} SET GENERATED ${identityWord(to)};`]);
  if (isIdentity(from)) return w.add(PHASE.columnFirst, change, [`${alter} DROP IDENTITY;`]);
  if (!isIdentity(to)) return w.add(PHASE.columnDefault, change, []);
  const sequence = `pg_catalog.pg_get_serial_sequence(${singleQuoted(qualify(change.table))}, ${singleQuoted(change.column)})`;
  w.add(PHASE.columnLast, change, [
    `${alter} ADD GENERATED ${identityWord(to)} AS IDENTITY;`,
    step(`SELECT pg_catalog.setval(${sequence}, COALESCE(MAX(${ident(change.column)}), 0) + 1, false) FROM ${qualify(change.table)};`, 'the new sequence starts at 1: move it past the values already there'),
  ]);
}

/** DROP EXPRESSION where PostgreSQL has it; otherwise the column is made again. */
export function writeGenerated(w: Writer, change: Of<'column_generated_changed'>): void {
  const column = need(w.toColumn(change.table, change.column), 'column');
  const [t, c] = [qualify(change.table), ident(change.column)];
  if (change.to === null && w.major >= 13 && change.from?.endsWith('(stored)') === true) return w.add(PHASE.columnFirst, change, [`${alterColumn(change)} DROP EXPRESSION;`]);
  const changes = [change, ...w.claim(change.table, change.column, ['column_type_changed', 'column_default_changed', 'column_nullability_changed', 'column_identity_changed', 'column_collation_changed'])];
  const comment = column.comment === null ? [] : [commentOn(`COLUMN ${t}.${c}`, column.comment)];
  const lost = 'indexes, constraints and views on the column must be made again';
  if (change.to !== null) {
    return w.add(PHASE.addColumn, changes, piece([`ALTER TABLE ${t} DROP COLUMN ${c};`, `ALTER TABLE ${t} ADD COLUMN ${columnDefinition(column)};`, ...comment], [], [
      `PostgreSQL cannot give an existing column a new generation expression, so ${show(change.table, change.column)} is dropped and added again: the table is rewritten under an ACCESS EXCLUSIVE lock, and ${lost}.`,
    ]));
  }
  // Virtual columns (and stored ones before 13) have no DROP EXPRESSION: copy the values out.
  const copy = conventionalName(change.column, [], 'plain');
  w.add(PHASE.addColumn, changes, piece([
    `ALTER TABLE ${t} ADD COLUMN ${columnDefinition({ ...column, name: copy }, false)};`,
    `UPDATE ${t} SET ${ident(copy)} = ${c};`,
    `ALTER TABLE ${t} DROP COLUMN ${c};`,
    `ALTER TABLE ${t} RENAME COLUMN ${ident(copy)} TO ${c};`,
    ...(column.nullable ? [] : [`ALTER TABLE ${t} ALTER COLUMN ${c} SET NOT NULL;`]),
    ...comment,
  ], [], [`${show(change.table, change.column)} is copied into a plain column: the table is rewritten, and ${lost}.`]));
}

export function dropColumn(table: ObjectName, column: string): Piece {
  const sql = `ALTER TABLE ${qualify(table)} DROP COLUMN ${ident(column)};`;
  return piece([sql], [manual('first deploy code that no longer reads or writes the column'), step(sql, 'contract')], [
    `Dropping ${show(table, column)} loses its values and the indexes and constraints on it; it does not rewrite the table but ${EXCLUSIVE}.`,
  ]);
}
