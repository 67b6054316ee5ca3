import { Kysely, sql, type Dialect as KyselyDialect } from 'kysely';
import { z } from 'zod';
import { DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_POOL, DEFAULT_STATEMENT_CACHE } from './connection-defaults.js';
import { connectionUrl, parseDatabaseUrl, type DialectName } from './connection-url.js';
import { mysqlEngine } from './dialects/mysql/index.js';
import { postgresEngine } from './dialects/postgres/index.js';
import { sqliteEngine } from './dialects/sqlite/index.js';
import type { Engine, EngineOptions, PoolStats, ServerFeatures } from './dialects/types.js';
import { ConfigError } from './errors/classes.js';
import { causeText, isCrudgenError, type CrudgenError } from './errors/crudgen-error.js';
import { ManagedDriver, type QueryObserver } from './managed-driver.js';
import { Monitor, type MonitorContext, type MonitorOptions, type QueryMonitor } from './monitor/monitor.js';
import { resolveMode, type Mode } from './mode.js';
import { parseOptions } from './options.js';
import { redact, redactDeep } from './redact.js';
import { DEFAULT_RETRY, resolveRetryPolicy, retryPolicyFields } from './retry.js';
import { runTransaction, transactionRetryOption, type TransactionHost, type TransactionOptions, type TransactionRetryListener, type TransactionScope } from './transaction.js';

/** Where log lines go; every line and its metadata are redacted before they arrive. */
export interface Logger {
  debug?(message: string, meta?: Readonly<Record<string, unknown>>): void;
  info?(message: string, meta?: Readonly<Record<string, unknown>>): void;
  warn?(message: string, meta?: Readonly<Record<string, unknown>>): void;
  error?(message: string, meta?: Readonly<Record<string, unknown>>): void;
}

const positive = z.number().int().positive();
const connectionFields = z.discriminatedUnion('dialect', [
  z.strictObject({
    dialect: z.enum(['postgres', 'mysql']),
    host: z.string().min(1),
    port: positive.optional(),
    user: z.string().optional(),
    password: z.string().optional(),
    database: z.string().min(1),
  }),
  z.strictObject({ dialect: z.literal('sqlite'), file: z.string().min(1) }),
]);

const databaseOptions = z
  .strictObject({
    /** postgres://, postgresql://, mysql://, mariadb://, sqlite:PATH or a *.db path. */
    url: z.string().min(1).optional(),
    /** The same as fields, instead of a URL. */
    connection: connectionFields.optional(),
    pool: z.strictObject({ min: z.number().int().nonnegative().optional(), max: positive.optional(), idleTimeoutMs: positive.optional() }).optional(),
    /** How long opening one connection may take. */
    connectTimeoutMs: positive.optional(),
    /** Server-side limit per statement; on SQLite, the busy timeout. */
    statementTimeoutMs: positive.optional(),
    /**
     * Prepared statements kept per connection for reuse (SQLite, and named statements on
     * PostgreSQL; default 256); `false` prepares every time, as a transaction-mode pooler needs.
     */
    statementCache: z.union([z.literal(false), positive]).optional(),
    /** Retries of opening a connection: on by default (`true`), `false` for none, or a policy. */
    retry: z.union([z.boolean(), z.strictObject(retryPolicyFields)]).optional(),
    mode: z.enum(['development', 'production', 'test']).optional(),
    /**
     * The retry of every `transaction()` that does not set its own: `true` for the default policy,
     * or one. Off by default, since a retried callback must be safe to run again.
     */
    transactionRetry: transactionRetryOption.optional(),
    /** Overrides what is read from the server (behind a proxy that hides RETURNING, in tests). */
    features: z
      .strictObject({
        returning: z.boolean().optional(),
        returningOnUpdate: z.boolean().optional(),
        arrayParameters: z.boolean().optional(),
        maxBindParameters: positive.nullable().optional(),
        maxStatementBytes: positive.nullable().optional(),
        insertIdStep: positive.nullable().optional(),
        retriesLockTimeouts: z.boolean().optional(),
      })
      .optional(),
    logger: z.custom<Logger>((value) => typeof value === 'object' && value !== null).optional(),
    /** Query monitoring: aggregates, N+1, missing LIMIT, unindexed filters, slow statements. */
    monitoring: z
      .union([
        z.literal(false),
        z.strictObject({
          enabled: z.boolean().optional(),
          slowQueryMs: positive.optional(),
          nPlusOneThreshold: z.number().int().min(2).optional(),
          nPlusOneWindowMs: z.number().int().nonnegative().optional(),
          logParameters: z.boolean().optional(),
          missingLimitRows: positive.optional(),
          largeTables: z.array(z.string().min(1)).optional(),
          maxShapes: positive.optional(),
          findingIntervalMs: z.number().int().nonnegative().optional(),
          onFinding: z.custom<NonNullable<MonitorOptions['onFinding']>>((value) => typeof value === 'function').optional(),
          onQuery: z.custom<NonNullable<MonitorOptions['onQuery']>>((value) => typeof value === 'function').optional(),
        }),
      ])
      .optional(),
  })
  .refine((options) => (options.url === undefined) !== (options.connection === undefined), {
    message: 'give either `url` or `connection`, not both and not neither',
  });

