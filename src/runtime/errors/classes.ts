import type { ErrorCode } from './codes.js';
import { CrudgenError, type CrudgenErrorOptions } from './crudgen-error.js';

/**
 * The runtime's error classes: one per thing a caller may want to catch (`instanceof`). Each
 * fixes its code (or the few codes it stands for), so `category` and `retryable` follow from
 * the registry.
 */

type FixedCodeError = new (message: string, options?: CrudgenErrorOptions) => CrudgenError;

function withCode(name: string, code: ErrorCode): FixedCodeError {
  const ErrorClass = class extends CrudgenError {
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

export type ConnectionErrorCode = Extract<ErrorCode, 'AUTHENTICATION_FAILED' | 'CONNECTION_FAILED' | 'CONNECTION_LOST' | 'CONNECT_TIMEOUT' | 'DATABASE_NOT_FOUND'>;

/** The database could not be reached, refused us, or dropped the connection. */
export class ConnectionError extends CrudgenError {
  override readonly name: string = 'ConnectionError';
  constructor(code: ConnectionErrorCode, message: string, options?: CrudgenErrorOptions) {
    super(code, message, options);
  }
}

/** A statement ran past the statement timeout, or waited too long for a lock. */
export class TimeoutError extends CrudgenError {
  override readonly name: string = 'TimeoutError';
  constructor(code: 'LOCK_TIMEOUT' | 'STATEMENT_TIMEOUT' | 'TRANSACTION_TIMEOUT', message: string, options?: CrudgenErrorOptions) {
    super(code, message, options);
  }
}
