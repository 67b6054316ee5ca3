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
 * operation can succeed. The CLI exits with 2 on every one of them. docs/errors.md is generated
 * from `meaning`, `cause` (what typically triggers it) and `fix` (the default hint), so each must
 * be a full sentence a user can act on. Codes are public API: never rename or reuse one.
 */
export const ERROR_CODES = {
  CLI_USAGE: {
    category: 'configuration',
    retryable: false,
    meaning: 'The options on the command line contradict each other or are malformed.',
    cause: 'Options that exclude each other were given together: two of --json, --markdown and --sql, or --to with --url, for `crudgen diff`; --url with --snapshot for `crudgen generate`. Or a --rename value is not of the form old=new.',
    fix: 'Run the command with --help to see its options.',
  },
  URL_MISSING: {
    category: 'configuration',
    retryable: false,
    meaning: 'No database URL was given.',
    cause: '`crudgen introspect`, `diff` or `check` found no --url, no `database` in the configuration, and DATABASE_URL unset or empty: typically a CI job without the secret, or a shell where the variable was never exported.',
    fix: 'Pass --url, set database.url in the configuration, or set DATABASE_URL.',
  },
  URL_INVALID: {
    category: 'configuration',
    retryable: false,
    meaning: 'The database URL is malformed.',
    cause: 'The URL is empty, is not well formed (often a password with `/`, `?` or `#` that is not %-encoded), names no host or no file, has a port that is not a number or a broken %-escape, or is a bare path without a .db, .sqlite or .sqlite3 extension. A MySQL URL without a database name, when introspecting without --schema.',
    fix: 'Use postgres://user@host/db, mysql://user@host/db, sqlite:path/to/file.db or a *.db path.',
  },
  URL_UNSUPPORTED_SCHEME: {
    category: 'configuration',
    retryable: false,
    meaning: 'The database URL names a scheme crudgen does not support.',
    cause: 'The URL belongs to another database system (mongodb://, mssql://) or its scheme is misspelled (postgre://, sqlite3:).',
    fix: 'Use one of postgres://, postgresql://, mysql://, mariadb://, sqlite: or file:.',
  },
  DRIVER_MISSING: {
    category: 'configuration',
    retryable: false,
    meaning: 'The database driver package for this dialect is not installed.',
    cause: 'The drivers (pg, mysql2, better-sqlite3) are optional peer dependencies: the project did not install the one for the URL\'s engine, or crudgen runs from a global install that cannot see the project\'s node_modules.',
    fix: 'Install the driver named in the message (npm i <driver>).',
  },
  DATABASE_NOT_FOUND: {
    category: 'configuration',
    retryable: false,
    meaning: 'The database does not exist.',
    cause: 'A misspelled database name or SQLite path, a relative SQLite path resolved from another working directory, or a database that was never created (a fresh CI container, a setup step that did not run). PostgreSQL reports 3D000, MySQL 1049 (and, when introspecting, a --schema database the server does not have); on SQLite, a file that does not exist or cannot be opened (SQLITE_CANTOPEN).',
    fix: 'Check the path or database name in the URL.',
  },
  CONNECTION_FAILED: {
    category: 'connection',
    retryable: true,
    meaning: 'No connection to the database could be opened.',
    cause: 'The server is not running or still starting, the host or port is wrong, the host name does not resolve, a firewall blocks the port, or the server has reached its connection limit (PostgreSQL 53300 or 57P03, MySQL 1040 or 1203). On SQLite, the file is not a database or cannot be read. During `crudgen introspect` a refused login is reported with this code too.',
    fix: 'Check that the server is running and that host, port, user and database in the URL are right.',
  },
  INTROSPECTION_FAILED: {
    category: 'internal',
    retryable: false,
    meaning: 'Reading the schema from the database catalog failed.',
    cause: '--schema (or `schemas` in the configuration) names a schema the database does not have (PostgreSQL names are case-sensitive; SQLite\'s is `main`), the user may not read the catalog, or the server rejected one of the catalog queries.',
    fix: 'Check that the user may read the catalog; run with --debug for the driver error.',
  },
  SNAPSHOT_NOT_FOUND: {
    category: 'configuration',
    retryable: false,
    meaning: 'The snapshot file does not exist.',
    cause: '`crudgen introspect` has not run in this checkout, the snapshot was not committed, the command runs from another directory, or --snapshot (or `snapshot` in the configuration) points elsewhere.',
    fix: 'Run `crudgen introspect` first, or pass the right path.',
  },
  SNAPSHOT_CORRUPT: {
    category: 'configuration',
    retryable: false,
    meaning: 'The snapshot file is not valid JSON.',
    cause: 'Merge-conflict markers left in the file, a hand edit that broke the JSON, a write that was cut short, or a path that names some other file.',
    fix: 'Restore it from version control or run `crudgen introspect` again.',
  },
  SNAPSHOT_INVALID: {
    category: 'configuration',
    retryable: false,
    meaning: 'The snapshot file is JSON but does not have the shape of a crudgen snapshot.',
    cause: 'Another JSON file was passed as the snapshot, the file has no valid formatVersion, or a hand edit removed a field or changed its type.',
    fix: 'Restore it from version control or run `crudgen introspect` again.',
  },
  SNAPSHOT_VERSION_UNSUPPORTED: {
    category: 'configuration',
    retryable: false,
    meaning: 'The snapshot was written in a format version this crudgen does not know.',
    cause: 'A newer crudgen wrote the snapshot (a teammate or the CI image runs a later version), or this crudgen has no upgrade step from the snapshot\'s format version.',
    fix: 'Upgrade crudgen to the version that wrote the snapshot, or run `crudgen introspect` again.',
  },
  DIFF_DIALECTS_DIFFER: {
    category: 'configuration',
    retryable: false,
    meaning: 'The two schemas given to `crudgen diff` come from different database systems.',
    cause: '--from and --to (or the snapshot and the live database) belong to different systems, for example a PostgreSQL snapshot compared with a SQLite test database.',
    fix: 'Compare a snapshot with a database (or snapshot) of the same system.',
  },
  RENAME_UNMATCHED: {
    category: 'configuration',
    retryable: false,
    meaning: 'A confirmed rename (`--rename old=new` or `renames` in the config) names no dropped and added pair.',
    cause: 'A misspelled name in the rename, --from and --to given the other way round, or a rename kept in the configuration after the schemas moved on, so the old name is no longer dropped or the new one no longer added.',
    fix: 'Use the names from the rename candidates `crudgen diff` lists, or remove the rename.',
  },
  FILE_WRITE_FAILED: {
    category: 'internal',
    retryable: false,
    meaning: 'A file could not be written.',
    cause: 'No write permission on the folder, a read-only file system, a full disk, or a path that runs through a file where a folder is needed. `crudgen init` also reports a configuration file that already exists this way.',
    fix: 'Check that the directory exists and is writable.',
  },
  FILE_READ_FAILED: {
    category: 'configuration',
    retryable: false,
    meaning: 'A file could not be read.',
    cause: 'The snapshot path names a folder, or its permissions do not let this user read it.',
    fix: 'Check the path and its permissions.',
  },
  AUTHENTICATION_FAILED: {
    category: 'connection',
    retryable: false,
    meaning: 'The database server refused the user name or password.',
    cause: 'A wrong user name or password, a password with special characters that are not %-encoded in the URL, a user the server admits only from other hosts (pg_hba.conf, MySQL\'s user@host), or a user without access to the database. PostgreSQL reports 28P01 or 28000, MySQL 1044, 1045 or 1698.',
    fix: 'Check the credentials in the URL or options, and that the server admits this user from this host.',
  },
  CONNECTION_LOST: {
    category: 'connection',
    retryable: true,
    meaning: 'The connection to the database broke while a statement ran (the server restarted, a proxy or the network dropped it, or an administrator ended it).',
    cause: 'The server restarted, crashed or shut down, an administrator ended the session (pg_terminate_backend, KILL), a proxy, load balancer or firewall closed a connection it considered idle, or the network dropped it. PostgreSQL reports 57P01, 57P02 or class 08; MySQL 1053, 2006 or 2013; MariaDB 1927.',
    fix: 'Retry the operation; a fresh connection is used. If it keeps happening, check the server log and any proxy timeouts.',
  },
  CONNECT_TIMEOUT: {
    category: 'connection',
    retryable: true,
    meaning: 'No connection could be opened within the connect timeout.',
    cause: 'The host is unreachable or a firewall drops packets without refusing them, the server is too busy to accept, or connectTimeoutMs is shorter than the network needs.',
    fix: 'Check that the host and port are right and reachable, or raise connectTimeoutMs.',
  },
  STATEMENT_TIMEOUT: {
    category: 'timeout',
    retryable: false,
    meaning: 'A statement ran longer than the statement timeout and was cancelled.',
    cause: 'A query without a suitable index, a large read or update without a limit, a statement waiting on something slow, or a statementTimeoutMs lower than the workload needs. PostgreSQL reports a query cancelled by hand (pg_cancel_backend) the same way (57014); MySQL 3024 or 1317, MariaDB 1969.',
    fix: 'Make the query cheaper (an index, a LIMIT) or raise statementTimeoutMs for this workload.',
  },
  TRANSACTION_TIMEOUT: {
    category: 'timeout',
    retryable: false,
    meaning: 'A transaction ran longer than its timeoutMs and was rolled back.',
    cause: 'The callback given to transaction() with timeoutMs took longer than that: slow statements, waiting for locks, or slow work that is not SQL (an HTTP call, a large computation) inside the transaction.',
    fix: 'Do less inside the transaction (read outside it, write in batches) or raise timeoutMs.',
  },
  LOCK_TIMEOUT: {
    category: 'timeout',
    retryable: true,
    meaning: 'A statement waited too long for a lock held by another transaction (SQLite: the database stayed busy past the busy timeout).',
    cause: 'Another transaction held the rows or the table longer than the server waits for a lock (MySQL\'s innodb_lock_wait_timeout, error 1205; PostgreSQL\'s lock_timeout or NOWAIT, 55P03), typically a long transaction or a migration holding a table lock. On SQLite, another connection kept writing past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED).',
    fix: 'Retry; keep transactions that hold locks short.',
  },
  DEADLOCK: {
    category: 'concurrency',
    retryable: true,
    meaning: 'The database aborted the transaction to break a deadlock with another transaction.',
    cause: 'Two transactions locked the same rows in opposite orders, for example two code paths that update a parent and its children in different orders; on MySQL also gap locks of concurrent inserts into one index range. PostgreSQL reports 40P01, MySQL 1213.',
    fix: 'Retry the whole transaction; touch rows in the same order in every code path.',
  },
  SERIALIZATION_FAILURE: {
    category: 'concurrency',
    retryable: true,
    meaning: 'The transaction could not be serialized with a concurrent one and was aborted.',
    cause: 'Concurrent transactions under serializable or repeatable-read isolation read and wrote overlapping rows (PostgreSQL 40001). On SQLite in WAL mode, a read transaction tried to write after another connection had committed (SQLITE_BUSY_SNAPSHOT).',
    fix: 'Retry the whole transaction.',
  },
  READ_ONLY: {
    category: 'validation',
    retryable: false,
    meaning: 'A write was attempted in a read-only transaction, or on a read-only database.',
    cause: 'A write inside transaction(…, { readOnly: true }), a connection to a PostgreSQL hot standby (25006), a write in a MySQL READ ONLY transaction (1792), or a SQLite file opened read-only or without write permission (SQLITE_READONLY).',
    fix: 'Drop readOnly from the transaction that writes, or write outside it.',
  },
  OPTIMISTIC_LOCK_CONFLICT: {
    category: 'concurrency',
    retryable: false,
    meaning: 'The row was changed by someone else since it was read (its version no longer matches).',
    cause: 'Between the read and update(…, { expectedVersion }), another request or process updated the row and moved its version column on: two people editing the same record, or a request sent twice.',
    fix: 'Read the row again, reapply the change, and save with the new version.',
  },
  UNIQUE_VIOLATION: {
    category: 'constraint',
    retryable: false,
    meaning: 'A row with the same value in a unique column (or key) already exists.',
    cause: 'An insert of a value that already exists (an e-mail address registered twice), a retried request whose first attempt succeeded, two requests that both checked and then inserted, or a caller-supplied key that is already taken. PostgreSQL 23505, MySQL 1062, SQLite SQLITE_CONSTRAINT_UNIQUE or _PRIMARYKEY.',
    fix: 'Use a different value, or update the existing row instead of inserting a new one.',
  },
  FOREIGN_KEY_VIOLATION: {
    category: 'constraint',
    retryable: false,
    meaning: 'A foreign key does not match a row in the referenced table, or a referenced row is still in use.',
    cause: 'An insert or update names a parent row that does not exist (a wrong id, a parent not created yet or created in another, uncommitted transaction), or a delete removes a parent whose child rows remain and the key has no ON DELETE CASCADE or SET NULL. PostgreSQL 23503, MySQL 1451 or 1452, SQLite SQLITE_CONSTRAINT_FOREIGNKEY.',
    fix: 'Create the referenced row first, or remove the rows that refer to it before deleting it.',
  },
  NOT_NULL_VIOLATION: {
    category: 'constraint',
    retryable: false,
    meaning: 'A column that does not accept NULL was given none.',
    cause: 'A null or missing value for a required column without a default, usually through raw Kysely queries or with validation turned off ({ validate: false }). PostgreSQL 23502, MySQL 1048 or 1364 (a NOT NULL column without a default left out), SQLite SQLITE_CONSTRAINT_NOTNULL.',
    fix: 'Provide a value for the column.',
  },
  CHECK_VIOLATION: {
    category: 'constraint',
    retryable: false,
    meaning: 'A value broke a CHECK constraint of the table.',
    cause: 'A value outside the range or list the constraint allows, or a combination of columns it forbids (an end date before the start date). The generated validators catch the CHECK constraints they can translate; the others are only checked by the database. PostgreSQL 23514, MySQL 3819, MariaDB 4025, SQLite SQLITE_CONSTRAINT_CHECK.',
    fix: 'Provide a value the constraint allows.',
  },
  INVALID_VALUE: {
    category: 'validation',
    retryable: false,
    meaning: "The database refused a value: out of range, too long, or not of the column's type.",
    cause: 'A number outside the column\'s range, a string longer than the column allows, an invalid date or number, or malformed JSON that reached the database without the generated validators: raw Kysely queries, or { validate: false }. PostgreSQL class 22; MySQL 1264, 1265, 1292, 1366, 1406, 1690 or 3140; SQLite SQLITE_CONSTRAINT_DATATYPE, SQLITE_TOOBIG or SQLITE_MISMATCH.',
    fix: "Check the value against the column's type and size; the generated validators catch most of these before the database does.",
  },
  VALIDATION_FAILED: {
    category: 'validation',
    retryable: false,
    meaning: 'Input did not pass validation before it reached the database.',
    cause: 'Values that break the generated validators; a misspelled column or filter operator in where, orderBy or select; a misspelled repository name; an unknown or out-of-range option of a repository method, createRepositories or transaction(), or any option on a nested transaction; paginate without an orderBy on a table without a primary key, or ordered by a nullable column; a cursor from another query; upsert without the key values it needs; expectedVersion on a table without a version column.',
    fix: 'Correct the fields named in the message.',
  },
  NOT_FOUND: {
    category: 'not_found',
    retryable: false,
    meaning: 'No row matched where one was required.',
    cause: 'getById or update with a key that has no row: a wrong id, or a row deleted (or soft-deleted) in the meantime.',
    fix: 'Check the key, or use the method that returns undefined instead of throwing.',
  },
  CONFIG_INVALID: {
    category: 'configuration',
    retryable: false,
    meaning: 'The configuration or options are invalid.',
    cause: 'An unknown or misspelled key, a value of the wrong type or outside the allowed values, a `${VAR}` that is not set, an environment the `env` section does not have, development-only settings in `env.production`, a `database` section given only in part, a configuration file that is missing or has a syntax error, a table or column name the snapshot does not have, an idStrategy that cannot work for the key column, or invalid createDatabase() options.',
    fix: 'Correct the options named in the message.',
  },
  SCHEMA_MISMATCH: {
    category: 'configuration',
    retryable: false,
    meaning: "A statement named a table or column the database does not have: the code was generated from an older (or newer) schema than the database's.",
    cause: 'A migration dropped or renamed a table or column that deployed code still uses, code generated from a newer schema was deployed before its migration ran, or the application connects to the wrong database or schema. PostgreSQL 42703 or 42P01, MySQL 1054 or 1146, SQLite\'s "no such table" and "no such column" messages.',
    fix: 'Run `crudgen diff` to see how the database changed, then `crudgen generate`, fix what the compiler reports and deploy the result; or migrate the database to the schema the code expects.',
  },
  QUERY_FAILED: {
    category: 'internal',
    retryable: false,
    meaning: 'The database rejected a statement for a reason crudgen does not classify.',
    cause: 'Any database error outside the classified ones, for example a syntax error in hand-written SQL, missing privileges, an error raised by a trigger, a PostgreSQL exclusion constraint, or a MySQL server in read-only mode (1290).',
    fix: 'Read the database error in the cause; in development mode the message shows the SQL.',
  },
  INTERNAL: {
    category: 'internal',
    retryable: false,
    meaning: 'An unexpected internal error occurred.',
    cause: 'An exception that is not a CrudgenError reached the CLI: a bug in crudgen or in a library it uses. `--json` reports it with this code.',
    fix: 'Run again with --debug and report the stack trace.',
  },
} as const satisfies Record<string, { readonly category: ErrorCategory; readonly retryable: boolean; readonly meaning: string; readonly cause: string; readonly fix: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
