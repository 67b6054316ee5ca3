import { createQueryId, sql, type CompiledQuery, type Kysely } from 'kysely';
import { ValidationError } from '../errors/classes.js';
import type { ServerFeatures } from '../dialects/types.js';
import { generateId, isGeneratedId } from '../ids/generate-id.js';
import { Lru } from '../lru.js';
import { withOrigin } from '../monitor/origin.js';
import type { ColumnDescriptor, TableDescriptor } from '../table-descriptor.js';
import type { Problem } from '../validation/problems.js';
import { directCheck } from '../validation/table-validators.js';
import { chunkRows, groupByColumns, rowParameters } from './chunks.js';
import { ReadRepository } from './read-repository.js';
import { deletedValue } from './soft-delete.js';
import type { AnyBuilder, AnyDB, RepositoryOptions, RepositorySource, UpdateOptions, UpsertOptions, Validators, Values } from './types.js';
import type { Where } from './where.js';

/**
 * Writes to a table: validated creates and updates, batches in one transaction, upserts.
 * Tables without a primary key get this class; keyed tables get `TableRepository`.
 */
export class WriteRepository<DB, K extends keyof DB & string, Row, Insert, Update> extends ReadRepository<DB, K, Row> {
  protected readonly validators: Validators;
  private readonly directChecks: Readonly<Record<'insert' | 'update', ((input: unknown) => Problem[]) | undefined>>;

  constructor(source: RepositorySource<DB>, table: TableDescriptor, validators: Validators, options: RepositoryOptions = {}) {
    super(source, table, options);
    this.validators = validators;
    // Looked up once: createMany checks every row of a batch.
    this.directChecks = {
      insert: validators.insert === undefined ? undefined : directCheck(validators.insert),
      update: validators.update === undefined ? undefined : directCheck(validators.update),
    };
  }

