import type { ErrorCode } from './codes.js';
import { CrudgenError, type CrudgenErrorOptions } from './crudgen-error.js';

/**
 * The runtime's error classes: one per thing a caller may want to catch (`instanceof`). Each
 * fixes its code (or the few codes it stands for), so `category` and `retryable` follow from
 * the registry. The static `codes` lists them, so the error reference can name the class of
 * every code.
 */

type FixedCodeError = (new (message: string, options?: CrudgenErrorOptions) => CrudgenError) & { readonly codes: readonly ErrorCode[] };

function withCode(name: string, code: ErrorCode): FixedCodeError {
  const ErrorClass = class extends CrudgenError {
    static readonly codes: readonly ErrorCode[] = [code];
    override readonly name: string = name;
    constructor(message: string, options?: CrudgenErrorOptions) {
      super(code, message, options);
    }
  };
  Object.defineProperty(ErrorClass, 'name', { value: name });
  return ErrorClass;
}

export const ValidationError = withCode('ValidationError', 'VALIDATION_FAILED');
export type ValidationError = InstanceType<typeof ValidationError>;
export const NotFoundError = withCode('NotFoundError', 'NOT_FOUND');
export type NotFoundError = InstanceType<typeof NotFoundError>;
export const UniqueViolationError = withCode('UniqueViolationError', 'UNIQUE_VIOLATION');
export type UniqueViolationError = InstanceType<typeof UniqueViolationError>;
export const ForeignKeyViolationError = withCode('ForeignKeyViolationError', 'FOREIGN_KEY_VIOLATION');
export type ForeignKeyViolationError = InstanceType<typeof ForeignKeyViolationError>;
export const NotNullViolationError = withCode('NotNullViolationError', 'NOT_NULL_VIOLATION');
export type NotNullViolationError = InstanceType<typeof NotNullViolationError>;
export const InvalidValueError = withCode('InvalidValueError', 'INVALID_VALUE');
export type InvalidValueError = InstanceType<typeof InvalidValueError>;
export const CheckViolationError = withCode('CheckViolationError', 'CHECK_VIOLATION');
export type CheckViolationError = InstanceType<typeof CheckViolationError>;
export const DeadlockError = withCode('DeadlockError', 'DEADLOCK');
export type DeadlockError = InstanceType<typeof DeadlockError>;
export const SerializationError = withCode('SerializationError', 'SERIALIZATION_FAILURE');
export type SerializationError = InstanceType<typeof SerializationError>;
export const OptimisticLockError = withCode('OptimisticLockError', 'OPTIMISTIC_LOCK_CONFLICT');
export type OptimisticLockError = InstanceType<typeof OptimisticLockError>;
/** A write in a read-only transaction, or to a read-only database. */
export const ReadOnlyError = withCode('ReadOnlyError', 'READ_ONLY');
export type ReadOnlyError = InstanceType<typeof ReadOnlyError>;
export const ConfigError = withCode('ConfigError', 'CONFIG_INVALID');
export type ConfigError = InstanceType<typeof ConfigError>;
/** The database has no such table or column: the generated code and the schema have drifted apart. */
export const SchemaMismatchError = withCode('SchemaMismatchError', 'SCHEMA_MISMATCH');
export type SchemaMismatchError = InstanceType<typeof SchemaMismatchError>;
/** A database error crudgen does not classify; the driver's error is the cause. */
export const DatabaseError = withCode('DatabaseError', 'QUERY_FAILED');
export type DatabaseError = InstanceType<typeof DatabaseError>;

const CONNECTION_ERROR_CODES = ['AUTHENTICATION_FAILED', 'CONNECTION_FAILED', 'CONNECTION_LOST', 'CONNECT_TIMEOUT', 'DATABASE_NOT_FOUND'] as const satisfies readonly ErrorCode[];
export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number];

/** The database could not be reached, refused us, or dropped the connection. */
export class ConnectionError extends CrudgenError {
  static readonly codes: readonly ConnectionErrorCode[] = CONNECTION_ERROR_CODES;
  override readonly name: string = 'ConnectionError';
  constructor(code: ConnectionErrorCode, message: string, options?: CrudgenErrorOptions) {
    super(code, message, options);
  }
}

const TIMEOUT_ERROR_CODES = ['LOCK_TIMEOUT', 'STATEMENT_TIMEOUT', 'TRANSACTION_TIMEOUT'] as const satisfies readonly ErrorCode[];
type TimeoutErrorCode = (typeof TIMEOUT_ERROR_CODES)[number];

/** A statement ran past the statement timeout or waited too long for a lock, or a transaction ran past its timeoutMs. */
export class TimeoutError extends CrudgenError {
  static readonly codes: readonly TimeoutErrorCode[] = TIMEOUT_ERROR_CODES;
  override readonly name: string = 'TimeoutError';
  constructor(code: TimeoutErrorCode, message: string, options?: CrudgenErrorOptions) {
    super(code, message, options);
  }
}
