/**
 * The one registry of error codes. Every `CrudgenError` carries one of these codes; the CLI maps
 * codes to exit codes and the documentation is generated from the `meaning` and `fix` lines.
 * Codes are public API: never rename or reuse one.
 */
export const ERROR_CODES = {
  CLI_USAGE: {
    meaning: 'The command line could not be parsed.',
    fix: 'Run the command with --help to see its options.',
  },
  URL_MISSING: {
    meaning: 'No database URL was given.',
    fix: 'Pass --url or set DATABASE_URL.',
  },
  URL_INVALID: {
    meaning: 'The database URL is malformed.',
    fix: 'Use postgres://user@host/db, mysql://user@host/db, sqlite:path/to/file.db or a *.db path.',
  },
  URL_UNSUPPORTED_SCHEME: {
    meaning: 'The database URL names a scheme crudgen does not support.',
    fix: 'Use one of postgres://, postgresql://, mysql://, mariadb://, sqlite: or file:.',
  },
  DRIVER_MISSING: {
    meaning: 'The database driver package for this dialect is not installed.',
    fix: 'Install the driver named in the message (npm i <driver>).',
  },
  DATABASE_NOT_FOUND: {
    meaning: 'The database does not exist.',
    fix: 'Check the path or database name in the URL.',
  },
  CONNECTION_FAILED: {
    meaning: 'No connection to the database could be opened.',
    fix: 'Check that the server is running and that host, port, user and database in the URL are right.',
  },
  INTROSPECTION_FAILED: {
    meaning: 'Reading the schema from the database catalog failed.',
    fix: 'Check that the user may read the catalog; run with --debug for the driver error.',
  },
  SNAPSHOT_NOT_FOUND: {
    meaning: 'The snapshot file does not exist.',
    fix: 'Run `crudgen introspect` first, or pass the right path.',
  },
  SNAPSHOT_CORRUPT: {
    meaning: 'The snapshot file is not valid JSON.',
    fix: 'Restore it from version control or run `crudgen introspect` again.',
  },
  SNAPSHOT_INVALID: {
    meaning: 'The snapshot file is JSON but does not have the shape of a crudgen snapshot.',
    fix: 'Restore it from version control or run `crudgen introspect` again.',
  },
  SNAPSHOT_VERSION_UNSUPPORTED: {
    meaning: 'The snapshot was written in a format version this crudgen does not know.',
    fix: 'Upgrade crudgen to the version that wrote the snapshot, or run `crudgen introspect` again.',
  },
  FILE_WRITE_FAILED: {
    meaning: 'A file could not be written.',
    fix: 'Check that the directory exists and is writable.',
  },
  FILE_READ_FAILED: {
    meaning: 'A file could not be read.',
    fix: 'Check the path and its permissions.',
  },
  INTERNAL: {
    meaning: 'An unexpected internal error occurred.',
    fix: 'Run again with --debug and report the stack trace.',
  },
} as const satisfies Record<string, { readonly meaning: string; readonly fix: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;
