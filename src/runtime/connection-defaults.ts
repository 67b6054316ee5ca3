/**
 * What createDatabase uses for a connection option left out. Apart from database.ts so that the
 * configuration schema can state the same numbers without loading the engines.
 */
export const DEFAULT_POOL = { min: 0, max: 10, idleTimeoutMs: 30_000 } as const;

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

/** Prepared statements kept per connection (SQLite, and named statements on PostgreSQL). */
export const DEFAULT_STATEMENT_CACHE = 256;

/** SQLite has no statement timeout; `statementTimeoutMs` is its busy timeout, this long when left out. */
export const DEFAULT_SQLITE_BUSY_TIMEOUT_MS = 5_000;
