import { createQueryId, type CompiledQuery, type Kysely } from 'kysely';
import { ValidationError } from '../errors/classes.js';
import type { TableDescriptor } from '../table-descriptor.js';
import { directCheck, type Problem } from '../validation/table-validators.js';
import { chunkRows, groupByColumns, rowParameters } from './chunks.js';
import { ReadRepository } from './read-repository.js';
import type { AnyBuilder, AnyDB, RepositoryOptions, RepositorySource, Validators, Values } from './types.js';
import type { Where } from './where.js';

/**
 * Writes to a table: validated creates and updates, batches in one transaction, upserts.
 * Tables without a primary key get this class; keyed tables get `TableRepository`.
 */
export class WriteRepository<DB, K extends keyof DB & string, Row, Insert, Update> extends ReadRepository<DB, K, Row> {
  protected readonly validators: Validators;
  protected readonly validate: boolean;
  private readonly directChecks: Readonly<Record<'insert' | 'update', ((input: unknown) => Problem[]) | undefined>>;

  constructor(source: RepositorySource<DB>, table: TableDescriptor, validators: Validators, options: RepositoryOptions = {}) {
    super(source, table);
    this.validators = validators;
    this.validate = options.validate ?? true;
    // Looked up once: createMany checks every row of a batch.
    this.directChecks = {
      insert: validators.insert === undefined ? undefined : directCheck(validators.insert),
      update: validators.update === undefined ? undefined : directCheck(validators.update),
    };
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
          const result = await db.executeQuery({ ...template, queryId: createQueryId(), parameters: rowParameters(chunk, columns) });
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
    const condition = this.conditionOf(where, false);
    const query = this.db.deleteFrom(this.tableName);
    const result = await (condition === null ? query : query.where((eb) => condition(eb as unknown as AnyBuilder))).executeTakeFirst();
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
    const condition = this.conditionOf(where, false);
    const query = this.db.updateTable(this.tableName);
    return condition === null ? query : query.where((eb) => condition(eb as unknown as AnyBuilder));
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
    const direct = this.directChecks[kind];
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

function hasUndefined(values: Values): boolean {
  for (const key in values) if (values[key] === undefined) return true;
  return false;
}
