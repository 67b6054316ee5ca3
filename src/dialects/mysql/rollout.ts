import type { Change, ObjectName } from '../../diff/changes.js';
import { manual, step, type MigrationStep } from '../dialect.js';
import { integerRange } from '../../schema/integer-types.js';
import type { Column, ForeignKey, Table } from '../../schema/model.js';
import { alterClauses, columnDefinition, columnOf, COSTS, ident, literal, tableName, type Clause, type DdlTarget } from './ddl.js';

/**
 * Steps, safe rollouts and warnings. A rollout replaces a guide's steps when the application keeps
 * running: the checks first (each must come back empty or 0), then expand, dual-write, backfill in
 * batches, the rest of the ALTER, switch, contract. Templates carry `<value>` where only the user
 * knows what goes; application steps are SQL comments.
 */

// DDL commits any open transaction implicitly: it cannot take part in a larger one.
export function ddl(sql: string, comment?: string): MigrationStep {
  return step(sql, comment, false);
}

export function alterSql(table: string, clauses: readonly Clause[], suffix = ''): string {
  return `ALTER TABLE ${table}\n  ${clauses.map((clause) => clause.sql).join(',\n  ')}${suffix};`;
}

function required(column: Column): boolean {
  return !column.nullable && column.default === null && column.identity === null && column.generated === null;
}

const NOUNS: Partial<Record<Change['kind'], string>> = { unique_added: 'unique key', index_added: 'unique index', check_added: 'CHECK', primary_key_added: 'primary key', primary_key_changed: 'primary key' };

/** What a table's changes break or lose, as short sentences. */
export function changeWarnings(changes: readonly Change[], table: string, after: Table): string[] {
  const out: string[] = [];
  const restated = new Set<string>();
  for (const change of changes) {
    const column = columnOf(change);
    if (column !== null && change.kind !== 'column_renamed' && change.kind !== 'column_default_changed') restated.add(column);
    if (change.kind === 'column_dropped') out.push(`Drops ${ident(change.column.name)} and its data: deploy code that no longer uses it first.`);
    else if (change.kind === 'column_renamed') out.push(`Code that uses ${ident(change.from)} fails once it is renamed to ${ident(change.column.name)}; see the rollout.`);
    else if (change.kind === 'column_added' && required(change.column)) out.push(`${ident(change.column.name)} is NOT NULL without a default: existing rows get 0 or '' and inserts that leave it out fail; see the rollout.`);
    else if (change.kind === 'column_type_changed' && change.direction !== 'widened') out.push(`${ident(change.column)} changes from ${change.from.nativeType} to ${change.to.nativeType}: strict mode fails the ALTER on a value that does not fit, other modes cut it.`);
    else if (change.kind === 'column_values_removed') out.push(`${ident(change.column)} loses ${change.values.map(literal).join(', ')}: strict mode fails the ALTER on rows that hold them.`);
    else if (change.kind === 'column_nullability_changed' && !change.nullable) out.push(`${ident(change.column)} becomes NOT NULL: strict mode fails the ALTER if a row holds NULL.`);
    else if (change.kind === 'unique_added' || change.kind === 'check_added' || change.kind === 'primary_key_added' || change.kind === 'primary_key_changed' || (change.kind === 'index_added' && change.index.unique)) {
      out.push(`The ALTER fails if existing rows break the new ${NOUNS[change.kind] ?? 'key'}; the rollout finds them first.`);
    }
  }
  for (const column of after.columns) {
    // The schema model has no ON UPDATE clause, so MODIFY cannot restate it.
    if (restated.has(column.name) && (column.family === 'timestamp' || column.family === 'timestamptz')) {
      out.push(`MODIFY restates ${ident(column.name)} of ${table} without ON UPDATE: add it back if the column has one.`);
    }
  }
  return [...new Set(out)];
}

