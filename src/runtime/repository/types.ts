import type { ExpressionBuilder, Kysely } from 'kysely';
import type { ZodType } from 'zod';
import type { ServerFeatures } from '../dialects/types.js';
import type { Mode } from '../mode.js';
import type { TransactionOptions, TransactionScope } from '../transaction.js';
import type { Where } from './where.js';

/** What repositories run on: a `Database` from `createDatabase`, or one bound to a transaction. */
export interface RepositorySource<DB> {
  readonly kysely: Kysely<DB>;
  /** Development mode shows the values in validation errors; elsewhere only their kind. Default production. */
  readonly mode?: Mode;
  features(): Promise<ServerFeatures>;
  /** A transaction on this source (a savepoint when it is one already). */
  transaction<T>(work: (tx: TransactionScope<DB>) => Promise<T>, options?: TransactionOptions): Promise<T>;
}

export interface UpdateOptions {
  /**
   * Change the row only if its version column still holds this (optimistic locking): the
   * version read with the row. Tables without a version column refuse it.
   */
  readonly expectedVersion?: number | string | Date;
}

export interface UpsertOptions<Row> {
  /** The columns of a unique key that find the existing row; default the primary key. */
  readonly on?: readonly (keyof Row & string)[];
}

export interface RepositoryOptions {
  /**
   * Check input against the table before any SQL is sent (default true): writes against the
   * table's validators, filter values against their columns' types. Unknown columns, operators
   * and directions are errors either way.
   */
  readonly validate?: boolean;
}

/** Sort order: `{ createdAt: 'desc' }`, or several of them in order. */
export type OrderBy<Row> = { readonly [K in keyof Row]?: 'asc' | 'desc' };

/** `findById` and `getById`. */
export interface FindByIdOptions {
  /** Include rows marked deleted by the soft-delete column. */
  readonly withDeleted?: boolean;
}

export interface ReadOptions<Row> extends FindByIdOptions {
  readonly where?: Where<Row>;
}

export interface FindOneOptions<Row> extends ReadOptions<Row> {
  readonly orderBy?: OrderBy<Row> | readonly OrderBy<Row>[];
}

export interface FindManyOptions<Row, S extends keyof Row> extends FindOneOptions<Row> {
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

export type Values = Record<string, unknown>;
// Queries over a table known only at run time; the row types of the subclasses guard the callers.
export type AnyDB = Record<string, Values>;
export type AnyBuilder = ExpressionBuilder<AnyDB, string>;
