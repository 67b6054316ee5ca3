import { createQueryId, type CompiledQuery, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import { NotFoundError, ValidationError } from '../errors/classes.js';
import type { AnyBuilder, AnyDB, Values } from './types.js';
import { WriteRepository } from './write-repository.js';

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
    const query = byKey(this.selectColumns(this.db.selectFrom(this.tableName) as unknown as SelectQueryBuilder<AnyDB, string, Values>, undefined));
    const hidden = this.condition(undefined, withDeleted);
    return hidden === null ? query : query.where(hidden);
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
