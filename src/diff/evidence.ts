import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Capabilities } from '../dialects/capabilities.js';
import { causeText } from '../runtime/errors/crudgen-error.js';
import type { Schema, Table } from '../schema/model.js';
import { groupBy } from '../util/group-by.js';
import type { ClassifiedChange } from './classify.js';
import { qualified, type RenameMap } from './diff-table.js';

/** What the data says about a change: how many rows it touches, in words and numbers. */
export interface Evidence {
  /** Rows in the table. */
  readonly rows: number;
  /** Rows (or values) the change loses or that make it fail; null when only `rows` matters. */
  readonly affected: number | null;
  readonly text: string;
}

/** One question for the database about one change, answered by an aggregate over one table. */
interface Question {
  readonly change: ClassifiedChange;
  readonly table: Table;
  /** An aggregate in the table's one summary query (null: `rows` answers it), or a query of its own. */
  readonly aggregate: RawBuilder<unknown> | null;
  readonly own: RawBuilder<unknown> | null;
  readonly describe: (rows: number, affected: number) => Evidence;
}

/**
 * Counts, on the live database that still holds the old schema, what the destructive and
 * data-dependent changes would lose or trip over: one summary query per table (rows, values,
 * nulls, over-long values, rows holding removed values), plus one query per new unique key,
 * foreign key and check. Returns evidence by change; a question the database refuses is
 * answered with its error instead of failing the diff.
 */
export async function gatherEvidence(db: Kysely<unknown>, changes: readonly ClassifiedChange[], live: Schema, capabilities: Capabilities, renames: RenameMap): Promise<Map<ClassifiedChange, Evidence>> {
  const oldTableName = new Map([...renames.tables].map(([old, renamed]) => [renamed, old]));
  const tables = new Map(live.tables.map((table) => [qualified(table), table]));
  const questions: Question[] = [];
  for (const change of changes) {
    if (change.level !== 'destructive' && change.level !== 'data-dependent' && change.code !== 'column-added-required' && change.code !== 'column-made-not-null') continue;
    const question = ask(change, (name) => tables.get(oldTableName.get(name) ?? name), renames, capabilities, live);
    if (question !== null) questions.push(...question);
  }
  const evidence = new Map<ClassifiedChange, Evidence>();
  for (const [table, asked] of groupBy(questions, (question) => question.table)) {
    const aggregates = asked.filter((question) => question.own === null);
    const columns = aggregates.flatMap((question, index) => (question.aggregate === null ? [] : [sql`${question.aggregate} as ${sql.id(`a${index}`)}`]));
    let summary: Record<string, unknown>;
    try {
      const result = await sql<Record<string, unknown>>`select ${sql.join([sql`count(*) as ${sql.id('rows')}`, ...columns])} from ${sql.id(table.namespace, table.name)}`.execute(db);
      summary = result.rows[0] ?? {};
    } catch (error) {
      for (const question of asked) evidence.set(question.change, { rows: 0, affected: null, text: `could not be counted: ${causeText(error)}` });
      continue;
    }
    const rows = Number(summary['rows'] ?? 0);
    aggregates.forEach((question, index) => {
      evidence.set(question.change, question.describe(rows, question.aggregate === null ? rows : Number(summary[`a${index}`] ?? 0)));
    });
    for (const question of asked) {
      if (question.own === null) continue;
      try {
        const result = await sql<{ n: unknown }>`${question.own}`.execute(db);
        evidence.set(question.change, question.describe(rows, Number(result.rows[0]?.n ?? 0)));
      } catch (error) {
        evidence.set(question.change, { rows, affected: null, text: `could not be counted: ${causeText(error)}` });
      }
    }
  }
  return evidence;
}

