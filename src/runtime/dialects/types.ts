import type { Dialect as KyselyDialect, Kysely } from 'kysely';
import type { ConnectionTarget } from '../connection-url.js';
import type { DriverFailure } from '../errors/driver-failure.js';

/** What the connection manager asks of each engine's runtime module. */
export interface EngineOptions {
  readonly target: ConnectionTarget;
  readonly pool: { readonly min: number; readonly max: number; readonly idleTimeoutMs: number };
  readonly connectTimeoutMs: number;
  /** Server-side statement timeout; on SQLite, the busy timeout. Null: the engine's default. */
  readonly statementTimeoutMs: number | null;
  /** Prepared statements kept per connection (SQLite, PostgreSQL named statements); 0 turns them off. */
  readonly statementCache: number;
  /** Errors the driver raises outside any call (an idle connection the server closed). */
  readonly onBackgroundError: (error: unknown) => void;
}

export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

/** Where an error was raised, for the engine's classification. */
export interface FailureSite {
  readonly phase: 'connect' | 'query';
  /** How long the failing call had run. */
  readonly elapsedMs: number;
}

/** What the connected server can do that repositories adapt to; read once per database. */
export interface ServerFeatures {
  /** `INSERT … RETURNING` (and `UPDATE`/`DELETE … RETURNING` where `returningOnUpdate`). */
  readonly returning: boolean;
  readonly returningOnUpdate: boolean;
  /** `INSERT … ON CONFLICT (…) DO UPDATE` or MySQL's `ON DUPLICATE KEY UPDATE` (any unique key). */
  readonly upsert: 'on_conflict' | 'on_duplicate_key';
  /** One array parameter can stand for a list (`= ANY($1)`): no limit, one plan for every length. */
  readonly arrayParameters: boolean;
  /** Most bind parameters per statement; null where the driver inlines values (mysql2's query()). */
  readonly maxBindParameters: number | null;
  /** Largest statement in bytes, where that is the limit instead. */
  readonly maxStatementBytes: number | null;
  /**
   * The auto-increment ids of one multi-row INSERT are consecutive, this far apart, starting at
   * the insert id the server reports; null where the server does not promise it.
   */
  readonly insertIdStep: number | null;
  /**
   * A lock timeout is the ordinary sign of two writers meeting, retried in transactions unless
   * the retry policy says otherwise: SQLite's busy timeout. Elsewhere a lock-wait timeout means
   * a long wait already, retried only when asked.
   */
  readonly retriesLockTimeouts: boolean;
}

export interface Engine {
  /** The product as users name it: "PostgreSQL", "MySQL", "SQLite". */
  readonly product: string;
  /** OpenTelemetry's `db.system` value for it. */
  readonly system: string;
  /** `host:port/database` or the file, never credentials. */
  readonly target: string;
  /** Kysely's dialect for the engine, over a pool that drops connections the server broke. */
  readonly kyselyDialect: KyselyDialect;
  /**
   * Classifies a driver error by its code; by its text only where the driver gives no code for
   * the case (SQLite's missing table or column, a schema_mismatch read from SQLITE_ERROR's message).
   */
  classify(error: unknown, site: FailureSite): DriverFailure;
  poolStats(): PoolStats | null;
  /**
   * Reads what the server can do (its version, its limits): through the given Kysely instance, or
   * without it where a query on the database could wait on a lock (SQLite asks a memory database).
   */
  readFeatures(kysely: Kysely<unknown>): Promise<ServerFeatures>;
}

/** Host, port and database of a server URL, for messages. */
export function describeServer(url: string, defaultPort: number): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port === '' ? defaultPort : parsed.port}${parsed.pathname}`;
}

/** Node's socket errors, the same for every driver. */
export function socketFailureKind(code: unknown, phase: FailureSite['phase']): DriverFailure['kind'] | null {
  switch (code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'connection_failed';
    case 'ETIMEDOUT':
      return phase === 'connect' ? 'connect_timeout' : 'connection_lost';
    case 'ECONNRESET':
    case 'EPIPE':
      return phase === 'connect' ? 'connection_failed' : 'connection_lost';
    default:
      return null;
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
