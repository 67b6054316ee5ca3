import type { DialectName } from '../runtime/connection-url.js';
import type { TypeFamily } from '../schema/type-family.js';

/** Helper types a generated file may need; each is emitted only when used. */
export type HelperName = 'Int8' | 'Interval' | 'Json' | 'Numeric' | 'Timestamp';

/**
 * What each driver returns, per type family, as a TypeScript type: data, not branches. The
 * precision rule is one per engine: PostgreSQL int8/numeric and MySQL BIGINT/DECIMAL are strings
 * (node-postgres' default; the runtime sets mysql2's bigNumberStrings), SQLite integers are
 * numbers (better-sqlite3's default). Binary data is `Uint8Array`, which Buffer extends, so the
 * code compiles without @types/node.
 */
// What node-postgres returns; the other engines differ in the families listed for them.
const POSTGRES: Readonly<Record<TypeFamily, string>> = {
  bigint: 'Int8',
  binary: 'Uint8Array',
  bit: 'string',
  boolean: 'boolean',
  date: 'Timestamp',
  decimal: 'Numeric',
  double: 'number',
  enum: 'string',
  fulltext: 'string',
  geometric: 'string',
  integer: 'number',
  interval: 'Interval',
  json: 'Json',
  money: 'string',
  network: 'string',
  range: 'string',
  real: 'number',
  set: 'string',
  smallint: 'number',
  text: 'string',
  time: 'string',
  timestamp: 'Timestamp',
  timestamptz: 'Timestamp',
  unknown: 'unknown',
  uuid: 'string',
  xml: 'string',
  year: 'number',
};

export const TYPE_TABLES: Readonly<Record<DialectName, Readonly<Record<TypeFamily, string>>>> = {
  postgres: POSTGRES,
  mysql: {
    ...POSTGRES,
    bit: 'Uint8Array',
    // BOOLEAN is TINYINT(1): mysql2 returns 0 or 1.
    boolean: 'number',
    geometric: 'unknown',
    interval: 'string',
    money: 'Numeric',
  },
  sqlite: {
    ...POSTGRES,
    bigint: 'number',
    bit: 'number',
    boolean: 'number',
    // SQLite keeps dates and JSON as the text (or number) that was stored.
    date: 'string',
    decimal: 'number',
    geometric: 'unknown',
    interval: 'string',
    json: 'string',
    money: 'number',
    timestamp: 'string',
    timestamptz: 'string',
  },
};

/** The namespace whose tables need no qualifier in queries, per dialect; null: the only one read. */
export const DEFAULT_NAMESPACE: Readonly<Record<DialectName, string | null>> = {
  postgres: 'public',
  mysql: null,
  sqlite: 'main',
};

export const HELPER_NAMES: readonly HelperName[] = ['Int8', 'Interval', 'Json', 'Numeric', 'Timestamp'];