export type DatabaseOptions = z.input<typeof databaseOptions>;

export interface HealthReport {
  readonly ok: boolean;
  /** Round trip of a trivial statement, including waiting for a pooled connection. */
  readonly latencyMs: number;
  readonly pool: PoolStats | null;
  readonly error?: CrudgenError;
}

/** One database as generated code uses it: typed Kysely, health, shutdown and observation. */
export interface Database<DB> {
  readonly kysely: Kysely<DB>;
  readonly dialect: DialectName;
  readonly mode: Mode;
  healthCheck(): Promise<HealthReport>;
  /** Drains the pool and closes every connection; calling it again does nothing. */
  close(): Promise<void>;
  /** Calls `observer` after every statement; returns the function that stops it. */
  onQuery(observer: QueryObserver): () => void;
  /** What the server can do (RETURNING, statement limits), read on first use and kept. */
  features(): Promise<ServerFeatures>;
  /**
   * Runs `work` in a transaction: committed when it returns, rolled back when it throws (the
   * error re-thrown). Repositories made over `tx` join it; `tx.transaction()` nests a savepoint.
   */
  transaction<T>(work: (tx: TransactionScope<DB>) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Calls `listener` before every retry of a transaction; returns the function that stops it. */
  onTransactionRetry(listener: TransactionRetryListener): () => void;
  /** Query aggregates and findings; `monitor.scope(fn)` marks one request for N+1 detection. */
  readonly monitor: QueryMonitor;
}

const ENGINES: Readonly<Record<DialectName, (options: EngineOptions) => Engine>> = {
  postgres: postgresEngine,
  mysql: mysqlEngine,
  sqlite: sqliteEngine,
};

/**
 * Creates the database handle. Nothing connects until the first query (or `healthCheck()`);
 * bad options fail here, with every problem listed.
 */
export function createDatabase<DB>(input: DatabaseOptions): Database<DB> {
  const parsed = parseOptions(databaseOptions, input);
  if ('problems' in parsed) throw new ConfigError(`Invalid createDatabase options: ${parsed.problems.join('; ')}.`, { details: { problems: parsed.problems } });
  const { options } = parsed;
  const mode = resolveMode(options.mode);
  const logger = redactingLogger(options.logger);
  const target = parseDatabaseUrl(options.url ?? connectionUrl(options.connection as z.infer<typeof connectionFields>));
  const retry = options.retry === false ? { ...DEFAULT_RETRY, attempts: 1 } : resolveRetryPolicy(options.retry === true ? undefined : options.retry, DEFAULT_RETRY);
  const engine = ENGINES[target.dialect]({
    target,
    pool: { min: options.pool?.min ?? DEFAULT_POOL.min, max: options.pool?.max ?? DEFAULT_POOL.max, idleTimeoutMs: options.pool?.idleTimeoutMs ?? DEFAULT_POOL.idleTimeoutMs },
    connectTimeoutMs: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    statementTimeoutMs: options.statementTimeoutMs ?? null,
    statementCache: options.statementCache === false ? 0 : (options.statementCache ?? DEFAULT_STATEMENT_CACHE),
    onBackgroundError: (error) => logger.warn(`${target.dialect}: a pooled connection failed while idle and was dropped: ${causeText(error)}`),
  });
  const observers = new Set<QueryObserver>();
  const base = engine.kyselyDialect;
  const dialect: KyselyDialect = {
    createAdapter: () => base.createAdapter(),
    createDriver: () =>
      new ManagedDriver(base.createDriver(), {
        engine,
        mode,
        retry,
        observers,
        onRetry: (error, attempt, delayMs) =>
          logger.warn(`Connecting to ${engine.product} failed (${error.code}); retry ${attempt} of ${retry.attempts - 1} in ${delayMs} ms.`, { target: engine.target }),
      }),
    createQueryCompiler: () => base.createQueryCompiler(),
    createIntrospector: (db) => base.createIntrospector(db),
  };
  const kysely = new Kysely<DB>({ dialect });
  const monitorOptions: MonitorOptions = options.monitoring === false ? { enabled: false } : (options.monitoring ?? {});
  const monitor = new Monitor(monitorOptions, { mode, system: engine.system, kysely: kysely as Kysely<unknown>, ...monitorLog(options.logger, logger, mode) });
  if (monitorOptions.enabled !== false) observers.add(monitor.observe);
  let closing: Promise<void> | undefined;
  let features: Promise<ServerFeatures> | undefined;
  const readFeatures = (): Promise<ServerFeatures> => {
    features ??= engine.readFeatures(kysely as Kysely<unknown>).then((read) => ({ ...read, ...options.features }) as ServerFeatures);
    // A failed read (the server was down) is tried again next time.
    features.catch(() => {
      features = undefined;
    });
    return features;
  };
  const retryListeners = new Set<TransactionRetryListener>();
  const transactionHost: TransactionHost<DB> = {
    kysely,
    mode,
    features: readFeatures,
    defaultRetry: options.transactionRetry,
    listeners: retryListeners,
    warn: (message) => logger.warn(message),
  };

  return {
    kysely,
    dialect: target.dialect,
    mode,
    async healthCheck() {
      const started = performance.now();
      try {
        await sql`select 1`.execute(kysely);
        return { ok: true, latencyMs: performance.now() - started, pool: engine.poolStats() };
      } catch (error) {
        if (!isCrudgenError(error)) throw error;
        return { ok: false, latencyMs: performance.now() - started, pool: engine.poolStats(), error };
      }
    },
    close() {
      closing ??= kysely.destroy();
      return closing;
    },
    onQuery(observer) {
      observers.add(observer);
      return () => observers.delete(observer);
    },
    features: readFeatures,
    monitor,
    transaction: (work, transactionOptions) => runTransaction(transactionHost, work, transactionOptions),
    onTransactionRetry(listener) {
      retryListeners.add(listener);
      return () => retryListeners.delete(listener);
    },
  };
}

/**
 * Where the monitor writes: the application's logger, else the console — the development query
 * log in colour when stderr is a terminal and NO_COLOR is unset, findings as warnings.
 */
function monitorLog(given: Logger | undefined, redacting: Required<Logger>, mode: Mode): Pick<MonitorContext, 'logger' | 'colours'> {
  if (given !== undefined) return { logger: redacting, colours: false };
  return {
    logger: { debug: mode === 'development' ? (message) => console.debug(redact(message)) : () => undefined, warn: (message) => console.warn(redact(message)) },
    colours: process.stderr.isTTY === true && process.env['NO_COLOR'] === undefined,
  };
}

function redactingLogger(logger: Logger | undefined): Required<Logger> {
  const level = (name: keyof Logger) => (message: string, meta?: Readonly<Record<string, unknown>>) =>
    logger?.[name]?.(redact(message), meta === undefined ? undefined : redactDeep(meta));
  return { debug: level('debug'), info: level('info'), warn: level('warn'), error: level('error') };
}
