import type { Change, ObjectName } from '../../diff/changes.js';
import type { CheckConstraint, Domain } from '../../schema/model.js';
import { normalizedSql } from '../../schema/normalize.js';
import { manual, step } from '../dialect.js';
import { conventionalName, createDomain, createEnum, qualify } from './ddl.js';
import { doubleQuoted as ident, singleQuoted } from '../quoting.js';
import { PHASE } from './migration-order.js';
import { NOT_VALID, piece, show, VALIDATE, type Piece } from './migration-steps.js';
import { key, need, type Of, type Writer } from './migration-writer.js';

/** Enums and domains: values added, checks and NOT NULL changed in place, or the type made anew. */

/** Each value in the new order: after the value before it (there by then), else before the first old one; at the end without either. */
export function addEnumValues(type: ObjectName, values: readonly string[], added: readonly string[], major: number): Piece {
  const steps = added.map((value) => {
    const at = values.indexOf(value);
    const position = values.slice(at + 1).every((next) => added.includes(next)) ? ''
      : at > 0 ? ` AFTER ${singleQuoted(values[at - 1] ?? '')}` : ` BEFORE ${singleQuoted(values.find((next) => !added.includes(next)) ?? '')}`;
    const sql = `ALTER TYPE ${qualify(type)} ADD VALUE ${singleQuoted(value)}${position};`;
    return major >= 12 ? step(sql) : step(sql, 'before PostgreSQL 12 ALTER TYPE … ADD VALUE cannot run inside a transaction block', false);
  });
  return piece(steps, [], [`A value added to ${show(type)} cannot be used before its transaction commits: run later statements that use it (defaults, checks, rows) after.`]);
}

/** What ALTER DOMAIN can do: loosen (drop checks, NOT NULL, defaults) early, tighten late. */
export function alterDomain(from: Domain, to: Domain): { loosen: Piece; tighten: Piece } {
  const d = `ALTER DOMAIN ${qualify(to)}`;
  // Checks compare as the diff compares them.
  const text = (check: CheckConstraint): string => normalizedSql(check.expression);
  const name = (check: CheckConstraint): string => ident(check.name ?? conventionalName(to.name, [], 'check'));
  const loosen = from.checks.filter((check) => !to.checks.some((other) => text(other) === text(check))).map((check) => `${d} DROP CONSTRAINT ${name(check)};`);
  if (!from.nullable && to.nullable) loosen.push(`${d} DROP NOT NULL;`);
  if (from.default?.raw !== to.default?.raw) loosen.push(to.default === null ? `${d} DROP DEFAULT;` : `${d} SET DEFAULT ${to.default.raw};`);
  const added = to.checks.filter((check) => !from.checks.some((other) => text(other) === text(check)));
  const notNull = from.nullable && !to.nullable ? [`${d} SET NOT NULL;`] : [];
  const rollout = [...added.flatMap((check) => [step(`${d} ADD CONSTRAINT ${name(check)} CHECK (${check.expression}) NOT VALID;`, NOT_VALID), step(`${d} VALIDATE CONSTRAINT ${name(check)};`, VALIDATE)]), ...notNull.map((sql) => step(sql))];
  const tighten = [...added.map((check) => `${d} ADD CONSTRAINT ${name(check)} CHECK (${check.expression});`), ...notNull];
  return {
    loosen: piece(loosen),
    tighten: piece(tighten, rollout, tighten.length === 0 ? [] : [`A new check or NOT NULL on ${show(to)} reads every column that uses it, locking their tables; it fails if a stored value breaks it.`]),
  };
}

/**
 * PostgreSQL cannot remove an enum value or change a domain's base type: rename the old type,
 * create the new one, move each column over (through text, or the new base type), drop the old.
 */
export function writeRemadeType(w: Writer, change: Of<'enum_values_removed' | 'domain_changed'>): void {
  const isEnum = change.kind === 'enum_values_removed';
  const type = isEnum ? change.enum : change.domain;
  const kind = isEnum ? 'TYPE' : 'DOMAIN';
  const create = isEnum ? createEnum(need(w.context.to.enums.find((item) => key(item) === key(type)), 'enum')) : createDomain(change.to);
  const via = isEnum ? 'text' : change.to.baseType;
  const old = { namespace: type.namespace, name: freeName(w, type) };
  const changes: Change[] = [change, ...w.changes.filter((other) => other.kind === 'enum_values_added' && key(other.enum) === key(type))];
  const columns = w.columnsUsing(type);
  const alters = columns.flatMap(({ table, column }) => {
    const alter = `ALTER TABLE ${qualify(table)} ALTER COLUMN ${ident(column.name)}`;
    const defaults = w.claim(table, column.name, ['column_default_changed']);
    changes.push(...defaults);
    // The old default names the old type, which does not cast; it is set again after.
    return [
      ...(column.default !== null || defaults.length > 0 ? [`${alter} DROP DEFAULT;`] : []),
      `${alter} TYPE ${column.nativeType} USING ${ident(column.name)}::${via}${'[]'.repeat(column.arrayDimensions)}::${column.nativeType};`,
      ...(column.default === null ? [] : [`${alter} SET DEFAULT ${column.default.raw};`]),
    ];
  });
  const first = [`ALTER ${kind} ${qualify(type)} RENAME TO ${ident(old.name)};`, ...create];
  const moved = columns.map(({ table, column }) => show(table, column.name));
  const removed = isEnum ? change.values.map(singleQuoted).join(', ') : '';
  const backfill = removed === '' ? [] : [...columns.map(({ table, column }) => {
    const c = ident(column.name);
    const where = column.arrayDimensions > 0 ? `${c}::text[] && ARRAY[${removed}]` : `${c}::text IN (${removed})`;
    return manual(`move the rows of ${show(table, column.name)} off the removed values`, `UPDATE ${qualify(table)} SET ${c} = … WHERE ${where};`);
  }), manual('deploy code that no longer writes them')];
  w.add(PHASE.remakeType, changes, piece(first, backfill.length === 0 ? [] : [...backfill, ...first.map((sql) => step(sql))], [
    `PostgreSQL cannot ${isEnum ? 'remove a value from an enum' : 'change the base type of a domain'}: ${show(type)} is created anew and the old one dropped at the end${moved.length === 0 ? '' : `; ${moved.join(', ')} move to it, each table rewritten under an ACCESS EXCLUSIVE lock, failing while a row holds a value the new type lacks`}. Checks, indexes, functions and other types that name the type must follow by hand.`,
  ]));
  if (alters.length > 0) w.add(PHASE.columnType, changes, alters);
  w.add(isEnum ? PHASE.dropType : PHASE.dropDomain, changes, [`DROP ${kind} ${qualify(old)};`]);
}

/** `name_old` (or `name_old2`, …): a name no type, table or view of either schema has. */
function freeName(w: Writer, type: ObjectName): string {
  const used = new Set([w.context.from, w.context.to].flatMap((schema) => [...schema.enums, ...schema.domains, ...schema.tables, ...schema.views]).map(key));
  let name = conventionalName(type.name, [], 'old');
  for (let n = 2; used.has(key({ namespace: type.namespace, name })); n++) name = conventionalName(type.name, [], `old${n}`);
  return name;
}
