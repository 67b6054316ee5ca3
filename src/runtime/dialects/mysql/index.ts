import { CompiledQuery, MysqlDialect, sql, type DatabaseConnection, type MysqlPool } from 'kysely';
import type { Pool, PoolConnection } from 'mysql2';
import { loadDriver } from '../../load-driver.js';
import { describeServer, type Engine, type EngineOptions } from '../types.js';
import { classifyMysqlError, type Flavour } from './errors.js';

/**
 * MySQL and MariaDB through mysql2's pool. BIGINT and DECIMAL come back as strings (no silent
 * precision loss); the statement timeout is a session variable whose name depends on the server,
 * so each new connection learns the flavour (once per pool) before setting it.
 */
export function mysqlEngine(options: EngineOptions): Engine {
  if (options.target.dialect !== 'mysql') throw new TypeError('mysqlEngine needs a mysql:// target');
  const url = options.target.url.replace(/^mariadb:/i, 'mysql:');
  let pool: Pool | undefined;
  let flavour: Flavour | null = null;
  const createPool = async (): Promise<MysqlPool> => {
    const { default: driver } = await loadDriver('mysql2', () => import('mysql2'));
    pool = driver.createPool({
      uri: url,
      connectionLimit: options.pool.max,
      maxIdle: Math.max(options.pool.min, 1),
      idleTimeout: options.pool.idleTimeoutMs,
      connectTimeout: options.connectTimeoutMs,
      supportBigNumbers: true,
      bigNumberStrings: true,
      charset: 'utf8mb4_general_ci',
    });
    pool.on('connection', (connection) => {
      connection.on('error', options.onBackgroundError);
      droppedWhenBroken(connection);
      unsignedInsertIds(connection);
    });
    return pool;
  };
  const onCreateConnection = async (connection: DatabaseConnection): Promise<void> => {
    if (flavour === null) {
      const { rows } = await connection.executeQuery<{ version: string }>(CompiledQuery.raw('SELECT VERSION() AS version'));
      flavour = /mariadb/i.test(rows[0]?.version ?? '') ? 'mariadb' : 'mysql';
    }
    if (options.statementTimeoutMs === null) return;
    // MariaDB counts seconds (fractions allowed) for every statement; MySQL milliseconds, SELECT only.
    const statement =
      flavour === 'mariadb'
        ? `SET SESSION max_statement_time = ${options.statementTimeoutMs / 1000}`
        : `SET SESSION max_execution_time = ${Math.round(options.statementTimeoutMs)}`;
    await connection.executeQuery(CompiledQuery.raw(statement));
  };
  return {
    product: 'MySQL',
    system: 'mysql',
    target: describeServer(url, 3306),
    kyselyDialect: new MysqlDialect({ pool: createPool, onCreateConnection }),
    classify: (error, site) => classifyMysqlError(error, site, flavour),
    poolStats: () => (pool === undefined ? null : mysqlPoolStats(pool)),
    async readFeatures(kysely) {
      const { rows } = await sql<{ version: string; packet: number | string; lockMode: number | string | null; increment: number | string }>`
        SELECT VERSION() AS version, @@max_allowed_packet AS packet, @@innodb_autoinc_lock_mode AS lockMode, @@auto_increment_increment AS increment`.execute(kysely);
      const row = rows[0];
      const version = row?.version ?? '';
      const [major = 0, minor = 0] = version.split(/[.-]/).map(Number);
      // INSERT … RETURNING since MariaDB 10.5; MySQL has none. mysql2's query() inlines values, so
      // a statement is limited by the packet size, not by a count of parameters.
      const returning = /mariadb/i.test(version) && (major > 10 || (major === 10 && minor >= 5));
      // InnoDB gives one multi-row INSERT consecutive ids in lock modes 0 and 1 (MariaDB's
      // default); mode 2 (MySQL 8's default) may interleave them with other sessions' inserts.
      const insertIdStep = row?.lockMode != null && Number(row.lockMode) <= 1 ? Number(row.increment) : null;
      return { returning, returningOnUpdate: false, upsert: 'on_duplicate_key', arrayParameters: false, maxBindParameters: null, maxStatementBytes: Number(row?.packet ?? 4_194_304), insertIdStep, retriesLockTimeouts: false };
    },
  };
}

/** mysql2 keeps its pool counts in fields it does not document; read them defensively. */
function mysqlPoolStats(pool: Pool): { total: number; idle: number; waiting: number } | null {
  const inner = pool as unknown as { _allConnections?: { length: number }; _freeConnections?: { length: number }; _connectionQueue?: { length: number } };
  if (inner._allConnections === undefined || inner._freeConnections === undefined) return null;
  return { total: inner._allConnections.length, idle: inner._freeConnections.length, waiting: inner._connectionQueue?.length ?? 0 };
}

/**
 * mysql2 hands a connection whose query failed fatally (the server killed it, the network cut it)
 * back to the pool, and the next caller gets a dead connection. Releasing such a connection
 * destroys it instead. The check reads mysql2's `_fatalError`, set on exactly those connections;
 * patching `release` once per connection keeps queries free of any wrapper.
 */
function droppedWhenBroken(connection: PoolConnection): void {
  const release = connection.release.bind(connection);
  connection.release = () => ((connection as unknown as { _fatalError?: unknown })._fatalError ? connection.destroy() : release());
}

/**
 * The server sends the insert id unsigned, and mysql2 (with bigNumberStrings) reads one past 2^63
 * as a negative number: a BIGINT UNSIGNED key's id would come back wrong. The callback of every
 * query on the connection gets the id corrected; patched once per connection, as above.
 */
function unsignedInsertIds(connection: PoolConnection): void {
  const query = connection.query.bind(connection) as (...args: unknown[]) => unknown;
  (connection as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, result: unknown, ...rest: unknown[]) => {
        const header = result as { insertId?: number | string } | null | undefined;
        if (header != null && (typeof header.insertId === 'string' || typeof header.insertId === 'number') && Number(header.insertId) < 0) {
          header.insertId = String(BigInt(header.insertId) + 2n ** 64n);
        }
        return (callback as (...values: unknown[]) => unknown)(error, result, ...rest);
      };
    }
    return query(...args);
  };
}