/** How this server runs the ALTER: its dearest clause decides. */
export function costWarning(server: string, table: string, clauses: readonly Clause[], foreignKeys: boolean): string | null {
  if (clauses.length === 0) return null;
  const worst = clauses.reduce((a, b) => (COSTS.indexOf(b.cost) > COSTS.indexOf(a.cost) ? b : a)).cost;
  const reasons = [...new Set(clauses.filter((clause) => clause.cost === worst && clause.why !== '').map((clause) => clause.why))];
  const why = reasons.length > 3 ? `${reasons.slice(0, 3).join(', ')} and ${reasons.length - 3} more` : reasons.join(', ');
  const on = `On ${server} this ALTER TABLE`;
  switch (worst) {
    case 'instant':
      return `${on} is instant (metadata only): add ALGORITHM=INSTANT so it fails rather than copies ${table}.`;
    case 'inplace':
      return `${on} runs in place without a rebuild: ALGORITHM=INPLACE, LOCK=NONE keeps reads and writes going.`;
    case 'rebuild':
      return `${on} rebuilds ${table} in place for ${why}: ALGORITHM=INPLACE, LOCK=NONE keeps writes going, but it takes as long as a copy.`;
    case 'locked':
      return `${on} blocks writes to ${table} while it builds ${why} (LOCK=SHARED).`;
    case 'copy': {
      const tool = foreignKeys ? 'pt-online-schema-change (gh-ost does not handle foreign keys)' : 'pt-online-schema-change or gh-ost';
      return `${on} copies ${table} (ALGORITHM=COPY) for ${why}: writes wait until it ends; on a large table use ${tool}.`;
    }
  }
}

/** Expand → dual-write → backfill → the rest → switch → contract, with the checks first. */
export function tableRollout(target: DdlTarget, changes: readonly Change[], before: Table, after: Table): MigrationStep[] {
  const t = tableName(target, after);
  const validate: MigrationStep[] = [];
  const expand: MigrationStep[] = [];
  const write: MigrationStep[] = [];
  const backfill: MigrationStep[] = [];
  const switches: MigrationStep[] = [];
  const contract: MigrationStep[] = [];
  const handled = new Set<Change>();
  const count = (where: string, comment: string): void => void validate.push(step(`SELECT COUNT(*) FROM ${t} WHERE ${where};`, comment));
  const batches = (set: string, where: string, comment: string): void => void backfill.push(step(`UPDATE ${t} SET ${set} WHERE ${where} LIMIT 10000;`, comment));
  for (const change of changes) {
    if (change.kind === 'column_added' && required(change.column)) {
      const c = ident(change.column.name);
      handled.add(change);
      expand.push(ddl(`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(target, { ...change.column, nullable: true })};`, 'Expand: add it nullable, so existing rows and current inserts stay valid.'));
      write.push(manual('New rows get a value from here on.', `deploy code that writes ${c} on every insert`));
      batches(`${c} = <value>`, `${c} IS NULL`, 'Backfill in batches: replace <value>, repeat until no row changes.');
      contract.push(ddl(`ALTER TABLE ${t} MODIFY COLUMN ${columnDefinition(target, change.column)};`, 'Contract: NOT NULL once no row is NULL (rebuilds the table in place).'));
    } else if (change.kind === 'column_renamed') {
      const [from, to] = [ident(change.from), ident(change.column.name)];
      for (const other of changes) if (columnOf(other) === change.column.name) handled.add(other);
      expand.push(ddl(`ALTER TABLE ${t} ADD COLUMN ${columnDefinition(target, { ...change.column, nullable: true, identity: null })} AFTER ${from};`, 'Expand: add the new column beside the old one.'));
      write.push(manual('Dual-write: every insert and update sets both columns.', `deploy code that writes both ${from} and ${to}`));
      batches(`${to} = ${from}`, `NOT (${to} <=> ${from})`, 'Backfill in batches: repeat until no row changes.');
      switches.push(manual('Switch: nothing uses the old column any more.', `deploy code that reads and writes only ${to}`));
      const modify = change.column.nullable ? '' : `, MODIFY COLUMN ${columnDefinition(target, change.column)}`;
      contract.push(ddl(`ALTER TABLE ${t} DROP COLUMN ${from}${modify};`, 'Contract: drop the old column (move its indexes and keys to the new one first).'));
    } else if (change.kind === 'column_type_changed' && change.direction !== 'widened') {
      const misfit = misfitOf(change.from, change.to);
      count(misfit ?? `${ident(change.column)} IS NOT NULL`, misfit === null ? `Every one of these values must convert to ${change.to.nativeType}: try the ALTER on a copy first.` : `Values that do not fit ${change.to.nativeType}: must be 0.`);
    } else if (change.kind === 'column_nullability_changed' && !change.nullable) {
      const c = ident(change.column);
      count(`${c} IS NULL`, 'Rows that block NOT NULL: backfill them (below) until this is 0.');
      batches(`${c} = <value>`, `${c} IS NULL`, 'Backfill in batches: replace <value>, repeat until no row changes.');
    } else if (change.kind === 'column_values_removed') {
      const c = ident(change.column);
      const set = after.columns.find((column) => column.name === change.column)?.family === 'set';
      count(change.values.map((value) => (set ? `FIND_IN_SET(${literal(value)}, ${c}) > 0` : `${c} = ${literal(value)}`)).join(' OR '), 'Rows holding the removed values: move them to another value first.');
    } else if (change.kind === 'unique_added' || (change.kind === 'index_added' && change.index.unique && change.index.parts.every((part) => part.column !== null))) {
      const parts = change.kind === 'unique_added' ? change.unique.columns.map(ident) : change.index.parts.map((part) => (part.prefixLength === null ? ident(part.column ?? '') : `LEFT(${ident(part.column ?? '')}, ${part.prefixLength})`));
      validate.push(step(duplicates(t, parts, true), 'Duplicates that block the unique key: must return no row.'));
    } else if (change.kind === 'primary_key_added' || change.kind === 'primary_key_changed') {
      validate.push(step(duplicates(t, change.columns.map(ident), false), 'Duplicates that block the primary key: must return no row.'));
      count(change.columns.map((column) => `${ident(column)} IS NULL`).join(' OR '), 'Primary key columns cannot hold NULL: must be 0.');
    } else if (change.kind === 'check_added') {
      count(`NOT (${change.check.expression})`, 'Rows the new CHECK rejects: must be 0.');
    }
  }
  if (validate.length + expand.length === 0) return [];
  const rest = alterClauses(target, changes.filter((change) => !handled.has(change)), before, after);
  const main = rest.length === 0 ? [] : [ddl(alterSql(t, rest), 'The remaining changes, once the checks above come back empty.')];
  return [...validate, ...expand, ...write, ...backfill, ...main, ...switches, ...contract];
}

