import type { ConfigSettings } from '../config/schema.js';
import type { ConfigProblem } from '../config/validate.js';
import type { GeneratedIdStrategy, IdDescriptor } from '../runtime/table-descriptor.js';
import { GENERATED_ID_LENGTHS } from '../runtime/ids/generate-id.js';
import type { Column } from '../schema/model.js';

/** A strategy as the config names it (`tables.<t>.idStrategy`). */
export type ConfiguredIdStrategy = NonNullable<NonNullable<ConfigSettings['tables']>[string]['idStrategy']>;

const GENERATORS = Object.keys(GENERATED_ID_LENGTHS) as GeneratedIdStrategy[];

// A single-column text key with one of these names holds made-up ids, not natural values.
const ID_NAME = /^(id|uuid|guid)$|_(id|uuid|guid)$|[a-z0-9](Id|Uuid|Guid)$/;

/**
 * How new rows of a table get their key: the configured strategy when it can work for the key
 * column, else a problem naming what would; without one, what the column says (see
 * prompts/id-strategy.md for the decision table).
 */
export function planId(table: string, key: readonly Column[], configured: ConfiguredIdStrategy | undefined): IdDescriptor | ConfigProblem {
  const path = `tables.${table}.idStrategy`;
  const [column] = key;
  if (column === undefined) {
    if (configured === undefined || configured === 'auto') return { strategy: 'none' };
    return { path, value: configured, message: `table "${table}" has no primary key, so no id strategy applies`, allowed: ['auto'] };
  }
  if (key.length > 1) {
    if (configured === undefined || configured === 'auto' || configured === 'manual') return { strategy: 'caller' };
    const columns = key.map((part) => part.name).join(', ');
    return { path, value: configured, message: `the primary key of "${table}" is composite (${columns}); its values come from the caller`, allowed: ['auto', 'manual'] };
  }
  if (configured === undefined || configured === 'auto') return detect(column);
  if (configured === 'manual') return { strategy: 'caller' };
  if (configured === 'database') {
    if (column.identity !== null) return { strategy: 'auto_increment' };
    if (column.default !== null) return withFallback(column);
    return misfit(path, table, column, configured, 'the column has no default, identity or auto-increment');
  }
  const reason = unfit(column, configured);
  if (reason !== null) return misfit(path, table, column, configured, reason);
  return binary16(column) ? { strategy: configured, bytes: true } : { strategy: configured };
}

/** What the column's type and default say, when the config says nothing. */
function detect(column: Column): IdDescriptor {
  if (column.identity !== null) return { strategy: 'auto_increment' };
  if (column.default !== null) return withFallback(column);
  if (column.family === 'uuid') return { strategy: 'uuid_v7' };
  if (binary16(column)) return { strategy: 'uuid_v7', bytes: true };
  if (column.family !== 'text' || column.arrayDimensions > 0) return { strategy: 'caller' };
  // char(36) is the usual home of a UUID, whatever the column is called.
  if (column.length === 36) return { strategy: 'uuid_v7' };
  if (!ID_NAME.test(column.name)) return { strategy: 'caller' };
  const fitting = GENERATORS.find((generator) => unfit(column, generator) === null);
  return fitting === undefined ? { strategy: 'caller' } : { strategy: fitting };
}

/**
 * A database default, and the id the runtime makes in its place where the server cannot return
 * the row (no RETURNING): a UUID where the column holds one.
 */
function withFallback(column: Column): IdDescriptor {
  if (unfit(column, 'uuid_v7') !== null) return { strategy: 'database_default' };
  return binary16(column) ? { strategy: 'database_default', bytes: true, fallback: 'uuid_v7' } : { strategy: 'database_default', fallback: 'uuid_v7' };
}

/** Why the generator's ids cannot go into the column; null when they can. */
function unfit(column: Column, generator: GeneratedIdStrategy): string | null {
  const length = GENERATED_ID_LENGTHS[generator];
  if (column.arrayDimensions > 0) return 'an array column cannot hold an id';
  if (column.family === 'uuid') return generator === 'uuid_v4' || generator === 'uuid_v7' ? null : `a uuid column holds UUIDs only, not ${generator} ids`;
  // UUIDs and ULIDs are 128 bits: as bytes they fill a binary(16) exactly.
  if (binary16(column)) return generator === 'uuid_v4' || generator === 'uuid_v7' || generator === 'ulid' ? null : `a binary(16) column holds 128-bit ids (uuid_v4, uuid_v7, ulid), not ${generator} ids`;
  if (column.family !== 'text') return `${generator} ids are text`;
  if (column.length !== null && column.length < length) return `${generator} ids are ${length} characters long and the column holds at most ${column.length}`;
  return null;
}

function binary16(column: Column): boolean {
  return column.family === 'binary' && column.length === 16 && column.arrayDimensions === 0;
}

function misfit(path: string, table: string, column: Column, configured: ConfiguredIdStrategy, reason: string): ConfigProblem {
  const working = [
    ...(column.identity !== null || column.default !== null ? ['database'] : []),
    ...GENERATORS.filter((generator) => unfit(column, generator) === null),
    'manual',
  ];
  return { path, value: configured, message: `cannot work for "${table}.${column.name}" (${column.nativeType}): ${reason}`, allowed: working };
}
