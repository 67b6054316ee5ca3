import type { Capabilities } from '../capabilities.js';

/** What a PostgreSQL server can do, by `server_version_num` (e.g. 150020 for 15.20). */
export function postgresCapabilities(versionNum: number): Capabilities {
  return {
    returning: { insert: true, update: true, delete: true },
    upsert: versionNum >= 90500 ? 'on_conflict' : null,
    // The wire protocol counts bind parameters in a 16-bit field.
    maxBindParameters: 65535,
    maxStatementBytes: null,
    merge: versionNum >= 150000,
    savepoints: true,
    transactionalDdl: true,
    checkConstraints: true,
    nativeUuid: true,
    nativeArrays: true,
    enums: 'named',
    // node-postgres returns int8 and numeric as strings, so no precision is lost by default.
    int64AsNumber: false,
    enforcesDeclaredSizes: true,
    lengthCountsBytes: false,
    temporalTypes: true,
    timestampRange: null,
  };
}