function ask(change: ClassifiedChange, tableOf: (name: string) => Table | undefined, renames: RenameMap, capabilities: Capabilities, live: Schema): Question[] | null {
  const item = change.change;
  const question = (table: Table | undefined, aggregate: RawBuilder<unknown> | null, own: RawBuilder<unknown> | null, describe: Question['describe']): Question[] | null =>
    table === undefined ? null : [{ change, table, aggregate, own, describe }];
  const oldColumn = (tableName: string, column: string): string => {
    for (const [old, renamed] of renames.columns.get(tableName) ?? []) if (renamed === column) return old;
    return column;
  };
  switch (item.kind) {
    case 'table_dropped':
      return question(tableOf(qualified(item.table)), null, null, (rows) => counted(rows, rows, rows === 0 ? 'the table is empty' : `the table holds ${plural(rows, 'row')}`));
    case 'column_dropped':
    case 'column_collation_changed':
    case 'column_type_changed': {
      const name = item.kind === 'column_dropped' ? item.column.name : oldColumn(qualified(item.table), item.column);
      const table = tableOf(qualified(item.table));
      const column = sql.id(name);
      const length = item.kind === 'column_type_changed' && item.direction === 'narrowed' ? item.to.length : null;
      if (length !== null) {
        const measure = capabilities.lengthCountsBytes ? 'char_length' : 'length';
        return question(table, sql`sum(case when ${sql.raw(measure)}(${column}) > ${length} then 1 else 0 end)`, null, (rows, affected) =>
          counted(rows, affected, affected === 0 ? `no value is longer than ${length} characters${rows === 0 ? ' (the table is empty)' : ''}` : `${plural(affected, 'value')} longer than ${length} characters`));
      }
      return question(table, sql`count(${column})`, null, (rows, affected) => counted(rows, affected, rows === 0 ? 'the table is empty' : affected === 0 ? `no row holds a value (${plural(rows, 'row')})` : `${plural(affected, 'non-null value')} in ${plural(rows, 'row')}`));
    }
    case 'column_nullability_changed': {
      const column = sql.id(oldColumn(qualified(item.table), item.column));
      return question(tableOf(qualified(item.table)), sql`count(*) - count(${column})`, null, (rows, affected) => counted(rows, affected, rows === 0 ? 'the table is empty' : affected === 0 ? 'no row holds null' : `${plural(affected, 'row')} ${affected === 1 ? 'holds' : 'hold'} null`));
    }
    case 'column_added':
      return question(tableOf(qualified(item.table)), null, null, (rows) => counted(rows, rows, rows === 0 ? 'the table is empty' : `the table holds ${plural(rows, 'row')}, which need a value`));
    case 'column_values_removed': {
      const column = sql.id(oldColumn(qualified(item.table), item.column));
      return question(tableOf(qualified(item.table)), holding(column, item.values), null, (rows, affected) => counted(rows, affected, affected === 0 ? `no row holds ${item.values.join(', ')}` : `${plural(affected, 'row')} ${affected === 1 ? 'holds' : 'hold'} a removed value`));
    }
    case 'enum_values_removed': {
      const users = live.tables.flatMap((table) => table.columns.filter((column) => column.enumRef?.namespace === item.enum.namespace && column.enumRef.name === item.enum.name).map((column) => ({ table, column })));
      return users.map(({ table, column }) => ({
        change,
        table,
        aggregate: holding(sql.id(column.name), item.values),
        own: null,
        describe: (rows: number, affected: number) => counted(rows, affected, affected === 0 ? `no row of ${table.name}.${column.name} holds ${item.values.join(', ')}` : `${plural(affected, 'row')} of ${table.name}.${column.name} ${affected === 1 ? 'holds' : 'hold'} a removed value`),
      }));
    }
    case 'unique_added':
    case 'index_added':
    case 'primary_key_added':
    case 'primary_key_changed': {
      const names = item.kind === 'unique_added' ? item.unique.columns : item.kind === 'index_added' ? item.index.parts.map((part) => part.column) : item.columns;
      if (names.some((name) => name === null)) return null;
      const table = tableOf(qualified(item.table));
      const columns = (names as string[]).map((name) => sql.id(oldColumn(qualified(item.table), name)));
      if (table === undefined || !(names as string[]).every((name) => table.columns.some((column) => column.name === oldColumn(qualified(item.table), name)))) return null;
      const repeated = sql`select count(*) as ${sql.id('n')} from (select ${sql.join(columns)} from ${sql.id(table.namespace, table.name)} where ${sql.join(columns.map((column) => sql`${column} is not null`), sql` and `)} group by ${sql.join(columns)} having count(*) > 1) ${sql.id('repeated')}`;
      return question(table, null, repeated, (rows, affected) => counted(rows, affected, affected === 0 ? 'no value repeats' : `${plural(affected, 'value')} ${affected === 1 ? 'repeats' : 'repeat'}`));
    }
    case 'foreign_key_added': {
      const table = tableOf(qualified(item.table));
      const target = tableOf(`${item.foreignKey.references.namespace}.${item.foreignKey.references.table}`);
      if (table === undefined) return null;
      const columns = item.foreignKey.columns.map((name) => oldColumn(qualified(item.table), name));
      if (!columns.every((name) => table.columns.some((column) => column.name === name))) return null;
      const present = sql.join(columns.map((name) => sql`${sql.id('child', name)} is not null`), sql` and `);
      const orphans = target === undefined
        ? sql`select count(*) as ${sql.id('n')} from ${sql.id(table.namespace, table.name)} ${sql.id('child')} where ${present}`
        : sql`select count(*) as ${sql.id('n')} from ${sql.id(table.namespace, table.name)} ${sql.id('child')} where ${present} and not exists (select 1 from ${sql.id(target.namespace, target.name)} ${sql.id('parent')} where ${sql.join(
            columns.map((name, index) => sql`${sql.id('parent', item.foreignKey.references.columns[index] as string)} = ${sql.id('child', name)}`),
            sql` and `,
          )})`;
      return question(table, null, orphans, (rows, affected) => counted(rows, affected, affected === 0 ? 'every row references an existing row' : `${plural(affected, 'row')} ${affected === 1 ? 'references' : 'reference'} no existing row`));
    }
    case 'check_added': {
      const table = tableOf(qualified(item.table));
      if (table === undefined) return null;
      // The condition comes from a schema of the same database system, so the database can evaluate it.
      const breaking = sql`select count(*) as ${sql.id('n')} from ${sql.id(table.namespace, table.name)} where not (${sql.raw(item.check.expression)})`;
      return question(table, null, breaking, (rows, affected) => counted(rows, affected, affected === 0 ? 'no row breaks it' : `${plural(affected, 'row')} ${affected === 1 ? 'breaks' : 'break'} it`));
    }
    default:
      return null;
  }
}

function holding(column: RawBuilder<unknown>, values: readonly string[]): RawBuilder<unknown> {
  return sql`sum(case when ${column} in (${sql.join(values)}) then 1 else 0 end)`;
}

function counted(rows: number, affected: number, text: string): Evidence {
  return { rows, affected, text };
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
