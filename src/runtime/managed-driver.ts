import type { CompiledQuery, DatabaseConnection, Driver, QueryCompiler, QueryResult, TransactionSettings } from 'kysely';
import type { Engine, FailureSite } from './dialects/types.js';
import { isCrudgenError, type CrudgenError } from './errors/crudgen-error.js';
import { failureToError } from './errors/driver-failure.js';
import type { Mode } from './mode.js';
import { originOf, type QueryOrigin } from './monitor/origin.js';
import { withRetry, type RetryPolicy } from './retry.js';

/** One executed statement, as query observers see it. */
export interface QueryEvent {
  readonly sql: string;
  /** Only in development mode: values may be personal data. */
  readonly parameters: readonly unknown[] | undefined;
  readonly durationMs: number;
  readonly rowCount: number | undefined;
  readonly error: CrudgenError | undefined;
  /** The repository method and table that built it, when one did. */
  readonly origin: QueryOrigin | undefined;
  /** Only in development mode: the stack when the statement was sent, async frames included. */
  readonly stack: string | undefined;
}

export type QueryObserver = (event: QueryEvent) => void;

export interface ManagedDriverContext {
  readonly engine: Engine;
  readonly mode: Mode;
  readonly retry: RetryPolicy;
  readonly observers: ReadonlySet<QueryObserver>;
  readonly onRetry: (error: CrudgenError, retry: number, delayMs: number) => void;
}

/**
 * Wraps a Kysely driver: every driver error becomes a `CrudgenError` of the runtime's taxonomy,
 * opening a connection is retried (only for retryable connection failures, within the retry
 * policy), and each statement is timed for the observers.
 */
export class ManagedDriver implements Driver {
  // One wrapper per pooled connection, made once: connections are reused for many statements.
  private readonly managed = new WeakMap<DatabaseConnection, ManagedConnection>();

  constructor(
    private readonly inner: Driver,
    private readonly context: ManagedDriverContext,
  ) {}

  async init(): Promise<void> {
    await this.guard('connect', undefined, () => this.inner.init());
  }

  // Kysely acquires a connection for every statement: the path without a failure stays as short as
  // the inner driver's, and the retry machinery only starts after a first failure.
  acquireConnection(): Promise<DatabaseConnection> {
    const started = performance.now();
    return this.inner.acquireConnection().then(
      this.wrap,
      (cause: unknown) => {
        const first = this.toError(cause, { phase: 'connect', elapsedMs: performance.now() - started }, undefined);
        if (!retriesConnecting(first) || this.context.retry.attempts <= 1) throw first;
        let attempt = 0;
        return withRetry(
          () => (attempt++ === 0 ? Promise.reject(first) : this.guard('connect', undefined, () => this.inner.acquireConnection())),
          this.context.retry,
          retriesConnecting,
          (error, retry, delay) => this.context.onRetry(error as CrudgenError, retry, delay),
        ).then((connection) => this.wrap(connection));
      },
    );
  }

  private readonly wrap = (connection: DatabaseConnection): DatabaseConnection => {
    let managed = this.managed.get(connection);
    if (managed === undefined) {
      managed = new ManagedConnection(connection, this);
      this.managed.set(connection, managed);
    }
    return managed;
  };

  get observed(): boolean {
    return this.context.observers.size > 0;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    await this.guard('query', undefined, () => this.inner.beginTransaction(unwrap(connection), settings));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await this.guard('query', undefined, () => this.inner.commitTransaction(unwrap(connection)));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await this.guard('query', undefined, () => this.inner.rollbackTransaction(unwrap(connection)));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.guard('query', undefined, () => required(this.inner.savepoint, 'savepoint').call(this.inner, unwrap(connection), name, compile));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.guard('query', undefined, () => required(this.inner.rollbackToSavepoint, 'rollbackToSavepoint').call(this.inner, unwrap(connection), name, compile));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']): Promise<void> {
    await this.guard('query', undefined, () => required(this.inner.releaseSavepoint, 'releaseSavepoint').call(this.inner, unwrap(connection), name, compile));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.inner.releaseConnection(unwrap(connection));
  }

