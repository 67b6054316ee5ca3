import type { CompiledQuery } from 'kysely';
import type { TableDescriptor } from '../table-descriptor.js';

/**
 * Where a statement comes from, as the repository that built it knows: the monitor names the
 * method in its findings and checks the filtered and ordered columns against the indexes.
 * Carried on the compiled query itself, so it reaches the driver through Kysely untouched.
 */
export interface QueryOrigin {
  readonly table: string;
  /** The table's descriptor: its indexes tell whether a filter can use one. */
  readonly descriptor?: TableDescriptor;
  /** `book.findMany`. */
  readonly method: string;
  readonly filtered?: readonly string[];
  readonly ordered?: readonly string[];
  /** Whether the statement has a LIMIT. */
  readonly limited?: boolean;
}

export const QUERY_ORIGIN: unique symbol = Symbol('crudgen.queryOrigin');

type WithOrigin = CompiledQuery & { readonly [QUERY_ORIGIN]?: QueryOrigin };

export function originOf(query: CompiledQuery): QueryOrigin | undefined {
  return (query as WithOrigin)[QUERY_ORIGIN];
}

/** The query marked with its origin (a copy: Kysely freezes what it compiles). */
export function withOrigin<Q extends CompiledQuery>(query: Q, origin: QueryOrigin): Q {
  return { ...query, [QUERY_ORIGIN]: origin };
}
