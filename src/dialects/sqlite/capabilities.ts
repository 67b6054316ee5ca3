import type { Capabilities } from '../capabilities.js';
import { atLeast } from '../version.js';

/** What SQLite can do, by library version (`major.minor.patch`). */
export function sqliteCapabilities(version: string): Capabilities {
  const returning = atLeast(version, 3, 35);
  return {
    returning: { insert: returning, update: returning, delete: returning },
    upsert: atLeast(version, 3, 24) ? 'on_conflict' : null,
    // SQLITE_MAX_VARIABLE_NUMBER defaults to 32766 since 3.32 and to 999 before.
    maxBindParameters: atLeast(version, 3, 32) ? 32766 : 999,
    maxStatementBytes: null,
    merge: false,
    savepoints: true,
    transactionalDdl: true,
    checkConstraints: true,
    nativeUuid: false,
    nativeArrays: false,
    enums: 'none',
    // better-sqlite3 returns INTEGER values as JS numbers unless safeIntegers is enabled.
    int64AsNumber: true,
    enforcesDeclaredSizes: false,
    lengthCountsBytes: false,
    temporalTypes: false,
    timestampRange: null,
  };
}
