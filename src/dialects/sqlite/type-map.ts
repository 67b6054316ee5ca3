import type { TypeFamily } from '../../schema/type-family.js';
import type { TypeMap } from '../dialect.js';

/**
 * Declared SQLite type names (lower case, parameters and UNSIGNED removed, spaces collapsed) and
 * their families. SQLite accepts any name; names not listed here are typed by their affinity.
 */
export const SQLITE_TYPE_MAP: TypeMap = {
  // Integers. INTEGER is 64-bit in storage, but declared INT/INTEGER columns hold ids and counts.
  int: 'integer',
  integer: 'integer',
  mediumint: 'integer',
  int4: 'integer',
  tinyint: 'smallint',
  smallint: 'smallint',
  int2: 'smallint',
  bigint: 'bigint',
  int8: 'bigint',
  'big int': 'bigint',
  'unsigned big int': 'bigint',
  // Floating point: REAL is an 8-byte IEEE float in SQLite.
  real: 'double',
  double: 'double',
  'double precision': 'double',
  float: 'double',
  numeric: 'decimal',
  decimal: 'decimal',
  boolean: 'boolean',
  bool: 'boolean',
  text: 'text',
  clob: 'text',
  char: 'text',
  character: 'text',
  varchar: 'text',
  'varying character': 'text',
  'character varying': 'text',
  nchar: 'text',
  'native character': 'text',
  nvarchar: 'text',
  ntext: 'text',
  string: 'text',
  blob: 'binary',
  binary: 'binary',
  varbinary: 'binary',
  date: 'date',
  datetime: 'timestamp',
  timestamp: 'timestamp',
  time: 'time',
  json: 'json',
  jsonb: 'json',
  uuid: 'uuid',
  // STRICT tables' ANY and an empty declared type accept every storage class.
  any: 'unknown',
  '': 'unknown',
};

export type Affinity = 'BLOB' | 'INTEGER' | 'NUMERIC' | 'REAL' | 'TEXT';

/** SQLite's column affinity rules (section 3.1 of its datatype documentation), in their order. */
export function affinityOf(declaredType: string): Affinity {
  const upper = declaredType.toUpperCase();
  if (upper.includes('INT')) return 'INTEGER';
  if (upper.includes('CHAR') || upper.includes('CLOB') || upper.includes('TEXT')) return 'TEXT';
  if (upper.includes('BLOB') || upper.trim() === '') return 'BLOB';
  if (upper.includes('REAL') || upper.includes('FLOA') || upper.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

/** The family a type falls back to when its name is not in the map. */
export const AFFINITY_FAMILY: Readonly<Record<Affinity, TypeFamily>> = {
  INTEGER: 'integer',
  TEXT: 'text',
  BLOB: 'binary',
  REAL: 'double',
  NUMERIC: 'decimal',
};

export interface DeclaredType {
  /** The lookup key into the type map. */
  readonly base: string;
  readonly params: readonly number[];
  readonly unsigned: boolean;
}

/** Splits `NUMERIC(10, 2)` or `SMALLINT UNSIGNED` into its name, parameters and signedness. */
export function parseDeclaredType(declared: string): DeclaredType {
  const open = declared.indexOf('(');
  const name = (open === -1 ? declared : declared.slice(0, open)).trim().toLowerCase().replace(/\s+/g, ' ');
  const params =
    open === -1
      ? []
      : declared
          .slice(open + 1, declared.lastIndexOf(')') === -1 ? undefined : declared.lastIndexOf(')'))
          .split(',')
          .map((part) => Number.parseInt(part.trim(), 10))
          .filter((n) => Number.isFinite(n));
  const words = name.split(' ');
  // "unsigned big int" is a type name of its own; a trailing UNSIGNED is a modifier.
  const unsigned = words.includes('unsigned');
  const base = name === 'unsigned big int' ? name : words.filter((w) => w !== 'unsigned').join(' ');
  return { base, params, unsigned };
}
