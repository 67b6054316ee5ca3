import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { ValidationError } from '../errors/classes.js';
import type { ColumnDescriptor, TableDescriptor } from '../table-descriptor.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import type { AnyBuilder, AnyDB, FindManyOptions, OrderBy, Page, PaginateOptions, ReadOptions, RepositorySource, Values } from './types.js';
import { columnsByProperty, whereExpression, type FilterScope } from './where.js';

/**
 * Reads of one table or view: filters, ordering, keyset pagination, counts. Generated code
 * subclasses it per view; tables get the write methods of WriteRepository and TableRepository.
 */
export class ReadRepository<DB, K extends keyof DB & string, Row> {
  protected readonly table: TableDescriptor;
  protected readonly tableName: string;
  protected readonly columns: ReadonlyMap<string, string>;
  protected readonly byName: ReadonlyMap<string, ColumnDescriptor>;
  /** Null when every property is spelled as its column: rows need no renaming. */
  protected readonly renames: ReadonlyMap<string, string> | null;

  constructor(
    protected readonly source: RepositorySource<DB>,
    table: TableDescriptor,
  ) {
    this.table = table;
    this.tableName = table.schema === null ? table.name : `${table.schema}.${table.name}`;
    this.columns = columnsByProperty(table);
    this.byName = new Map(table.columns.map((column) => [column.name, column]));
    const renamed = table.columns.filter((column) => column.property !== column.name);
    this.renames = renamed.length === 0 ? null : new Map(renamed.map((column) => [column.name, column.property]));
    this.scope = { table, columns: this.columns, arrayParameters: false };
  }

  /** How filters compile; complete once `ready()` has asked the server what it supports. */
  protected scope: FilterScope;
  private known = false;

  protected async ready(): Promise<void> {
    if (this.known) return;
    this.scope = { ...this.scope, arrayParameters: (await this.source.features()).arrayParameters };
    this.known = true;
  }

  /** A typed Kysely query on this table, for what the repository methods do not cover. */
  query(): SelectQueryBuilder<DB, K, object> {
    return this.db.selectFrom(this.tableName) as unknown as SelectQueryBuilder<DB, K, object>;
  }

  async findMany<S extends keyof Row = keyof Row>(options: FindManyOptions<Row, S> = {}): Promise<Array<Pick<Row, S>>> {
    await this.ready();
    let query = this.selectColumns(this.filtered(options), options.select as readonly string[] | undefined);
    for (const [column, direction] of this.orderColumns(options.orderBy)) query = query.orderBy(column, direction);
    if (options.limit !== undefined) query = query.limit(options.limit);
    if (options.offset !== undefined) {
      // SQLite and MySQL accept OFFSET only after a LIMIT.
      if (options.limit === undefined) query = query.limit(sql.lit(Number.MAX_SAFE_INTEGER) as unknown as number);
      query = query.offset(options.offset);
    }
    return this.toRows(await query.execute()) as Array<Pick<Row, S>>;
  }

  async findOne(options: ReadOptions<Row> & { readonly orderBy?: OrderBy<Row> | readonly OrderBy<Row>[] } = {}): Promise<Row | undefined> {
    return (await this.findMany({ ...options, limit: 1 }))[0] as Row | undefined;
  }

  async count(options: ReadOptions<Row> = {}): Promise<number> {
    await this.ready();
    const row = await this.filtered(options)
      .select((eb) => eb.fn.countAll().as('count'))
      .executeTakeFirstOrThrow();
    return Number(row['count']);
  }

