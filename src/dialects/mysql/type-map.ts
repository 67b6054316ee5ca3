import type { TypeMap } from '../dialect.js';

/** `information_schema.COLUMNS.DATA_TYPE` values and their families. */
export const MYSQL_TYPE_MAP: TypeMap = {
  tinyint: 'smallint',
  smallint: 'smallint',
  mediumint: 'integer',
  int: 'integer',
  integer: 'integer',
  bigint: 'bigint',
  decimal: 'decimal',
  numeric: 'decimal',
  float: 'real',
  double: 'double',
  real: 'double',
  bit: 'bit',
  bool: 'boolean',
  boolean: 'boolean',
  char: 'text',
  varchar: 'text',
  tinytext: 'text',
  text: 'text',
  mediumtext: 'text',
  longtext: 'text',
  binary: 'binary',
  varbinary: 'binary',
  tinyblob: 'binary',
  blob: 'binary',
  mediumblob: 'binary',
  longblob: 'binary',
  date: 'date',
  // DATETIME is a wall-clock value; TIMESTAMP is stored in UTC and shown in the session's zone.
  datetime: 'timestamp',
  timestamp: 'timestamptz',
  time: 'time',
  year: 'year',
  json: 'json',
  enum: 'enum',
  set: 'set',
  uuid: 'uuid',
  inet4: 'network',
  inet6: 'network',
  geometry: 'geometric',
  point: 'geometric',
  linestring: 'geometric',
  polygon: 'geometric',
  multipoint: 'geometric',
  multilinestring: 'geometric',
  multipolygon: 'geometric',
  geometrycollection: 'geometric',
  geomcollection: 'geometric',
};

/**
 * The values of an ENUM or SET column type, e.g. `enum('a b','it''s','back\\slash')`, exactly:
 * the server writes a quote as `''` and escapes backslashes. Null when the text is not a list.
 */
export function parseValueList(columnType: string): string[] | null {
  const open = columnType.indexOf('(');
  if (open === -1 || !columnType.endsWith(')')) return null;
  const values: string[] = [];
  let i = open + 1;
  const end = columnType.length - 1;
  while (i < end) {
    while (columnType[i] === ' ') i++;
    if (columnType[i] !== "'") return null;
    let value = '';
    for (i++; ; i++) {
      if (i >= end) return null;
      const char = columnType[i] as string;
      if (char === "'") {
        if (columnType[i + 1] !== "'") break;
        value += "'";
        i++;
      } else if (char === '\\') {
        value += unescape(columnType[i + 1] ?? '');
        i++;
      } else {
        value += char;
      }
    }
    values.push(value);
    i++;
    while (columnType[i] === ' ') i++;
    if (i < end && columnType[i++] !== ',') return null;
  }
  return values;
}

const ESCAPES: Readonly<Record<string, string>> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a' };

function unescape(char: string): string {
  return ESCAPES[char] ?? char;
}