  /** Inserts one row (validated) and returns it as stored, defaults and generated values included. */
  async create(row: Insert): Promise<Row> {
    const features = await this.source.features();
    const values = this.toColumns(this.checked('insert', this.withId(row as Values, features)));
    if (features.returning) {
      const compiled = withOrigin(this.db.insertInto(this.tableName).values(values).returningAll().compile(), { table: this.table.key, method: `${this.table.key}.create` });
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
    const { count } = await this.insertRows(rows, false);
    return { count };
  }

  /**
   * createMany's work; with `wantKeys` also each new row's key columns, in the order of `rows`,
   * found without a query per row: given by the caller or made here, returned by RETURNING, or
   * counted on from the insert id where the server promises consecutive ids. Null where none of
   * those holds (MySQL in its default lock mode 2 with a key the server generates).
   */
  protected async insertRows(rows: readonly Insert[], wantKeys: boolean): Promise<{ count: number; keys: Values[] | null }> {
    const features = await this.source.features();
    const values = this.checkedRows(rows.map((row) => this.withId(row as Values, features))).map((row) => this.toColumns(row));
    if (values.length === 0) return { count: 0, keys: [] };
    const key = this.table.primaryKey;
    return this.atomically(async (db) => {
      let count = 0;
      let keys: Values[] | null = wantKeys ? new Array<Values>(values.length) : null;
      for (const group of groupByColumns(values)) {
        const columns = Object.keys(values[group[0] as number] as Values);
        const supplied = key.every((column) => columns.includes(column));
        // Counting on from the insert id, where the server promises it, spares sending every key back.
        const counted = this.table.id.strategy === 'auto_increment' && features.insertIdStep !== null;
        const returning = wantKeys && !supplied && !counted && features.returning;
        let position = 0;
        for (const chunk of chunkRows(group.map((index) => values[index] as Values), columns.length, features)) {
          const template = this.insertStatement(columns, chunk.length, returning ? key : null);
          const result = await db.executeQuery<Values>({ ...template, queryId: createQueryId(), parameters: rowParameters(chunk, columns) });
          count += Number(result.numAffectedRows ?? BigInt(chunk.length));
          if (keys !== null) {
            const found = supplied ? chunk : returning ? result.rows : this.consecutiveKeys(result.insertId, chunk.length, features);
            if (found === null || found.length !== chunk.length) keys = null;
            else for (const [offset, row] of found.entries()) keys[group[position + offset] as number] = pick(row, key);
          }
          position += chunk.length;
        }
      }
      return { count, keys };
    });
  }

  /** The keys of a multi-row INSERT's rows from the first insert id, where the server counts on by a fixed step. */
  private consecutiveKeys(insertId: bigint | undefined, rows: number, features: ServerFeatures): Values[] | null {
    const [only, ...rest] = this.table.primaryKey;
    if (this.table.id.strategy !== 'auto_increment' || only === undefined || rest.length > 0 || features.insertIdStep === null || insertId === undefined) return null;
    const step = BigInt(features.insertIdStep);
    return Array.from({ length: rows }, (_, index) => ({ [only]: this.keyValue(only, insertId + BigInt(index) * step) }));
  }

  /** A generated integer key as the driver returns the column: a string for 64-bit and decimal columns. */
  private keyValue(column: string, value: bigint): number | string {
    const kind = this.byName.get(column)?.value;
    return kind === 'int8' || kind === 'numeric' ? String(value) : Number(value);
  }

  /**
   * The row with a new id when the table's strategy makes ids and the caller gave none; also in
   * place of a database default the server could not return (no RETURNING).
   */
  protected withId(row: Values, features: ServerFeatures): Values {
    const { id, primaryKey } = this.table;
    const generator = isGeneratedId(id.strategy) ? id.strategy : features.returning ? undefined : id.fallback;
    const column = primaryKey[0];
    if (generator === undefined || column === undefined || typeof row !== 'object' || row === null) return row;
    const property = this.byName.get(column)?.property ?? column;
    return row[property] === undefined ? { ...row, [property]: generateId(generator, id.bytes === true) } : row;
  }

  // A few shapes repeat (full chunks, a last one); keep those, not every size ever seen.
  private readonly insertStatements = new Lru<string, CompiledQuery>(8);

  /**
   * A multi-row INSERT for these columns and this many rows, compiled once: building the query
   * for thousands of rows cost more than sending it. Parameters go row by row, column by column.
   */
  private insertStatement(columns: readonly string[], rows: number, returning: readonly string[] | null): CompiledQuery {
    const key = `${rows}\u0000${returning === null ? '' : 'returning'}\u0000${columns.join('\u0000')}`;
    let statement = this.insertStatements.get(key);
    if (statement === undefined) {
      const placeholder = Object.fromEntries(columns.map((column) => [column, null]));
      const insert = this.db.insertInto(this.tableName).values(Array.from({ length: rows }, () => placeholder));
      // Kysely's MySQL adapter refuses RETURNING, which MariaDB has: the compiled statement runs directly.
      statement = withOrigin((returning === null ? insert : insert.returning(returning)).compile(), { table: this.table.key, method: `${this.table.key}.createMany` });
      this.insertStatements.set(key, statement);
    }
    return statement;
  }

  /**
   * Applies the same change to every row the filter matches; returns how many. The version
   * column moves on in every row changed; with `expectedVersion` only rows still at it change.
   */
  async updateMany(where: Where<Row>, changes: Update, options: UpdateOptions = {}): Promise<{ count: number }> {
    this.checkOptions('updateMany', options);
    await this.ready();
    const values = this.versioned(this.toColumns(this.checked('update', changes)));
    if (Object.keys(values).length === 0) return { count: 0 };
    const result = await this.filteredUpdate(where, this.expectedVersion(options)).set(values).executeTakeFirst();
    return { count: Number(result.numUpdatedRows) };
  }

  /**
   * The change with the version column moved on: an integer counts up, a timestamp becomes now.
   * An upsert's update names the table's column, since the proposed row's is in scope there too.
   */
  protected versioned(values: Values, qualified = false): Values {
    const column = this.versionColumn();
    if (column === null || Object.keys(values).length === 0) return values;
    const current = sql.ref(qualified ? `${this.tableName}.${column.name}` : column.name);
    const next = column.value === 'timestamp' ? new Date() : column.value === 'string' ? new Date().toISOString() : sql`${current} + 1`;
    return { ...values, [column.name]: next };
  }

  /** The version an update expects, checked against the table; null when none is expected. */
  protected expectedVersion(options: UpdateOptions): ExpectedVersion | null {
    if (options.expectedVersion === undefined) return null;
    const column = this.versionColumn();
    if (column === null) {
      throw new ValidationError(`"${this.table.key}" has no version column, so an update cannot expect a version.`, {
        details: { table: this.table.key },
        hint: 'Set tables.<table>.versionColumn in the crudgen config (an integer or timestamp column) and generate again.',
      });
    }
    return { column: column.name, property: column.property, value: options.expectedVersion };
  }

  private versionColumn(): ColumnDescriptor | null {
    const name = this.table.versionColumn;
    return name === null ? null : (this.byName.get(name) ?? null);
  }

  /** Deletes (or, with a soft-delete column, marks deleted) every row the filter matches. */
  async deleteMany(where: Where<Row>): Promise<{ count: number }> {
    await this.ready();
    const marker = this.deletedMarker();
    if (marker !== null) {
      const result = await this.filteredUpdate(where).set(marker).executeTakeFirst();
      return { count: Number(result.numUpdatedRows) };
    }
    const condition = this.conditionOf(where, false);
    const query = this.db.deleteFrom(this.tableName);
    const result = await (condition === null ? query : query.where((eb) => condition(eb as unknown as AnyBuilder))).executeTakeFirst();
    return { count: Number(result.numDeletedRows) };
  }

  /**
   * Inserts the row, or updates the existing one that has the same primary key (or the same
   * values in `on`, a unique key given by its columns), and returns it.
   */
  async upsert(row: Insert, options: UpsertOptions<Row> = {}): Promise<Row> {
    this.checkOptions('upsert', options);
    const features = await this.source.features();
    const withId = this.withId(row as Values, features);
    const values = this.toColumns(this.checked('insert', withId));
    // An id made here is for a new row: an existing row keeps its own.
    const made = withId === row ? undefined : this.table.primaryKey[0];
    const conflict = this.conflictColumns(options.on);
    const missing = conflict.filter((column) => !(column in values));
    if (missing.length > 0) {
      throw new ValidationError(`upsert on "${this.table.key}" needs the values of ${missing.map((c) => `"${c}"`).join(', ')} to find an existing row.`, {
        details: { table: this.table.key, missing },
      });
    }
    const changes = Object.fromEntries(Object.entries(values).filter(([column]) => !conflict.includes(column) && column !== made));
    // A row that only names its key still upserts: "updating" the key to itself makes the row returned.
    // An update through upsert moves the version on like any other, so optimistic locks see it.
    const set = Object.keys(changes).length > 0 ? this.versioned(changes, true) : { [conflict[0] as string]: values[conflict[0] as string] };
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

  protected filteredUpdate(where: Where<Row>, expected: ExpectedVersion | null = null) {
    const condition = this.conditionOf(where, false);
    let query = this.db.updateTable(this.tableName);
    if (condition !== null) query = query.where((eb) => condition(eb as unknown as AnyBuilder));
    return expected === null ? query : query.where(expected.column, '=', expected.value);
  }

  /** The change that marks a row deleted, or null without a soft-delete column. */
  protected deletedMarker(): Values | null {
    const column = this.softDeleteColumn();
    return column === null ? null : { [column.name]: deletedValue(column) };
  }

  /** The input, validated unless validation is off; a ValidationError naming every problem. */
  protected checked(kind: 'insert' | 'update', input: unknown): Values {
    const problems: Problem[] = [];
    const values = this.problemsOf(kind, input, null, problems);
    this.refuseWrite(kind === 'insert' ? 'new row' : 'change', problems);
    return values;
  }

  /** Every row of a batch validated; one ValidationError naming every problem of every row. */
  protected checkedRows(rows: readonly Values[]): Values[] {
    const problems: Problem[] = [];
    const values = rows.map((row, index) => this.problemsOf('insert', row, index, problems));
    this.refuseWrite('rows', problems);
    return values;
  }

  /** The input as validated (zod may transform it); its problems go to `problems`, under the row's index in a batch. */
  private problemsOf(kind: 'insert' | 'update', input: unknown, row: number | null, problems: Problem[]): Values {
    const validator = this.validators[kind];
    if (!this.validate || validator === undefined) return input as Values;
    const direct = this.directChecks[kind];
    let found: readonly Problem[];
    if (direct !== undefined) {
      found = direct(input);
    } else {
      const result = validator.safeParse(input);
      if (result.success) return result.data as Values;
      found = result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }));
    }
    for (const problem of found) problems.push(row === null ? problem : { ...problem, path: [String(row), ...problem.path] });
    return input as Values;
  }

  private refuseWrite(what: string, problems: readonly Problem[]): void {
    // On every row written: the message is built only for a refusal.
    if (problems.length === 0) return;
    this.refuse(`Invalid ${what} for table "${this.table.key}"`, problems, 'Fix the listed fields; the database was not called.');
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

  /** The key to find a row just inserted without RETURNING: given by the caller, made here, or the auto-increment id. */
  private keyAfterInsert(values: Values, insertId: bigint | undefined): Values | null {
    const key = this.table.primaryKey;
    if (key.length === 0) return null;
    if (key.every((column) => values[column] !== undefined)) return pick(values, key);
    const [only] = key;
    // Only an auto-increment key is the insert id; a default such as uuid() cannot be found again.
    if (key.length !== 1 || only === undefined || insertId === undefined || this.table.id.strategy !== 'auto_increment') return null;
    return { [only]: this.keyValue(only, insertId) };
  }

  /**
   * The row with these values of a key's columns: how a row written without RETURNING is read
   * back, on every create there. Compiled once per column list, as the reads are.
   */
  protected async readByKey(key: Values): Promise<Row | undefined> {
    const columns = Object.keys(key);
    const compiled = this.statements.get(
      `key|${JSON.stringify(columns)}`,
      columns.map((column) => key[column]),
      (value) =>
        this.selectColumns(this.filtered(null, true, value), undefined).where((eb) => eb.and(columns.map((column, index) => eb(eb.ref(column), '=', value(index))))),
      () => ({ table: this.table.key, descriptor: this.table, method: `${this.table.key}.readBack`, filtered: columns, limited: true }),
    );
    const { rows } = await this.db.executeQuery<Values>(compiled);
    return rows[0] === undefined ? undefined : (this.toRows(rows)[0] as Row);
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

/** The version an update expects its row to be at: the column, its property, the value. */
export interface ExpectedVersion {
  readonly column: string;
  readonly property: string;
  readonly value: unknown;
}

function pick(row: Values, columns: readonly string[]): Values {
  const picked: Values = {};
  for (const column of columns) picked[column] = row[column];
  return picked;
}

function hasUndefined(values: Values): boolean {
  for (const key in values) if (values[key] === undefined) return true;
  return false;
}
