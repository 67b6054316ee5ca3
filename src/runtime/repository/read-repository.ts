import { sql, type Expression, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { ValidationError } from '../errors/classes.js';
import { suggestion } from '../fuzzy.js';
import type { QueryOrigin } from '../monitor/origin.js';
import { validationError, type Problem } from '../validation/problems.js';
import type { ColumnDescriptor, TableDescriptor } from '../table-descriptor.js';
import { optionProblems, optionsHint, type MethodWithOptions } from './call-options.js';
import { CompiledStatements } from './compiled-statements.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { liveCondition } from './soft-delete.js';
import type { AnyBuilder, AnyDB, FindManyOptions, FindOneOptions, OrderBy, Page, PaginateOptions, ReadOptions, RepositoryOptions, RepositorySource, Values } from './types.js';
import { columnsByProperty, filterExpression, filteredColumns, parseFilter, type FilterScope, type ParsedFilter } from './where.js';

/** Takes the statement's value at an index: the value itself, or its slot while compiling once per shape. */
type ValueAt = (index: number) => unknown;
type Condition = (eb: AnyBuilder) => Expression<SqlBool>;
type Select = SelectQueryBuilder<AnyDB, string, Values>;

// Shapes of statements kept per repository: a few per method in a typical application.
const KEPT_STATEMENTS = 64;

/**
 * Reads of one table or view: filters, ordering, keyset pagination, counts. Generated code
 * subclasses it per view; tables get the write methods of WriteRepository and TableRepository.
 */
export class ReadRepository<DB, K extends keyof DB & string, Row> {
  protected readonly table: TableDescriptor;
  protected readonly tableName: string;
  protected readonly columns: ReadonlyMap<string, ColumnDescriptor>;
  protected readonly byName: ReadonlyMap<string, ColumnDescriptor>;
  /** Null when every property is spelled as its column: rows need no renaming. */
  protected readonly renames: ReadonlyMap<string, string> | null;

  /** Check values against the table before any SQL is sent (`validate`, default true). */
  protected readonly validate: boolean;

  constructor(
    protected readonly source: RepositorySource<DB>,
    table: TableDescriptor,
    options: RepositoryOptions = {},
  ) {
    this.validate = options.validate ?? true;
    this.table = table;
    this.tableName = table.schema === null ? table.name : `${table.schema}.${table.name}`;
    this.columns = columnsByProperty(table);
    this.byName = new Map(table.columns.map((column) => [column.name, column]));
    const renamed = table.columns.filter((column) => column.property !== column.name);
    this.renames = renamed.length === 0 ? null : new Map(renamed.map((column) => [column.name, column.property]));
    this.scope = { table, columns: this.columns, arrayParameters: false, checkValues: this.validate };
  }

  protected readonly statements = new CompiledStatements(KEPT_STATEMENTS);

  /** How filters compile; complete once `ready()` has asked the server what it supports. */
  protected scope: FilterScope;
  private known = false;

  protected async ready(): Promise<void> {
    if (this.known) return;
    this.scope = { ...this.scope, arrayParameters: (await this.source.features()).arrayParameters };
    this.known = true;
  }

  /**
   * This repository on another source (a transaction): an object whose prototype is this one, so
   * compiled statements and checks are shared; only the source differs.
   */
  on(source: RepositorySource<DB>): this {
    return Object.create(this, { source: { value: source } }) as this;
  }

  /** A typed Kysely query on this table, for what the repository methods do not cover. */
  query(): SelectQueryBuilder<DB, K, object> {
    return this.db.selectFrom(this.tableName) as unknown as SelectQueryBuilder<DB, K, object>;
  }

  async findMany<S extends keyof Row = keyof Row>(options: FindManyOptions<Row, S> = {}): Promise<Array<Pick<Row, S>>> {
    await this.ready();
    const values: unknown[] = [];
    const problems = optionProblems('findMany', options);
    const filter = this.parse(options.where, values, problems);
    const select = this.selection(options.select as readonly string[] | undefined, problems);
    const order = this.orderColumns(options.orderBy, problems);
    this.refuseRead('read', problems);
    const limit = options.limit === undefined ? null : values.push(options.limit) - 1;
    const offset = options.offset === undefined ? null : values.push(options.offset) - 1;
    const key = shapeKey(filter, 'many', options.withDeleted, select?.map(named).join('') ?? '*', order.map(([column, direction]) => named(column) + direction), limit === null ? '' : 'l', offset === null ? '' : 'o');
    const compiled = this.statements.get(key, values, (value) => {
      let query = this.selectColumns(this.filtered(filter, options.withDeleted, value), select);
      for (const [column, direction] of order) query = query.orderBy(column, direction);
      if (limit !== null) query = query.limit(value(limit) as number);
      if (offset !== null) {
        // SQLite and MySQL accept OFFSET only after a LIMIT.
        if (limit === null) query = query.limit(sql.lit(Number.MAX_SAFE_INTEGER) as unknown as number);
        query = query.offset(value(offset) as number);
      }
      return query;
    }, () => this.origin('findMany', filter, order, limit !== null));
    return this.toRows((await this.db.executeQuery<Values>(compiled)).rows) as Array<Pick<Row, S>>;
  }

  async findOne(options: FindOneOptions<Row> = {}): Promise<Row | undefined> {
    this.checkOptions('findOne', options);
    return (await this.findMany({ ...options, limit: 1 }))[0] as Row | undefined;
  }

  async count(options: ReadOptions<Row> = {}): Promise<number> {
    await this.ready();
    const values: unknown[] = [];
    const filter = this.checkedFilter(options.where, values, optionProblems('count', options));
    const compiled = this.statements.get(shapeKey(filter, 'count', options.withDeleted), values, (value) =>
      this.filtered(filter, options.withDeleted, value).select((eb) => eb.fn.countAll().as('count')),
    () => this.origin('count', filter, [], true));
    const { rows } = await this.db.executeQuery<Values>(compiled);
    return Number(rows[0]?.['count']);
  }

  async exists(options: ReadOptions<Row> = {}): Promise<boolean> {
    await this.ready();
    const values: unknown[] = [];
    const filter = this.checkedFilter(options.where, values, optionProblems('exists', options));
    const compiled = this.statements.get(shapeKey(filter, 'exists', options.withDeleted), values, (value) =>
      this.filtered(filter, options.withDeleted, value).select(sql.lit(1).as('found')).limit(1),
    () => this.origin('exists', filter, [], true));
    return (await this.db.executeQuery(compiled)).rows.length > 0;
  }

  /** Keyset pagination: stable under inserts and deletes, no OFFSET scans. */
  async paginate(options: PaginateOptions<Row>): Promise<Page<Row>> {
    await this.ready();
    const values: unknown[] = [];
    const problems = optionProblems('paginate', options);
    const filter = this.parse(options.where, values, problems);
    const order = this.orderColumns(options.orderBy, problems);
    this.refuseRead('read', problems);
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
    const after = options.after === undefined || options.after === null ? null : values.push(...decodeCursor(options.after, names, this.table.key)) - names.length;
    const limit = values.push(options.first + 1) - 1;
    const key = shapeKey(filter, 'page', options.withDeleted, order.map(([column, direction]) => named(column) + direction), after === null ? '' : 'a');
    const compiled = this.statements.get(key, values, (value) => {
      let query = this.selectColumns(this.filtered(filter, options.withDeleted, value), undefined);
      if (after !== null) query = query.where((eb) => keysetAfter(eb, order, (index) => value(after + index)));
      for (const [column, direction] of order) query = query.orderBy(column, direction);
      return query.limit(value(limit) as number);
    }, () => this.origin('paginate', filter, order, true));
    const rows = this.toRows((await this.db.executeQuery<Values>(compiled)).rows);
    const items = rows.slice(0, options.first) as Row[];
    const last = items.at(-1) as Values | undefined;
    const nextCursor =
      rows.length > options.first && last !== undefined ? encodeCursor(names, names.map((name) => last[this.byName.get(name)?.property ?? name])) : null;
    return { items, nextCursor };
  }

  protected get db(): Kysely<AnyDB> {
    return this.source.kysely as unknown as Kysely<AnyDB>;
  }

  /** Who built a statement, for the monitor: this table, the method, the columns it filters and orders by. */
  protected origin(method: string, filter: ParsedFilter | null, order: ReadonlyArray<readonly [string, string]>, limited: boolean): QueryOrigin {
    return { table: this.table.key, descriptor: this.table, method: `${this.table.key}.${method}`, filtered: filter === null ? [] : filteredColumns(filter.node), ordered: order.map(([column]) => column), limited };
  }

  /** The filter read against the table, its values added to `values`, its problems to `problems`; null for no filter. */
  protected parse(where: object | undefined, values: unknown[], problems: Problem[]): ParsedFilter | null {
    if (where === undefined || (typeof where === 'object' && where !== null && Object.keys(where).length === 0)) return null;
    return parseFilter(where, this.scope, values, problems);
  }

  /** The filter read against the table; a ValidationError listing every problem it has, and those already found. */
  protected checkedFilter(where: object | undefined, values: unknown[], problems: Problem[] = []): ParsedFilter | null {
    const filter = this.parse(where, values, problems);
    this.refuseRead('filter', problems);
    return filter;
  }

  private refuseRead(what: 'read' | 'filter', problems: readonly Problem[]): void {
    // On every call: the hint lists every column, so it is built only for a refusal.
    if (problems.length === 0) return;
    this.refuse(`Invalid ${what} ${what === 'read' ? 'of' : 'on'} ${this.table.kind} "${this.table.key}"`, problems, `Use the columns of "${this.table.key}": ${[...this.columns.keys()].join(', ')}.`);
  }

  /** Refuses options `method` does not take, or values it cannot use, before any SQL is sent. */
  protected checkOptions(method: MethodWithOptions, options: object): void {
    const problems = optionProblems(method, options);
    if (problems.length > 0) this.refuse(`Invalid options of ${this.table.key}.${method}`, problems, optionsHint(method));
  }

  /** Throws one ValidationError for everything wrong with a call's input, before any SQL is sent. */
  protected refuse(subject: string, problems: readonly Problem[], hint: string): void {
    if (problems.length > 0) throw validationError(subject, problems, this.source.mode ?? 'production', hint, { table: this.table.key });
  }

  /** SELECT … FROM the table, with the filter and the soft-delete rule applied. */
  protected filtered(filter: ParsedFilter | null, withDeleted: boolean | undefined, value: ValueAt): Select {
    const query = this.db.selectFrom(this.tableName) as unknown as Select;
    const condition = this.condition(filter, withDeleted === true, value);
    return condition === null ? query : query.where(condition);
  }

  /** The filter and the soft-delete rule as one condition, for any statement; null when neither applies. */
  protected condition(filter: ParsedFilter | null, withDeleted: boolean, value: ValueAt): Condition | null {
    const hidden = withDeleted ? null : this.notDeleted();
    if (filter === null) return hidden;
    return (eb) => {
      const matches = filterExpression(eb, filter.node, value);
      return hidden === null ? matches : eb.and([matches, hidden(eb)]);
    };
  }

  /** The condition for a statement compiled once, not kept: `where` read and its values bound. */
  protected conditionOf(where: object | undefined, withDeleted: boolean): Condition | null {
    const values: unknown[] = [];
    return this.condition(this.checkedFilter(where, values), withDeleted, (index) => values[index]);
  }

  /** The soft-delete rule: rows whose marker is set are deleted. */
  protected notDeleted(): Condition | null {
    const column = this.softDeleteColumn();
    return column === null ? null : liveCondition(column);
  }

  protected softDeleteColumn(): ColumnDescriptor | null {
    const name = this.table.softDeleteColumn;
    return name === null ? null : (this.byName.get(name) ?? null);
  }

  /** Every column, or the selected properties' columns; `toRows` then names them as properties. */
  protected selectColumns(query: Select, select: readonly string[] | undefined): Select {
    if (select === undefined) return query.selectAll();
    return query.select(select.map((property) => this.columnOf(property)));
  }

  protected columnOf(property: string): string {
    const column = this.columns.get(property);
    if (column === undefined) {
      throw new ValidationError(`"${property}" is not a column of ${this.table.kind} "${this.table.key}"${suggestion(property, this.columns.keys())}.`, {
        details: { table: this.table.key, column: property },
      });
    }
    return column.name;
  }

  /** The order as columns and directions; unknown columns and directions go to `problems`. */
  private orderColumns(orderBy: OrderBy<Row> | readonly OrderBy<Row>[] | undefined, problems: Problem[]): Array<[string, 'asc' | 'desc']> {
    const list = orderBy === undefined ? [] : Array.isArray(orderBy) ? (orderBy as readonly OrderBy<Row>[]) : [orderBy as OrderBy<Row>];
    const order: Array<[string, 'asc' | 'desc']> = [];
    for (const [index, entry] of list.entries()) {
      for (const [property, direction] of Object.entries(entry as Values)) {
        const path = Array.isArray(orderBy) ? ['orderBy', String(index), property] : ['orderBy', property];
        const column = this.columns.get(property);
        if (column === undefined) problems.push({ path, message: `is not a column of ${this.table.kind} "${this.table.key}"${suggestion(property, this.columns.keys())}` });
        else if (direction !== 'asc' && direction !== 'desc') problems.push({ path, message: 'must be "asc" or "desc"', received: direction });
        else order.push([column.name, direction]);
      }
    }
    return order;
  }

  /** The selected properties, checked; unknown ones go to `problems`. */
  private selection(select: readonly string[] | undefined, problems: Problem[]): readonly string[] | undefined {
    if (select === undefined) return undefined;
    for (const [index, property] of select.entries()) {
      if (!this.columns.has(property)) problems.push({ path: ['select', String(index)], message: `is "${property}", which is not a column of ${this.table.kind} "${this.table.key}"${suggestion(property, this.columns.keys())}` });
    }
    return select;
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
function keysetAfter(eb: AnyBuilder, order: ReadonlyArray<[string, 'asc' | 'desc']>, value: ValueAt): Expression<SqlBool> {
  const branches = order.map(([column, direction], index) =>
    eb.and([
      ...order.slice(0, index).map(([previous], at) => eb(eb.ref(previous), '=', value(at))),
      eb(eb.ref(column), direction === 'asc' ? '>' : '<', value(index)),
    ]),
  );
  return eb.or(branches);
}

/** A name in a shape key, length-prefixed so that no name, however hostile, makes two shapes alike. */
function named(name: string): string {
  return `${name.length}:${name}`;
}

/** The key of a statement's shape, or null when the filter's shape is not worth keeping. */
function shapeKey(filter: ParsedFilter | null, method: string, withDeleted: boolean | undefined, ...parts: ReadonlyArray<string | readonly string[]>): string | null {
  if (filter?.cacheable === false) return null;
  return `${method}${withDeleted === true ? '+' : ''}${filter?.key ?? ''}|${parts.map((part) => (typeof part === 'string' ? part : part.join(''))).join('|')}`;
}