function duplicates(table: string, parts: readonly string[], skipNulls: boolean): string {
  const list = parts.join(', ');
  // A unique index lets any number of rows hold NULL; a primary key holds none.
  const where = skipNulls ? ` WHERE ${parts.map((part) => `${part} IS NOT NULL`).join(' AND ')}` : '';
  return `SELECT ${list}, COUNT(*) FROM ${table}${where} GROUP BY ${list} HAVING COUNT(*) > 1 LIMIT 10;`;
}

/** A condition true for values that do not fit the new type, where one can be written. */
function misfitOf(from: Column, to: Column): string | null {
  const c = ident(to.name);
  if ((to.family === 'text' || to.family === 'binary') && to.length !== null) return `${to.family === 'text' ? 'CHAR_LENGTH' : 'LENGTH'}(${c}) > ${to.length}`;
  if (to.family === 'decimal' && to.precision !== null) return `ABS(${c}) >= 1${'0'.repeat(to.precision - (to.scale ?? 0))}`;
  const integer = integerRange(to.nativeType, to.unsigned);
  if (integer === undefined) return null;
  const range = `${c} NOT BETWEEN ${integer.min} AND ${integer.max}`;
  return from.family === 'text' ? `${c} NOT REGEXP '^[+-]?[0-9]+$' OR ${range}` : range;
}

/** Child rows whose parent row is missing: a key cannot be added over them. */
export function orphans(target: DdlTarget, table: ObjectName, fk: ForeignKey): string {
  const parent = tableName(target, { namespace: fk.references.namespace, name: fk.references.table });
  const on = fk.columns.map((column, index) => `parent.${ident(fk.references.columns[index] ?? '')} = child.${ident(column)}`).join(' AND ');
  // MATCH SIMPLE: a row with a NULL in the key is not checked.
  const where = fk.columns.map((column) => `child.${ident(column)} IS NOT NULL`).join(' AND ');
  return `SELECT COUNT(*) FROM ${tableName(target, table)} AS child LEFT JOIN ${parent} AS parent ON ${on} WHERE ${where} AND parent.${ident(fk.references.columns[0] ?? '')} IS NULL;`;
}
