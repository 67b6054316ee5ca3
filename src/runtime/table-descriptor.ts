import type { TypeFamily } from './type-family.js';

/**
 * What generated code tells the runtime about one table or view: its columns with their types and
 * write rules, keys, indexes and the columns with a special role. Defined once; validators,
 * repositories, monitoring and transactions all read the same descriptor.
 */
export interface TableDescriptor {
  /** The table name in the database. */
  readonly name: string;
  /**
   * The schema (namespace) it lives in; null for the connection's default one (PostgreSQL
   * `public`, SQLite `main`, the MySQL database in the URL), whose name may differ per machine.
   */
  readonly schema: string | null;
  /** Its key in the generated `DB` interface (qualified outside the default schema). */
  readonly key: string;
  readonly kind: 'table' | 'view';
  readonly columns: readonly ColumnDescriptor[];
  /** Primary-key columns, in key order; empty when there is none. */
  readonly primaryKey: readonly string[];
  /** How a new row gets its primary key. */
  readonly id: IdDescriptor;
  readonly uniqueKeys: readonly (readonly string[])[];
  readonly indexes: readonly IndexDescriptor[];
  /** Column incremented on every update, for optimistic locking (from the config). */
  readonly versionColumn: string | null;
  /** Column that marks a row deleted instead of deleting it (from the config). */
  readonly softDeleteColumn: string | null;
  /** CHECK constraints that compare two columns of a row (`starts_at < ends_at`), by column name. */
  readonly comparisons?: readonly ColumnComparison[];
}

/** Ids the runtime makes itself, when the caller gives none. */
export type GeneratedIdStrategy = 'uuid_v7' | 'uuid_v4' | 'ulid' | 'cuid2' | 'nanoid';

/**
 * How a new row gets its primary key (prompts/id-strategy.md): `auto_increment`, the database
 * counts (serial, identity, AUTO_INCREMENT, SQLite's rowid); `database_default`, another default
 * expression (`gen_random_uuid()`, `uuid()`); a generated strategy, the runtime makes the id
 * when the caller gives none; `caller`, a natural or composite key the caller supplies; `none`,
 * the table has no primary key.
 */
export type IdStrategy = 'auto_increment' | 'database_default' | GeneratedIdStrategy | 'caller' | 'none';

export interface IdDescriptor {
  readonly strategy: IdStrategy;
  /** Generated ids go to a 16-byte binary column as bytes rather than text. */
  readonly bytes?: true;
  /**
   * What the runtime makes instead of a database default it could not read back: without
   * RETURNING (MySQL) the row of a `uuid()` default could not be found again.
   */
  readonly fallback?: GeneratedIdStrategy;
}

/**
 * How a column's value is represented in JavaScript, matching its type in the generated row
 * types: `int8` and `numeric` are strings on output (numbers, bigints or strings accepted on
 * input), `timestamp` a Date (a Date or ISO string on input), `json` parsed on output and JSON
 * text on input, `array_literal` PostgreSQL's text
 * form of an array node-postgres does not parse (enum arrays), `unknown` a user-overridden type.
 */
export type ValueKind =
  | 'array_literal'
  | 'binary'
  | 'boolean'
  | 'int8'
  | 'integer'
  | 'interval'
  | 'json'
  | 'number'
  | 'numeric'
  | 'string'
  | 'timestamp'
  | 'unknown';

export interface ColumnComparison {
  readonly left: string;
  readonly operator: '<' | '<=' | '>' | '>=';
  readonly right: string;
}

export interface ColumnDescriptor {
  /** The column name in the database. */
  readonly name: string;
  /** Its key in the generated row types (differs with camelCase naming). */
  readonly property: string;
  readonly family: TypeFamily;
  readonly nativeType: string;
  readonly nullable: boolean;
  readonly value: ValueKind;
  /** `required`: must be given; `optional`: the database fills it; `never`: computed by the database. */
  readonly insert: 'never' | 'optional' | 'required';
  readonly update: boolean;
  readonly arrayDimensions?: number;
  /** Maximum length: characters for text (declared or from a CHECK), bytes for binary, bits for bit strings. */
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  readonly allowedValues?: readonly string[];
  /**
   * Bounds from the type's range and from translated CHECK constraints; a string where a number
   * would lose precision (64-bit integers). Exclusive only when the flag is set.
   */
  readonly min?: number | string;
  readonly minExclusive?: true;
  readonly max?: number | string;
  readonly maxExclusive?: true;
  /** Minimum length in characters, from a CHECK on `char_length`. */
  readonly minLength?: number;
}

export interface IndexDescriptor {
  readonly name: string;
  /** Column names in key order; null for an expression part. */
  readonly columns: readonly (string | null)[];
  readonly unique: boolean;
  /** A partial index only covers rows matching its predicate. */
  readonly partial: boolean;
}