  async exists(options: ReadOptions<Row> = {}): Promise<boolean> {
    await this.ready();
    const row = await this.filtered(options)
      .select(sql.lit(1).as('found'))
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Keyset pagination: stable under inserts and deletes, no OFFSET scans. */
  async paginate(options: PaginateOptions<Row>): Promise<Page<Row>> {
    await this.ready();
    const order = this.orderColumns(options.orderBy);
    for (const key of this.table.primaryKey) if (!order.some(([column]) => column === key)) order.push([key, 'asc']);
    if (order.length === 0) {
      throw new ValidationError(`paginate on "${this.table.key}" needs an orderBy: it has no primary key to order by.`, {
        details: { table: this.table.key },
        hint: 'Pass orderBy ending in a column (or columns) whose values are unique.',
      });
    }
    for (const [column] of order) {
      if (this.byName.get(column)?.nullable) {
        throw new ValidationError(`paginate on "${this.table.key}" cannot order by "${column}": the column is nullable, and NULLs break keyset pages.`, {
          details: { table: this.table.key, column },
          hint: 'Order by NOT NULL columns, or use findMany with limit and offset.',
        });
      }
    }
    const names = order.map(([column]) => column);
    let query = this.selectColumns(this.filtered(options), undefined);
    if (options.after !== undefined && options.after !== null) {
      const values = decodeCursor(options.after, names, this.table.key);
      query = query.where((eb) => keysetAfter(eb, order, values));
    }
    for (const [column, direction] of order) query = query.orderBy(column, direction);
    const rows = this.toRows(await query.limit(options.first + 1).execute());
    const items = rows.slice(0, options.first) as Row[];
    const last = items.at(-1) as Values | undefined;
    const nextCursor =
      rows.length > options.first && last !== undefined ? encodeCursor(names, names.map((name) => last[this.byName.get(name)?.property ?? name])) : null;
    return { items, nextCursor };
  }

  protected get db(): Kysely<AnyDB> {
    return this.source.kysely as unknown as Kysely<AnyDB>;
  }

  /** SELECT … FROM the table, with the filter and the soft-delete rule applied. */
  protected filtered(options: ReadOptions<Row>): SelectQueryBuilder<AnyDB, string, Values> {
    const query = this.db.selectFrom(this.tableName) as unknown as SelectQueryBuilder<AnyDB, string, Values>;
    const condition = this.condition(options.where, options.withDeleted === true);
    return condition === null ? query : query.where(condition);
  }

  /** The filter and the soft-delete rule as one condition, for any statement; null when neither applies. */
  protected condition(where: object | undefined, withDeleted: boolean): ((eb: AnyBuilder) => Expression<SqlBool>) | null {
    const filter = where !== undefined && Object.keys(where).length > 0 ? where : null;
    const hidden = withDeleted ? null : this.notDeleted();
    if (filter === null) return hidden;
    return (eb) => {
      const matches = whereExpression(eb, filter, this.scope);
      return hidden === null ? matches : eb.and([matches, hidden(eb)]);
    };
  }

  /** The soft-delete rule: rows whose marker is set are deleted. */
  protected notDeleted(): ((eb: AnyBuilder) => Expression<SqlBool>) | null {
    const column = this.softDeleteColumn();
    if (column === null) return null;
    if (column.value === 'boolean') return (eb) => eb.or([eb(eb.ref(column.name), '=', false), eb(eb.ref(column.name), 'is', null)]);
    if (column.value === 'integer' && column.family === 'boolean') return (eb) => eb.or([eb(eb.ref(column.name), '=', 0), eb(eb.ref(column.name), 'is', null)]);
    return (eb) => eb(eb.ref(column.name), 'is', null);
  }

  protected softDeleteColumn(): ColumnDescriptor | null {
    const name = this.table.softDeleteColumn;
    return name === null ? null : (this.byName.get(name) ?? null);
  }

  protected selectColumns(query: SelectQueryBuilder<AnyDB, string, Values>, select: readonly string[] | undefined): SelectQueryBuilder<AnyDB, string, Values> {
    if (select === undefined && this.renames === null) return query.selectAll();
    const properties = select ?? this.table.columns.map((column) => column.property);
    return query.select((eb) => properties.map((property) => eb.ref(this.columnOf(property)).as(property)));
  }

  protected columnOf(property: string): string {
    const column = this.columns.get(property);
    if (column === undefined) throw new ValidationError(`Unknown column "${property}" on ${this.table.kind} "${this.table.key}".`, { details: { table: this.table.key, column: property } });
    return column;
  }

  private orderColumns(orderBy: OrderBy<Row> | readonly OrderBy<Row>[] | undefined): Array<[string, 'asc' | 'desc']> {
    const list = orderBy === undefined ? [] : Array.isArray(orderBy) ? (orderBy as readonly OrderBy<Row>[]) : [orderBy as OrderBy<Row>];
    return list.flatMap((entry) => Object.entries(entry as Values).map(([property, direction]): [string, 'asc' | 'desc'] => [this.columnOf(property), direction === 'desc' ? 'desc' : 'asc']));
  }

  /** Rows as the generated types name their keys (column names become properties). */
  protected toRows(rows: readonly Values[]): Values[] {
    const renames = this.renames;
    if (renames === null) return rows as Values[];
    return rows.map((row) => {
      const renamed: Values = {};
      for (const [key, value] of Object.entries(row)) renamed[renames.get(key) ?? key] = value;
      return renamed;
    });
  }
}

/** The rows after the cursor in the given order: (a > x) OR (a = x AND b > y) OR … */
function keysetAfter(eb: AnyBuilder, order: ReadonlyArray<[string, 'asc' | 'desc']>, values: readonly unknown[]): Expression<SqlBool> {
  const branches = order.map(([column, direction], index) =>
    eb.and([
      ...order.slice(0, index).map(([previous], at) => eb(eb.ref(previous), '=', values[at])),
      eb(eb.ref(column), direction === 'asc' ? '>' : '<', values[index]),
    ]),
  );
  return eb.or(branches);
}
