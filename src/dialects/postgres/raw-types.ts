/** Rows as the PostgreSQL catalog queries in `catalog.ts` return them. Oids arrive as JS numbers. */

export interface RawRelation {
  readonly oid: number;
  readonly namespace: string;
  readonly name: string;
  /** r table, p partitioned table, f foreign table, v view, m materialized view. */
  readonly kind: 'f' | 'm' | 'p' | 'r' | 'v';
  /** p permanent, u unlogged, t temporary. */
  readonly persistence: string;
  readonly rls: boolean;
  readonly comment: string | null;
}

export interface RawViewDefinition {
  readonly oid: number;
  readonly definition: string;
  /** The stored `_RETURN` query (`pg_rewrite.ev_action`) as text; null if the rule is missing. */
  readonly query_tree: string | null;
}

export interface RawColumn {
  readonly rel: number;
  readonly name: string;
  readonly num: number;
  readonly type: number;
  readonly typmod: number;
  readonly dims: number;
  readonly notnull: boolean;
  /** '' none, a ALWAYS, d BY DEFAULT. */
  readonly identity: string;
  /** '' none, s STORED (v VIRTUAL from PostgreSQL 18). */
  readonly generated: string;
  readonly native: string;
  readonly default: string | null;
  readonly collation: string | null;
  readonly comment: string | null;
}

export interface RawConstraint {
  readonly rel: number;
  readonly name: string;
  /** p primary key, u unique, f foreign key, c check, x exclusion. */
  readonly type: 'c' | 'f' | 'p' | 'u' | 'x';
  /** Attribute numbers of the constrained columns. */
  readonly keys: number[] | null;
  /** The referenced relation of a foreign key, 0 otherwise. */
  readonly ref_rel: number;
  readonly ref_keys: number[] | null;
  readonly ref_namespace: string | null;
  readonly ref_table: string | null;
  /** Names of the referenced columns, only when the referenced relation was not read. */
  readonly ref_columns: string[] | null;
  /** a no action, r restrict, c cascade, n set null, d set default. */
  readonly on_update: string;
  readonly on_delete: string;
  readonly deferrable: boolean;
  readonly deferred: boolean;
  /** The CHECK expression, or the whole definition of an exclusion constraint. */
  readonly expression: string | null;
}

export interface RawIndex {
  readonly rel: number;
  readonly name: string;
  readonly unique: boolean;
  readonly method: string;
  /** How many of `keys` are key parts; the rest are INCLUDE columns. */
  readonly key_count: number;
  /** Attribute numbers, space-separated; 0 marks an expression. */
  readonly keys: string;
  /** Per key part, space-separated; bit 1 is DESC. */
  readonly options: string;
  /** Per key part: the expression text, null for plain columns; null when there is none. */
  readonly expressions: Array<string | null> | null;
  readonly predicate: string | null;
}

export interface RawType {
  readonly oid: number;
  readonly namespace: string;
  readonly name: string;
  /** b base, c composite, d domain, e enum, m multirange, p pseudo, r range. */
  readonly type: string;
  /** A for arrays. */
  readonly category: string;
  readonly elem: number;
  readonly base: number;
  readonly typmod: number;
  readonly notnull: boolean;
  /** A domain's base type as SQL, e.g. `integer` or `character varying(20)`. */
  readonly base_native: string | null;
  readonly default: string | null;
  readonly labels: string[] | null;
  readonly checks: Array<{ name: string; expression: string }> | null;
  readonly comment: string | null;
  readonly extension: string | null;
}

export interface RawRule {
  readonly kind: 'policy' | 'rule' | 'trigger';
  readonly rel: number;
  readonly name: string;
}
