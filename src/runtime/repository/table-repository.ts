import type { Expression, SqlBool } from 'kysely';
import { NotFoundError, OptimisticLockError, ValidationError } from '../errors/classes.js';
import type { AnyBuilder, FindByIdOptions, UpdateOptions, Values } from './types.js';
import { WriteRepository, type ExpectedVersion } from './write-repository.js';

/** A table with a primary key: everything above, plus reads, updates and deletes by id. */
export class TableRepository<DB, K extends keyof DB & string, Row, Insert, Update, Id> extends WriteRepository<DB, K, Row, Insert, Update> {
  /** The row with this primary key (an object of the key columns for a composite key), or undefined. */
  async findById(id: Id, options: FindByIdOptions = {}): Promise<Row | undefined> {
    this.checkOptions('findById', options);
    const withDeleted = options.withDeleted === true;
    const values = this.keyValues(id);
    const compiled = this.statements.get(
      withDeleted ? 'id+' : 'id',
      values,
      (value) => this.selectColumns(this.filtered(null, withDeleted, value), undefined).where((eb) => this.keyCondition(eb as unknown as AnyBuilder, value)),
      () => ({ table: this.table.key, descriptor: this.table, method: `${this.table.key}.findById`, filtered: this.table.primaryKey, limited: true }),
    );
    const { rows } = await this.db.executeQuery<Values>(compiled);
    return rows[0] === undefined ? undefined : (this.toRows(rows)[0] as Row);
  }

  /**
   * Inserts many rows, all or nothing, and tells their ids in the order given. `ids` is null only
   * where the server neither returns generated keys nor promises consecutive ones (MySQL with
   * its default innodb_autoinc_lock_mode = 2, on a table whose key it generates).
   */
  override async createMany(rows: readonly Insert[]): Promise<{ count: number; ids: Id[] | null }> {
    const { count, keys } = await this.insertRows(rows, true);
    return { count, ids: keys === null ? null : keys.map((key) => this.idOf(key)) };
  }

  /** A key as findById takes it: the value of a one-column key, else an object of the key's properties. */
  private idOf(key: Values): Id {
    const columns = this.table.primaryKey;
    if (columns.length === 1) return key[columns[0] as string] as Id;
    return Object.fromEntries(columns.map((column) => [this.byName.get(column)?.property ?? column, key[column]])) as Id;
  }

  /** Like findById, but a missing row is a NotFoundError. */
  async getById(id: Id, options: FindByIdOptions = {}): Promise<Row> {
    this.checkOptions('getById', options);
    const row = await this.findById(id, options);
    if (row === undefined) throw this.notFound(id);
    return row;
  }

  /**
   * Changes one row (validated) and returns it as stored; NotFoundError when there is none. On a
   * table with a version column the version moves on in the same statement, and with
   * `expectedVersion` the row changes only if it is still at that version: otherwise an
   * OptimisticLockError with the version it is at.
   */
  async update(id: Id, changes: Update, options: UpdateOptions = {}): Promise<Row> {
    this.checkOptions('update', options);
    const values = this.versioned(this.toColumns(this.checked('update', changes)));
    if (Object.keys(values).length === 0) return this.getById(id);
    const features = await this.source.features();
    const key = this.keyValues(id);
    const expected = this.expectedVersion(options);
    const query = this.filteredUpdate({}, expected)
      .set(values)
      .where((eb) => this.keyCondition(eb as unknown as AnyBuilder, (index) => key[index]));
    if (features.returningOnUpdate) {
      const { rows } = await this.db.executeQuery<Values>(query.returningAll().compile());
      if (rows.length === 0) throw await this.noMatch(id, expected);
      return this.toRows(rows)[0] as Row;
    }
    const result = await query.executeTakeFirst();
    // MySQL counts changed rows only: an update to the same values matches a row and changes none.
    if (Number(result.numUpdatedRows) === 0) {
      const current = (await this.findById(id)) as Values | undefined;
      if (current === undefined || (expected !== null && !sameVersion(current[expected.property], expected.value))) throw await this.noMatch(id, expected, current);
      // Nothing changed, so the row just read is the row as stored.
      return current as Row;
    }
    return this.getById(id);
  }

  /** Why an update matched no row: the row is gone, or it has moved past the expected version. */
  private async noMatch(id: Id, expected: ExpectedVersion | null, known?: Values): Promise<Error> {
    if (expected === null) return this.notFound(id);
    const current = known ?? ((await this.findById(id)) as Values | undefined);
    if (current === undefined) return this.notFound(id);
    const version = current[expected.property];
    return new OptimisticLockError(
      `Row ${idText(id)} of "${this.table.key}" was changed by someone else: expected ${expected.property} ${versionText(expected.value)}, it is at ${versionText(version)}.`,
      { details: { table: this.table.key, id: idText(id), expectedVersion: versionText(expected.value), currentVersion: versionText(version) } },
    );
  }

  /** Deletes (or marks deleted) one row; false when there was none. */
  async delete(id: Id): Promise<boolean> {
    const marker = this.deletedMarker();
    const key = this.keyValues(id);
    const byKey = (eb: AnyBuilder) => this.keyCondition(eb, (index) => key[index]);
    if (marker !== null) {
      const result = await this.filteredUpdate({}).set(marker).where((eb) => byKey(eb as unknown as AnyBuilder)).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    }
    const result = await this.db
      .deleteFrom(this.tableName)
      .where((eb) => byKey(eb as unknown as AnyBuilder))
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The id as the values of the key columns, in key order; a composite id must name every one. */
  private keyValues(id: Id): unknown[] {
    const key = this.table.primaryKey;
    if (key.length === 1) return [id];
    return key.map((column) => {
      const property = this.byName.get(column)?.property ?? column;
      const value = (id as Values | null)?.[property];
      if (value === undefined) {
        throw new ValidationError(`The id for "${this.table.key}" needs "${property}": its primary key is (${key.join(', ')}).`, {
          details: { table: this.table.key, primaryKey: key },
        });
      }
      return value;
    });
  }

  /** key = id, with the key columns' values taken from `value(index)` in key order. */
  private keyCondition(eb: AnyBuilder, value: (index: number) => unknown): Expression<SqlBool> {
    const parts = this.table.primaryKey.map((column, index) => eb(eb.ref(column), '=', value(index)));
    return parts.length === 1 ? (parts[0] as Expression<SqlBool>) : eb.and(parts);
  }

  private notFound(id: Id): NotFoundError {
    return new NotFoundError(`No row of "${this.table.key}" has the id ${idText(id)}.`, {
      details: { table: this.table.key },
      hint: 'Use findById to get undefined instead of an error when the row may be missing.',
    });
  }
}

function idText(id: unknown): string {
  return JSON.stringify(id, function (this: Record<string, unknown>, key: string, value: unknown) {
    if (typeof value === 'bigint') return String(value);
    // The holder's own value: a Buffer's toJSON has already run on `value`.
    const raw = this[key];
    return raw instanceof Uint8Array ? `<${raw.byteLength} bytes>` : value;
  });
}

function versionText(version: unknown): string {
  return version instanceof Date ? version.toISOString() : String(version);
}

/** Versions as the driver returns them and as callers pass them back: numbers, strings, Dates. */
function sameVersion(a: unknown, b: unknown): boolean {
  return versionText(a) === versionText(b);
}
