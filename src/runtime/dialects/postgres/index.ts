import { PostgresDialect, type PostgresPool } from 'kysely';
import type pg from 'pg';
import { loadDriver } from '../../load-driver.js';
import { describeServer, type Engine, type EngineOptions } from '../types.js';
import { classifyPostgresError } from './errors.js';
import { prepareStatements } from './prepared-statements.js';

/** PostgreSQL through node-postgres' pool, with the statement timeout set per connection. */
export function postgresEngine(options: EngineOptions): Engine {
  if (options.target.dialect !== 'postgres') throw new TypeError('postgresEngine needs a postgres:// target');
  const url = options.target.url;
  let pool: pg.Pool | undefined;
  const createPool = async (): Promise<PostgresPool> => {
    const { default: driver } = await loadDriver('pg', () => import('pg'));
    pool = new driver.Pool({
      connectionString: url,
      min: options.pool.min,
      max: options.pool.max,
      idleTimeoutMillis: options.pool.idleTimeoutMs,
      connectionTimeoutMillis: options.connectTimeoutMs,
      ...(options.statementTimeoutMs === null ? {} : { statement_timeout: options.statementTimeoutMs }),
      application_name: 'crudgen',
    });
    // An idle client the server disconnects is removed by the pool, which then emits 'error'.
    // A checked-out client has no listener of the pool's: its 'error' would end the process, so
    // every client gets one for life. The failure itself reaches the caller through the next
    // query, and the pool discards a client that is no longer queryable when it is released.
    pool.on('error', options.onBackgroundError);
    pool.on('connect', (client) => {
      client.on('error', ignore);
      if (options.statementCache > 0) prepareStatements(client, options.statementCache);
    });
    return pool;
  };
  return {
    product: 'PostgreSQL',
    system: 'postgresql',
    target: describeServer(url, 5432),
    kyselyDialect: new PostgresDialect({ pool: createPool }),
    classify: (error, site) => classifyPostgresError(error, site, options.connectTimeoutMs),
    // RETURNING everywhere; the wire protocol counts bind parameters in 16 bits.
    readFeatures: () => Promise.resolve({ returning: true, returningOnUpdate: true, upsert: 'on_conflict', arrayParameters: true, maxBindParameters: 65_535, maxStatementBytes: null, insertIdStep: null, retriesLockTimeouts: false }),
    poolStats: () => (pool === undefined ? null : { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

function ignore(): void {}
