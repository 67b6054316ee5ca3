/** What kind of failure it is: callers branch on this, not on codes or classes. */
export type ErrorCategory =
  | 'concurrency'
  | 'configuration'
  | 'connection'
  | 'constraint'
  | 'internal'
  | 'not_found'
  | 'timeout'
  | 'validation';

/**
 * The one registry of error codes, for the CLI and for the runtime that generated code uses. Every
 * `CrudgenError` carries one of these codes, and with it a category and whether retrying the same
 * operation can succeed. The CLI maps codes to exit codes; the documentation is generated from
 * the `meaning` and `fix` lines. Codes are public API: never rename or reuse one.
 */
export const ERROR_CODES = {
  CLI_USAGE: {
    category: 'configuration',
    retryable: false,
    meaning: 'The command line could not be parsed.',
    fix: 'Run the command with --help to see its options.',
  },
  URL_MISSING: {
    category: 'configuration',
    retryable: false,
    meaning: 'No database URL was given.',
    fix: 'Pass --url or set DATABASE_URL.',
  },
  URL_INVALID: {
    category: 'configuration',
    retryable: false,
    meaning: 'The database URL is malformed.',
    fix: 'Use postgres://user@host/db, mysql://user@host/db, sqlite:path/to/file.db or a *.db path.',
  },
  URL_UNSUPPORTED_SCHEME: {
    category: 'configuration',
    retryable: false,
    meaning: 'The database URL names a scheme crudgen does not support.',
    fix: 'Use one of postgres://, postgresql://, mysql://, mariadb://, sqlite: or file:.',
  },
  DRIVER_MISSING: {
    category: 'configuration',
    retryable: false,
    meaning: 'The database driver package for this dialect is not installed.',
    fix: 'Install the driver named in the message (npm i <driver>).',
  },
  DATABASE_NOT_FOUND: {
    category: 'configuration',
    retryable: false,
    meaning: 'The database does not exist.',
    fix: 'Check the path or database name in the URL.',
  },
  CONNECTION_FAILED: {
    category: 'connection',
    retryable: true,
    meaning: 'No connection to the database could be opened.',
    fix: 'Check that the server is running and that host, port, user and database in the URL are right.',
  },
  INTROSPECTION_FAILED: {
    category: 'internal',
    retryable: false,
    meaning: 'Reading the schema from the database catalog failed.',
    fix: 'Check that the user may read the catalog; run with --debug for the driver error.',
  },
  SNAPSHOT_NOT_FOUND: {
    category: 'configuration',
    retryable: false,
    meaning: 'The snapshot file does not exist.',
    fix: 'Run `crudgen introspect` first, or pass the right path.',
  },
  SNAPSHOT_CORRUPT: {
    category: 'configuration',
    retryable: false,
    meaning: 'The snapshot file is not valid JSON.',
    fix: 'Restore it from version control or run `crudgen introspect` again.',
  },
  SNAPSHOT_INVALID: {
    category: 'configuration',
    retryable: false,
    meaning: 'The snapshot file is JSON but does not have the shape of a crudgen snapshot.',
    fix: 'Restore it from version control or run `crudgen introspect` again.',
  },
  SNAPSHOT_VERSION_UNSUPPORTED: {
    category: 'configuration',
    retryable: false,
    meaning: 'The snapshot was written in a format version this crudgen does not know.',
    fix: 'Upgrade crudgen to the version that wrote the snapshot, or run `crudgen introspect` again.',
  },
  DIFF_DIALECTS_DIFFER: {
    category: 'configuration',
    retryable: false,
    meaning: 'The two schemas given to `crudgen diff` come from different database systems.',
    fix: 'Compare a snapshot with a database (or snapshot) of the same system.',
  },
  RENAME_UNMATCHED: {
    category: 'configuration',
    retryable: false,
    meaning: 'A confirmed rename (`--rename old=new` or `renames` in the config) names no dropped and added pair.',
    fix: 'Use the names from the rename candidates `crudgen diff` lists, or remove the rename.',
  },
  FILE_WRITE_FAILED: {
    category: 'internal',
    retryable: false,
    meaning: 'A file could not be written.',
    fix: 'Check that the directory exists and is writable.',
  },
  FILE_READ_FAILED: {
    category: 'configuration',
    retryable: false,
    meaning: 'A file could not be read.',
    fix: 'Check the path and its permissions.',
  },
  AUTHENTICATION_FAILED: {
    category: 'connection',
    retryable: false,
    meaning: 'The database server refused the user name or password.',
    fix: 'Check the credentials in the URL or options, and that the server admits this user from this host.',
  },
  CONNECTION_LOST: {
    category: 'connection',
    retryable: true,
    meaning: 'The connection to the database broke while a statement ran (the server restarted, a proxy or the network dropped it, or an administrator ended it).',
    fix: 'Retry the operation; a fresh connection is used. If it keeps happening, check the server log and any proxy timeouts.',
  },
  CONNECT_TIMEOUT: {
    category: 'connection',
    retryable: true,
    meaning: 'No connection could be opened within the connect timeout.',
    fix: 'Check that the host and port are right and reachable, or raise connectTimeoutMs.',
  },
  STATEMENT_TIMEOUT: {
    category: 'timeout',
    retryable: false,
    meaning: 'A statement ran longer than the statement timeout and was cancelled.',
    fix: 'Make the query cheaper (an index, a LIMIT) or raise statementTimeoutMs for this workload.',
  },
  TRANSACTION_TIMEOUT: {
    category: 'timeout',
    retryable: false,
    meaning: 'A transaction ran longer than its timeoutMs and was rolled back.',
    fix: 'Do less inside the transaction (read outside it, write in batches) or raise timeoutMs.',
  },
  LOCK_TIMEOUT: {
    category: 'timeout',
    retryable: true,
    meaning: 'A statement waited too long for a lock held by another transaction (SQLite: the database stayed busy past the busy timeout).',
    fix: 'Retry; keep transactions that hold locks short.',
  },
  DEADLOCK: {
    category: 'concurrency',
    retryable: true,
    meaning: 'The database aborted the transaction to break a deadlock with another transaction.',
    fix: 'Retry the whole transaction; touch rows in the same order in every code path.',
  },
  SERIALIZATION_FAILURE: {
    category: 'concurrency',
    retryable: true,
    meaning: 'The transaction could not be serialized with a concurrent one and was aborted.',
    fix: 'Retry the whole transaction.',
  },
  READ_ONLY: {
    category: 'validation',
    retryable: false,
    meaning: 'A write was attempted in a read-only transaction, or on a read-only database.',
    fix: 'Drop readOnly from the transaction that writes, or write outside it.',
  },
  OPTIMISTIC_LOCK_CONFLICT: {
    category: 'concurrency',
    retryable: false,
    meaning: 'The row was changed by someone else since it was read (its version no longer matches).',
    fix: 'Read the row again, reapply the change, and save with the new version.',
  },
  UNIQUE_VIOLATION: {
    category: 'constraint',
    retryable: false,
    meaning: 'A row with the same value in a unique column (or key) already exists.',
    fix: 'Use a different value, or update the existing row instead of inserting a new one.',
  },
  FOREIGN_KEY_VIOLATION: {
    category: 'constraint',
    retryable: false,
    meaning: 'A foreign key does not match a row in the referenced table, or a referenced row is still in use.',
    fix: 'Create the referenced row first, or remove the rows that refer to it before deleting it.',
  },
  NOT_NULL_VIOLATION: {
    category: 'constraint',
    retryable: false,
    meaning: 'A column that does not accept NULL was given none.',
    fix: 'Provide a value for the column.',
  },
  CHECK_VIOLATION: {
    category: 'constraint',
    retryable: false,
    meaning: 'A value broke a CHECK constraint of the table.',
    fix: 'Provide a value the constraint allows.',
  },
  INVALID_VALUE: {
    category: 'validation',
    retryable: false,
    meaning: "The database refused a value: out of range, too long, or not of the column's type.",
    fix: "Check the value against the column's type and size; the generated validators catch most of these before the database does.",
  },
  VALIDATION_FAILED: {
    category: 'validation',
    retryable: false,
    meaning: 'Input did not pass validation before it reached the database.',
    fix: 'Correct the fields named in the message.',
  },
  NOT_FOUND: {
    category: 'not_found',
    retryable: false,
    meaning: 'No row matched where one was required.',
    fix: 'Check the key, or use the method that returns undefined instead of throwing.',
  },
  CONFIG_INVALID: {
    category: 'configuration',
    retryable: false,
    meaning: 'The configuration or options are invalid.',
    fix: 'Correct the options named in the message.',
  },
  SCHEMA_MISMATCH: {
    category: 'configuration',
    retryable: false,
    meaning: "A statement named a table or column the database does not have: the code was generated from an older (or newer) schema than the database's.",
    fix: 'Run `crudgen diff` to see how the database changed, then `crudgen generate`, fix what the compiler reports and deploy the result; or migrate the database to the schema the code expects.',
  },
  QUERY_FAILED: {
    category: 'internal',
    retryable: false,
    meaning: 'The database rejected a statement for a reason crudgen does not classify.',
    fix: 'Read the database error in the cause; in development mode the message shows the SQL.',
  },
  INTERNAL: {
    category: 'internal',
    retryable: false,
    meaning: 'An unexpected internal error occurred.',
    fix: 'Run again with --debug and report the stack trace.',
  },
} as const satisfies Record<string, { readonly category: ErrorCategory; readonly retryable: boolean; readonly meaning: string; readonly fix: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
