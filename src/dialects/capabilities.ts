import { z } from 'zod';

// Snapshots leave out false and null values; the defaults restore them on read.
const flag = z.boolean().default(false);

/**
 * What a database can do, as data. Downstream of the dialect boundary (diff, generate, runtime)
 * nothing asks which dialect it is talking to; it asks these flags. They are stored in the
 * snapshot so that offline work from a snapshot sees the same answers.
 */
export const capabilities = z
  .strictObject({
    /** `RETURNING` (or equivalent) per statement kind. */
    returning: z.strictObject({ insert: flag, update: flag, delete: flag }).readonly(),
    /** Upsert syntax: `INSERT … ON CONFLICT` or `INSERT … ON DUPLICATE KEY UPDATE`. */
    upsert: z.enum(['on_conflict', 'on_duplicate_key']).nullable().default(null),
    /** Most bind parameters one statement may carry; null when the limit is in bytes instead. */
    maxBindParameters: z.number().int().positive().nullable().default(null),
    /** Largest statement in bytes when values are inlined client-side; null when not the limit. */
    maxStatementBytes: z.number().int().positive().nullable().default(null),
    /** `MERGE` statements. */
    merge: flag,
    savepoints: flag,
    /** DDL inside a transaction rolls back with it. */
    transactionalDdl: flag,
    /** CHECK constraints are enforced (not merely parsed). */
    checkConstraints: flag,
    nativeUuid: flag,
    nativeArrays: flag,
    /** Enums are named types (`CREATE TYPE`), inline column types (`ENUM(…)`) or absent. */
    enums: z.enum(['named', 'inline', 'none']),
    /** The driver returns 64-bit integers as JS numbers (may lose precision past 2^53). */
    int64AsNumber: flag,
    /** Declared lengths, numeric precision and integer ranges are enforced on write (SQLite ignores them). */
    enforcesDeclaredSizes: flag,
    /** `LENGTH()` counts bytes (MySQL, MariaDB); `CHAR_LENGTH()` counts characters everywhere. */
    lengthCountsBytes: flag,
    /** Dates and times are typed values that compare in time order (SQLite keeps them as text). */
    temporalTypes: flag,
    /** The range of TIMESTAMP columns when narrower than a date's (MySQL, MariaDB: 1970 to 2038, UTC). */
    timestampRange: z.tuple([z.string(), z.string()]).readonly().nullable().default(null),
  })
  .readonly();

export type Capabilities = z.infer<typeof capabilities>;
