/**
 * crudgen/runtime: what generated code imports. It depends only on kysely, zod, Node built-ins and
 * (lazily) the driver of the database in use, never on the rest of crudgen, so it can also be
 * copied next to the generated files.
 */
export { parseDatabaseUrl, type ConnectionTarget, type DialectName } from './connection-url.js';
export { createDatabase, type Database, type DatabaseOptions, type HealthReport, type Logger } from './database.js';
export { defaultsForEnvironment, withDefaults, type DatabaseDefaults } from './database-defaults.js';
export type { PoolStats, ServerFeatures } from './dialects/types.js';
export {
  CheckViolationError,
  ConfigError,
  ConnectionError,
  DatabaseError,
  DeadlockError,
  ForeignKeyViolationError,
  InvalidValueError,
  NotFoundError,
  NotNullViolationError,
  OptimisticLockError,
  ReadOnlyError,
  SchemaMismatchError,
  SerializationError,
  TimeoutError,
  UniqueViolationError,
  ValidationError,
  type ConnectionErrorCode,
} from './errors/classes.js';
export { ERROR_CODES, type ErrorCategory, type ErrorCode } from './errors/codes.js';
export { CrudgenError, isCrudgenError, type CrudgenErrorOptions, type ErrorDetails } from './errors/crudgen-error.js';
export type { QueryEvent, QueryObserver } from './managed-driver.js';
export type { Finding } from './monitor/findings.js';
export type { MonitoredQuery, MonitorOptions, MonitorSnapshot, QueryMonitor, ShapeStats } from './monitor/monitor.js';
export type { QueryOrigin } from './monitor/origin.js';
export type { Mode } from './mode.js';
export { redact, redactDeep, redactError } from './redact.js';
export { ReadRepository } from './repository/read-repository.js';
export { repositoriesOver, repositoryOptions, type RepositoriesOptions, type Transactional } from './repository/repositories.js';
export { TableRepository } from './repository/table-repository.js';
export type { FindByIdOptions, FindManyOptions, FindOneOptions, OrderBy, Page, PaginateOptions, ReadOptions, RepositoryOptions, RepositorySource, UpdateOptions, UpsertOptions } from './repository/types.js';
export { WriteRepository } from './repository/write-repository.js';
export type { Condition, Operators, Where } from './repository/where.js';
export { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
export type { ColumnComparison, ColumnDescriptor, GeneratedIdStrategy, IdDescriptor, IdStrategy, IndexDescriptor, TableDescriptor, ValueKind } from './table-descriptor.js';
export { DEFAULT_TRANSACTION_RETRY, type IsolationLevel, type TransactionOptions, type TransactionRetry, type TransactionRetryEvent, type TransactionRetryListener, type TransactionScope } from './transaction.js';
export { TYPE_FAMILIES, type TypeFamily } from './type-family.js';
export { tableValidators, viewValidators, type TableValidators, type ViewValidators } from './validation/table-validators.js';
export { RUNTIME_VERSION, type CrudgenRuntimeV1 } from './version.js';