  async destroy(): Promise<void> {
    await this.inner.destroy();
  }

  /** Runs a driver call, turning what it throws into the runtime's error for that site. */
  async guard<T>(phase: FailureSite['phase'], query: CompiledQuery | undefined, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await call();
    } catch (error) {
      throw this.toError(error, { phase, elapsedMs: performance.now() - started }, query);
    }
  }

  toError(error: unknown, site: FailureSite, query: CompiledQuery | undefined): CrudgenError {
    if (isCrudgenError(error)) return error;
    const { engine, mode } = this.context;
    const failure = engine.classify(error, site);
    return failureToError(failure, { mode, product: engine.product, target: engine.target, sql: query?.sql, parameters: query?.parameters }, error);
  }

  get development(): boolean {
    return this.context.mode === 'development';
  }

  notify(query: CompiledQuery, durationMs: number, rowCount: number | undefined, error: CrudgenError | undefined, stack: string | undefined): void {
    if (this.context.observers.size === 0) return;
    const event: QueryEvent = {
      sql: query.sql,
      parameters: this.context.mode === 'development' ? query.parameters : undefined,
      durationMs,
      rowCount,
      error,
      origin: originOf(query),
      stack,
    };
    for (const observer of this.context.observers) observer(event);
  }
}

// Classifying a query failure does not depend on how long it ran.
const QUERY_SITE: FailureSite = { phase: 'query', elapsedMs: 0 };

class ManagedConnection implements DatabaseConnection {
  constructor(
    readonly inner: DatabaseConnection,
    private readonly driver: ManagedDriver,
  ) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.driver.observed) return this.executeObserved(query);
    let result: Promise<QueryResult<R>>;
    try {
      // Kysely's SQLite connection throws synchronously.
      result = this.inner.executeQuery<R>(query);
    } catch (cause) {
      return Promise.reject(this.driver.toError(cause, QUERY_SITE, query));
    }
    return result.catch((cause: unknown) => {
      throw this.driver.toError(cause, QUERY_SITE, query);
    });
  }

  // Promise callbacks rather than an async function: one promise fewer on every statement.
  private executeObserved<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    // Where the application called from, for the development log: the async frames lead back to it.
    const stack = this.driver.development ? new Error().stack : undefined;
    const started = performance.now();
    let result: Promise<QueryResult<R>>;
    try {
      result = this.inner.executeQuery<R>(query);
    } catch (cause) {
      return Promise.reject(this.failed(cause, query, started, stack));
    }
    return result.then(
      (done) => {
        this.driver.notify(query, performance.now() - started, done.rows.length, undefined, stack);
        return done;
      },
      (cause: unknown) => {
        throw this.failed(cause, query, started, stack);
      },
    );
  }

  private failed(cause: unknown, query: CompiledQuery, started: number, stack: string | undefined): CrudgenError {
    const elapsedMs = performance.now() - started;
    const error = this.driver.toError(cause, { phase: 'query', elapsedMs }, query);
    this.driver.notify(query, elapsedMs, undefined, error, stack);
    return error;
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    const started = performance.now();
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } catch (cause) {
      throw this.driver.toError(cause, { phase: 'query', elapsedMs: performance.now() - started }, query);
    }
  }
}

function retriesConnecting(error: unknown): boolean {
  return isCrudgenError(error) && error.retryable && error.category === 'connection';
}

function unwrap(connection: DatabaseConnection): DatabaseConnection {
  return connection instanceof ManagedConnection ? connection.inner : connection;
}

function required<T>(method: T | undefined, name: string): T {
  if (method === undefined) throw new Error(`The database driver does not support ${name}.`);
  return method;
}
