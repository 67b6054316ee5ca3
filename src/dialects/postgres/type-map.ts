import type { TypeMap } from '../dialect.js';

/**
 * PostgreSQL base types by `pg_type.typname` and their families. Enums, domains, ranges and
 * arrays are recognised by their kind (`typtype`), not by name; see types.ts.
 */
export const POSTGRES_TYPE_MAP: TypeMap = {
  int2: 'smallint',
  int4: 'integer',
  int8: 'bigint',
  oid: 'bigint',
  xid: 'bigint',
  xid8: 'bigint',
  float4: 'real',
  float8: 'double',
  numeric: 'decimal',
  money: 'money',
  bool: 'boolean',
  text: 'text',
  varchar: 'text',
  bpchar: 'text',
  char: 'text',
  name: 'text',
  citext: 'text',
  regclass: 'text',
  regtype: 'text',
  regproc: 'text',
  pg_lsn: 'text',
  bytea: 'binary',
  date: 'date',
  time: 'time',
  timetz: 'time',
  timestamp: 'timestamp',
  timestamptz: 'timestamptz',
  interval: 'interval',
  json: 'json',
  jsonb: 'json',
  jsonpath: 'text',
  uuid: 'uuid',
  xml: 'xml',
  inet: 'network',
  cidr: 'network',
  macaddr: 'network',
  macaddr8: 'network',
  point: 'geometric',
  line: 'geometric',
  lseg: 'geometric',
  box: 'geometric',
  path: 'geometric',
  polygon: 'geometric',
  circle: 'geometric',
  bit: 'bit',
  varbit: 'bit',
  tsvector: 'fulltext',
  tsquery: 'fulltext',
};

export interface TypeModifiers {
  readonly length: number | null;
  readonly precision: number | null;
  readonly scale: number | null;
}

const NONE: TypeModifiers = { length: null, precision: null, scale: null };
// typmods of variable-length types count the 4-byte length header.
const VARHDRSZ = 4;

/** Decodes `atttypmod` for the base type `typname` (-1 means "no modifier"). */
export function decodeTypmod(typname: string, typmod: number): TypeModifiers {
  if (typmod < 0) return NONE;
  switch (typname) {
    case 'varchar':
    case 'bpchar':
      return { length: typmod - VARHDRSZ, precision: null, scale: null };
    case 'bit':
    case 'varbit':
      return { length: typmod, precision: null, scale: null };
    case 'numeric': {
      const packed = typmod - VARHDRSZ;
      // The scale is an 11-bit two's-complement field since PostgreSQL 15 allowed negative scales.
      return { length: null, precision: (packed >> 16) & 0xffff, scale: ((packed & 0x7ff) ^ 1024) - 1024 };
    }
    case 'time':
    case 'timetz':
    case 'timestamp':
    case 'timestamptz':
      return { length: null, precision: typmod, scale: null };
    case 'interval': {
      const precision = typmod & 0xffff;
      return { length: null, precision: precision === 0xffff ? null : precision, scale: null };
    }
    default:
      return NONE;
  }
}
