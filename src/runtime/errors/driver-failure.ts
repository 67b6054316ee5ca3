import { jsonSafe } from '../json-safe.js';
import type { Mode } from '../mode.js';
import {
  CheckViolationError,
  ConnectionError,
  DatabaseError,
  DeadlockError,
  ForeignKeyViolationError,
  InvalidValueError,
  NotNullViolationError,
  ReadOnlyError,
  SchemaMismatchError,
  SerializationError,
  TimeoutError,
  UniqueViolationError,
} from './classes.js';
import type { CrudgenError, CrudgenErrorOptions } from './crudgen-error.js';

/** What a driver error means, as each dialect's table classifies it (by code, not by text, where the driver has a code for it). */
export type FailureKind =
  | 'auth'
  | 'check'
  | 'connect_timeout'
  | 'connection_failed'
  | 'connection_lost'
  | 'database_missing'
  | 'deadlock'
  | 'foreign_key'
  | 'invalid_value'
  | 'lock_timeout'
  | 'not_null'
  | 'read_only'
  | 'schema_mismatch'
  | 'serialization'
  | 'statement_timeout'
  | 'unclassified'
  | 'unique';

export interface DriverFailure {
  readonly kind: FailureKind;
  readonly table?: string | undefined;
  readonly column?: string | undefined;
  readonly constraint?: string | undefined;
  /** The server's own words; they may quote values, so only development mode shows them. */
  readonly serverMessage: string;
  readonly driverCode: number | string | null;
}

export interface FailureContext {
  readonly mode: Mode;
  /** "PostgreSQL", "MySQL", "SQLite". */
  readonly product: string;
  /** `host:port/database` or the file: where it happened, without credentials. */
  readonly target: string;
  readonly sql?: string | undefined;
  readonly parameters?: readonly unknown[] | undefined;
}

const quoted = (name: string | undefined, fallback: string): string => (name === undefined ? fallback : `"${name}"`);

function schemaObject(failure: DriverFailure): string {
  if (failure.column !== undefined) return `Column "${failure.column}"${failure.table === undefined ? '' : ` of "${failure.table}"`}`;
  if (failure.table !== undefined) return `Table "${failure.table}"`;
  return 'A table or column the statement names';
}

/** The sentence every mode may show: names of tables, columns and constraints, never values. */
function safeSentence(failure: DriverFailure, context: FailureContext): string {
  const table = quoted(failure.table, 'the table');
  switch (failure.kind) {
    case 'unique':
      return `${failure.constraint === undefined ? 'A unique constraint' : `Unique constraint "${failure.constraint}"`} on ${table} rejected the row: a row with the same ${failure.column === undefined ? 'key' : `"${failure.column}"`} already exists.`;
    case 'foreign_key':
      return `${failure.constraint === undefined ? 'A foreign key' : `Foreign key "${failure.constraint}"`} on ${table} rejected the change: the referenced row does not exist, or other rows still refer to it.`;
    case 'not_null':
      return `Column ${quoted(failure.column, '(unnamed)')} of ${table} cannot be null.`;
    case 'check':
      return `${failure.constraint === undefined ? 'A CHECK constraint' : `CHECK constraint "${failure.constraint}"`} on ${table} rejected the value.`;
    case 'invalid_value':
      return `${context.product} refused a value${failure.column === undefined ? '' : ` for column "${failure.column}"`}${failure.table === undefined ? '' : ` of "${failure.table}"`}: out of range, too long, or not of the column's type.`;
    case 'schema_mismatch':
      return `${schemaObject(failure)} does not exist in ${context.product} (${context.target}): the generated code is out of date with the database.`;
    case 'deadlock':
      return `${context.product} aborted the transaction to resolve a deadlock with another transaction.`;
    case 'serialization':
      return `${context.product} aborted the transaction: it could not be serialized with a concurrent transaction.`;
    case 'read_only':
      return `${context.product} refused a write: the transaction (or the database) is read-only.`;
    case 'statement_timeout':
      return `${context.product} cancelled the statement after the statement timeout.`;
    case 'lock_timeout':
      return `The statement gave up waiting for a lock on ${context.product} (${context.target}).`;
    case 'connection_lost':
      return `The connection to ${context.product} at ${context.target} was lost.`;
    case 'connection_failed':
      return `Could not connect to ${context.product} at ${context.target}.`;
    case 'connect_timeout':
      return `Could not connect to ${context.product} at ${context.target} within the connect timeout.`;
    case 'auth':
      return `${context.product} at ${context.target} refused the credentials.`;
    case 'database_missing':
      return `The database at ${context.target} does not exist.`;
    default:
      return `${context.product} rejected the statement (error ${String(failure.driverCode ?? 'without a code')}).`;
  }
}

/**
 * Builds the runtime error for a classified driver failure. Production and test messages keep to
 * names and codes; development adds the server's message, the SQL and its parameters.
 */
export function failureToError(failure: DriverFailure, context: FailureContext, cause: unknown): CrudgenError {
  const sentence = safeSentence(failure, context);
  const development = context.mode === 'development';
  const names = {
    ...(failure.table === undefined ? {} : { table: failure.table }),
    ...(failure.column === undefined ? {} : { column: failure.column }),
    ...(failure.constraint === undefined ? {} : { constraint: failure.constraint }),
  };
  const details = development
    ? { ...names, driverCode: failure.driverCode, serverMessage: failure.serverMessage, sql: context.sql ?? null, parameters: context.parameters ?? null }
    : { ...names, driverCode: failure.driverCode };
  const message = development
    ? [sentence, `${context.product} said: ${failure.serverMessage}`, ...(context.sql === undefined ? [] : [`SQL: ${context.sql}`, `Parameters: ${JSON.stringify(context.parameters ?? [], jsonSafe)}`])].join('\n')
    : sentence;
  return ERROR_OF[failure.kind](message, { details, cause });
}

const ERROR_OF: Readonly<Record<FailureKind, (message: string, options: CrudgenErrorOptions) => CrudgenError>> = {
  unique: (message, options) => new UniqueViolationError(message, options),
  foreign_key: (message, options) => new ForeignKeyViolationError(message, options),
  not_null: (message, options) => new NotNullViolationError(message, options),
  check: (message, options) => new CheckViolationError(message, options),
  invalid_value: (message, options) => new InvalidValueError(message, options),
  read_only: (message, options) => new ReadOnlyError(message, options),
  schema_mismatch: (message, options) => new SchemaMismatchError(message, options),
  deadlock: (message, options) => new DeadlockError(message, options),
  serialization: (message, options) => new SerializationError(message, options),
  statement_timeout: (message, options) => new TimeoutError('STATEMENT_TIMEOUT', message, options),
  lock_timeout: (message, options) => new TimeoutError('LOCK_TIMEOUT', message, options),
  connection_lost: (message, options) => new ConnectionError('CONNECTION_LOST', message, options),
  connection_failed: (message, options) => new ConnectionError('CONNECTION_FAILED', message, options),
  connect_timeout: (message, options) => new ConnectionError('CONNECT_TIMEOUT', message, options),
  auth: (message, options) => new ConnectionError('AUTHENTICATION_FAILED', message, options),
  database_missing: (message, options) => new ConnectionError('DATABASE_NOT_FOUND', message, options),
  unclassified: (message, options) => new DatabaseError(message, options),
};
