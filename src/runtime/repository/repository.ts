import { createQueryId, sql, type CompiledQuery, type Expression, type ExpressionBuilder, type Kysely, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { ZodType } from 'zod';
import type { ServerFeatures } from '../dialects/types.js';
import { NotFoundError, ValidationError } from '../errors/classes.js';
import type { ColumnDescriptor, TableDescriptor } from '../table-descriptor.js';
import { directCheck, type Problem } from '../validation/table-validators.js';
import { chunkRows, groupByColumns } from './chunks.js';
import { decodeCursor, encodeCursor } from './cursor.js';
import { columnsByProperty, whereExpression, type FilterScope, type Where } from './where.js';

/** What repositories run on: a `Database` from `createDatabase`, or one bound to a transaction. */
export interface RepositorySource<DB> {
  readonly kysely: Kysely<DB>;
  features(): Promise<ServerFeatures>;
}

export interface RepositoryOptions {
  /** Check writes against the table's validators before they reach the database (default true). */
  readonly validate?: boolean;
}

/** Sort order: `{ createdAt: 'desc' }`, or several of them in order. */
export type OrderBy<Row> = { readonly [K in keyof Row]?: 'asc' | 'desc' };

export interface ReadOptions<Row> {
  readonly where?: Where<Row>;
  /** Include rows marked deleted by the soft-delete column. */
  readonly withDeleted?: boolean;
}

export interface FindManyOptions<Row, S extends keyof Row> extends ReadOptions<Row> {
  readonly orderBy?: OrderBy<Row> | readonly OrderBy<Row>[];
  readonly limit?: number;
  readonly offset?: number;
  readonly select?: readonly S[];
}

export interface PaginateOptions<Row> extends ReadOptions<Row> {
  /** Page size. */
  readonly first: number;
  /** The previous page's `nextCursor`; absent or null for the first page. */
  readonly after?: string | null;
  /** Ends with the primary key automatically; without one, the last column must be unique. */
  readonly orderBy?: OrderBy<Row> | readonly OrderBy<Row>[];
}

export interface Page<Row> {
  readonly items: Row[];
  /** Where the next page starts; null on the last page. */
  readonly nextCursor: string | null;
}

export interface Validators {
  readonly insert?: ZodType;
  readonly update?: ZodType;
}

type Values = Record<string, unknown>;
// Queries over a table known only at run time; the row types of the subclasses guard the callers.
type AnyDB = Record<string, Values>;
type AnyBuilder = ExpressionBuilder<AnyDB, string>;

/**
 * Reads of one table or view: filters, ordering, keyset pagination, counts. Generated code
 * subclasses it per view; tables get the write methods of the classes below.
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
    let query = this.db.selectFrom(this.tableName) as unknown as SelectQueryBuilder<AnyDB, string, Values>;
    const where = options.where;
    if (where !== undefined && Object.keys(where).length > 0) query = query.where((eb) => whereExpression(eb, where, this.scope));
    const hidden = options.withDeleted === true ? null : this.notDeleted();
    if (hidden !== null) query = query.where(hidden);
    return query;
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

function hasUndefined(values: Values): boolean {
  for (const key in values) if (values[key] === undefined) return true;
  return false;
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

/**
 * Writes to a table: validated creates and updates, batches in one transaction, upserts.
 * Tables without a primary key get this class; keyed tables get `TableRepository`.
 */
export class WriteRepository<DB, K extends keyof DB & string, Row, Insert, Update> extends ReadRepository<DB, K, Row> {
  protected readonly validators: Validators;
  protected readonly validate: boolean;

  constructor(source: RepositorySource<DB>, table: TableDescriptor, validators: Validators, options: RepositoryOptions = {}) {
    super(source, table);
    this.validators = validators;
    this.validate = options.validate ?? true;
  }

  /** Inserts one row (validated) and returns it as stored, defaults and generated values included. */
  async create(row: Insert): Promise<Row> {
    const values = this.toColumns(this.checked('insert', row, null));
    const features = await this.source.features();
    if (features.returning) {
      const compiled = this.db.insertInto(this.tableName).values(values).returningAll().compile();
      const { rows } = await this.db.executeQuery<Values>(compiled);
      return this.toRows(rows)[0] as Row;
    }
    const result = await this.db.insertInto(this.tableName).values(values).executeTakeFirstOrThrow();
    const key = this.keyAfterInsert(values, result.insertId);
    // Without RETURNING and without a key the row cannot be found again; what was written is all there is.
    if (key === null) return this.toRows([values])[0] as Row;
    return (await this.readByKey(key)) as Row;
  }

  /**
   * Inserts many rows: all are validated first, then written in as few statements as the server's
   * limits allow, all or nothing (in a transaction of their own, or the caller's).
   */
  async createMany(rows: readonly Insert[]): Promise<{ count: number }> {
    const values = rows.map((row, index) => this.toColumns(this.checked('insert', row, index)));
    if (values.length === 0) return { count: 0 };
    const features = await this.source.features();
    return this.atomically(async (db) => {
      let count = 0;
      for (const group of groupByColumns(values)) {
        const columns = Object.keys(group[0] ?? {});
        for (const chunk of chunkRows(group, columns.length, features)) {
          const template = this.insertStatement(columns, chunk.length);
          const parameters = chunk.flatMap((row) => columns.map((column) => row[column]));
          const result = await db.executeQuery({ ...template, queryId: createQueryId(), parameters });
          count += Number(result.numAffectedRows ?? BigInt(chunk.length));
        }
      }
      return { count };
    });
  }

  private readonly insertStatements = new Map<string, CompiledQuery>();

  /**
   * A multi-row INSERT for these columns and this many rows, compiled once: building the query
   * for thousands of rows cost more than sending it. Parameters go row by row, column by column.
   */
  private insertStatement(columns: readonly string[], rows: number): CompiledQuery {
    const key = `${rows}\u0000${columns.join('\u0000')}`;
    let statement = this.insertStatements.get(key);
    if (statement === undefined) {
      const placeholder = Object.fromEntries(columns.map((column) => [column, null]));
      statement = this.db.insertInto(this.tableName).values(Array.from({ length: rows }, () => placeholder)).compile();
      // A few shapes repeat (full chunks, a last one); keep those, not every size ever seen.
      if (this.insertStatements.size >= 8) this.insertStatements.delete(this.insertStatements.keys().next().value as string);
      this.insertStatements.set(key, statement);
    }
    return statement;
  }

  /** Applies the same change to every row the filter matches; returns how many. */
  async updateMany(where: Where<Row>, changes: Update): Promise<{ count: number }> {
    await this.ready();
    const values = this.toColumns(this.checked('update', changes, null));
    if (Object.keys(values).length === 0) return { count: 0 };
    const result = await this.filteredUpdate(where).set(values).executeTakeFirst();
    return { count: Number(result.numUpdatedRows) };
  }

  /** Deletes (or, with a soft-delete column, marks deleted) every row the filter matches. */
  async deleteMany(where: Where<Row>): Promise<{ count: number }> {
    await this.ready();
    const marker = this.deletedMarker();
    if (marker !== null) {
      const result = await this.filteredUpdate(where).set(marker).executeTakeFirst();
      return { count: Number(result.numUpdatedRows) };
    }
    let query = this.db.deleteFrom(this.tableName);
    if (Object.keys(where).length > 0) query = query.where((eb) => whereExpression(eb as unknown as AnyBuilder, where, this.scope));
    const result = await query.executeTakeFirst();
    return { count: Number(result.numDeletedRows) };
  }

  /**
   * Inserts the row, or updates the existing one that has the same primary key (or the same
   * values in `on`, a unique key given by its columns), and returns it.
   */
  async upsert(row: Insert, options: { readonly on?: readonly (keyof Row & string)[] } = {}): Promise<Row> {
    const values = this.toColumns(this.checked('insert', row, null));
    const conflict = this.conflictColumns(options.on);
    const missing = conflict.filter((column) => !(column in values));
    if (missing.length > 0) {
      throw new ValidationError(`upsert on "${this.table.key}" needs the values of ${missing.map((c) => `"${c}"`).join(', ')} to find an existing row.`, {
        details: { table: this.table.key, missing },
      });
    }
    const changes = Object.fromEntries(Object.entries(values).filter(([column]) => !conflict.includes(column)));
    const features = await this.source.features();
    // A row that only names its key still upserts: "updating" the key to itself makes the row returned.
    const set = Object.keys(changes).length > 0 ? changes : { [conflict[0] as string]: values[conflict[0] as string] };
    const insert = this.db.insertInto(this.tableName).values(values);
    if (features.upsert === 'on_conflict') {
      const query = insert.onConflict((oc) => oc.columns(conflict).doUpdateSet(set));
      if (features.returning) {
        const { rows } = await this.db.executeQuery<Values>(query.returningAll().compile());
        return this.toRows(rows)[0] as Row;
      }
      await query.executeTakeFirst();
    } else {
      // MySQL picks the conflicting unique key itself; the row is then read back by the one named.
      await insert.onDuplicateKeyUpdate(set).executeTakeFirst();
    }
    return (await this.readByKey(Object.fromEntries(conflict.map((column) => [column, values[column]])))) as Row;
  }

  /** Runs `work` in a transaction, or in the caller's when this repository is bound to one. */
  protected atomically<T>(work: (db: Kysely<AnyDB>) => Promise<T>): Promise<T> {
    return this.db.isTransaction ? work(this.db) : this.db.transaction().execute((trx) => work(trx));
  }

  protected filteredUpdate(where: Where<Row>) {
    let query = this.db.updateTable(this.tableName);
    if (Object.keys(where).length > 0) query = query.where((eb) => whereExpression(eb as unknown as AnyBuilder, where, this.scope));
    const hidden = this.notDeleted();
    if (hidden !== null) query = query.where((eb) => hidden(eb as unknown as AnyBuilder));
    return query;
  }

  /** The change that marks a row deleted, or null without a soft-delete column. */
  protected deletedMarker(): Values | null {
    const column = this.softDeleteColumn();
    if (column === null) return null;
    const value =
      column.value === 'boolean' ? true
      : column.family === 'boolean' || column.value === 'integer' ? 1
      : column.value === 'timestamp' ? new Date()
      : new Date().toISOString();
    return { [column.name]: value };
  }

  /** Validated input (unless validation is off), or a ValidationError naming every problem. */
  protected checked(kind: 'insert' | 'update', input: unknown, index: number | null): Values {
    const validator = this.validators[kind];
    if (!this.validate || validator === undefined) return input as Values;
    const direct = directCheck(validator);
    let problems: readonly Problem[];
    if (direct !== undefined) {
      problems = direct(input);
    } else {
      const result = validator.safeParse(input);
      if (result.success) return result.data as Values;
      problems = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
    }
    if (problems.length === 0) return input as Values;
    const issues = problems.map((problem) => ({ path: [...(index === null ? [] : [String(index)]), ...problem.path], message: problem.message }));
    const where = index === null ? '' : ` (row ${index})`;
    const listed = problems.map((problem) => `${problem.path.join('.') || '(row)'} ${problem.message}`).join('; ');
    throw new ValidationError(`Invalid ${kind === 'insert' ? 'new row' : 'change'} for "${this.table.key}"${where}: ${listed}.`, {
      details: { table: this.table.key, issues },
      hint: 'Fix the listed fields; the database was not called.',
    });
  }

  /** Property keys to column names, for the query builder. */
  protected toColumns(values: Values): Values {
    // Spelled as its columns and without undefined members, a row goes to the query as it is:
    // a batch of 10,000 rows need not be copied.
    if (this.renames === null && this.validate && !hasUndefined(values)) return values;
    const out: Values = {};
    for (const [property, value] of Object.entries(values)) if (value !== undefined) out[this.columnOf(property)] = value;
    return out;
  }

  /** The key to find a row just inserted without RETURNING: given by the caller or the auto-increment id. */
  private keyAfterInsert(values: Values, insertId: bigint | undefined): Values | null {
    const key = this.table.primaryKey;
    if (key.length === 0) return null;
    if (key.every((column) => values[column] !== undefined)) return Object.fromEntries(key.map((column) => [column, values[column]]));
    const [only] = key;
    if (key.length !== 1 || only === undefined || insertId === undefined) return null;
    const column = this.byName.get(only);
    return { [only]: column?.value === 'int8' || column?.value === 'numeric' ? String(insertId) : Number(insertId) };
  }

  protected async readByKey(key: Values): Promise<Row | undefined> {
    const row = await this.db
      .selectFrom(this.tableName)
      .selectAll()
      .where((eb) => eb.and(Object.entries(key).map(([column, value]) => eb(eb.ref(column), '=', value))))
      .executeTakeFirst();
    return row === undefined ? undefined : (this.toRows([row])[0] as Row);
  }

  private conflictColumns(on: readonly string[] | undefined): string[] {
    if (on === undefined) {
      if (this.table.primaryKey.length > 0) return [...this.table.primaryKey];
      throw new ValidationError(`upsert on "${this.table.key}" needs \`on\`: the table has no primary key.`, {
        details: { table: this.table.key, uniqueKeys: this.table.uniqueKeys },
        hint: `Name the columns of a unique key, e.g. on: ${JSON.stringify(this.table.uniqueKeys[0] ?? [])}.`,
      });
    }
    const columns = on.map((property) => this.columnOf(property));
    const keys = [this.table.primaryKey, ...this.table.uniqueKeys].filter((key) => key.length > 0);
    const matches = keys.some((key) => key.length === columns.length && key.every((column) => columns.includes(column)));
    if (!matches) {
      throw new ValidationError(`upsert on "${this.table.key}": ${JSON.stringify(on)} is not the primary key or a unique key.`, {
        details: { table: this.table.key, on, keys },
        hint: `Use one of ${keys.map((key) => JSON.stringify(key)).join(', ')}.`,
      });
    }
    return columns;
  }
}

/** A table with a primary key: everything above, plus reads, updates and deletes by id. */
export class TableRepository<DB, K extends keyof DB & string, Row, Insert, Update, Id> extends WriteRepository<DB, K, Row, Insert, Update> {
  /** The row with this primary key (an object of the key columns for a composite key), or undefined. */
  async findById(id: Id, options: { readonly withDeleted?: boolean } = {}): Promise<Row | undefined> {
    const withDeleted = options.withDeleted === true;
    const [only, ...rest] = this.table.primaryKey;
    let compiled: CompiledQuery;
    if (only !== undefined && rest.length === 0) {
      // The hot path: the statement for a one-column key is built and compiled once, and each
      // call only swaps its first parameter (the key comes first in the WHERE clause).
      const index = withDeleted ? 1 : 0;
      const cached = (this.byId[index] ??= this.findByIdQuery(withDeleted, (query) => query.where(only, '=', id)).compile());
      compiled = { ...cached, queryId: createQueryId(), parameters: [id, ...cached.parameters.slice(1)] };
    } else {
      compiled = this.findByIdQuery(withDeleted, (query) => query.where((eb) => this.keyCondition(eb as unknown as AnyBuilder, id))).compile();
    }
    const { rows } = await this.db.executeQuery<Values>(compiled);
    return rows[0] === undefined ? undefined : (this.toRows(rows)[0] as Row);
  }

  private readonly byId: [CompiledQuery?, CompiledQuery?] = [];

  private findByIdQuery(withDeleted: boolean, byKey: (query: SelectQueryBuilder<AnyDB, string, Values>) => SelectQueryBuilder<AnyDB, string, Values>) {
    let query = byKey(this.selectColumns(this.db.selectFrom(this.tableName) as unknown as SelectQueryBuilder<AnyDB, string, Values>, undefined));
    const hidden = withDeleted ? null : this.notDeleted();
    if (hidden !== null) query = query.where(hidden);
    return query;
  }

  /** Like findById, but a missing row is a NotFoundError. */
  async getById(id: Id, options: { readonly withDeleted?: boolean } = {}): Promise<Row> {
    const row = await this.findById(id, options);
    if (row === undefined) throw this.notFound(id);
    return row;
  }

  /** Changes one row (validated) and returns it as stored; NotFoundError when there is none. */
  async update(id: Id, changes: Update): Promise<Row> {
    const values = this.toColumns(this.checked('update', changes, null));
    if (Object.keys(values).length === 0) return this.getById(id);
    const features = await this.source.features();
    const query = this.filteredUpdate({}).set(values).where((eb) => this.keyCondition(eb as unknown as AnyBuilder, id));
    if (features.returningOnUpdate) {
      const { rows } = await this.db.executeQuery<Values>(query.returningAll().compile());
      if (rows.length === 0) throw this.notFound(id);
      return this.toRows(rows)[0] as Row;
    }
    const result = await query.executeTakeFirst();
    // MySQL counts changed rows only: an update to the same values matches a row and changes none.
    if (Number(result.numUpdatedRows) === 0 && (await this.findById(id)) === undefined) throw this.notFound(id);
    return this.getById(id);
  }

  /** Deletes (or marks deleted) one row; false when there was none. */
  async delete(id: Id): Promise<boolean> {
    const marker = this.deletedMarker();
    if (marker !== null) {
      const result = await this.filteredUpdate({}).set(marker).where((eb) => this.keyCondition(eb as unknown as AnyBuilder, id)).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    }
    const result = await this.db
      .deleteFrom(this.tableName)
      .where((eb) => this.keyCondition(eb as unknown as AnyBuilder, id))
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  private keyCondition(eb: AnyBuilder, id: Id): Expression<SqlBool> {
    const key = this.table.primaryKey;
    if (key.length === 1) return eb(eb.ref(key[0] as string), '=', id);
    const parts = key.map((column) => {
      const property = this.byName.get(column)?.property ?? column;
      const value = (id as Values | null)?.[property];
      if (value === undefined) {
        throw new ValidationError(`The id for "${this.table.key}" needs "${property}": its primary key is (${key.join(', ')}).`, {
          details: { table: this.table.key, primaryKey: key },
        });
      }
      return eb(eb.ref(column), '=', value);
    });
    return eb.and(parts);
  }

  private notFound(id: Id): NotFoundError {
    return new NotFoundError(`No row of "${this.table.key}" has the id ${JSON.stringify(id, (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value))}.`, {
      details: { table: this.table.key },
      hint: 'Use findById to get undefined instead of an error when the row may be missing.',
    });
  }
}
