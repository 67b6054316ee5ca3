import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createDatabase, type Database, type DatabaseOptions } from '../../src/runtime/database.js';
import { isCrudgenError, type CrudgenError } from '../../src/runtime/errors/crudgen-error.js';
import { sqliteCorpus } from '../helpers/corpus.js';
import { mysqlUrl } from '../helpers/mysql.js';
import { rejection } from '../helpers/errors.js';
import { tempDir } from '../helpers/paths.js';
import { postgresUrl } from '../helpers/postgres.js';
import { silentServer, tcpProxy, within } from '../helpers/tcp.js';

/** Appears in every URL; must never appear in any message, detail, inspection or log line. */
const CANARY = 'canary-Pw-7f3a9';
const MARIADB_USER = 'crudgen_canary';

interface ServerCase {
  readonly name: string;
  readonly port: number;
  /** A URL with the canary password, through `port` (the real server or the proxy). */
  readonly url: (port: number) => string;
  readonly sessionId: string;
  readonly kill: (id: number) => Promise<void>;
  readonly slow: string;
  /** A URL whose password the server refuses; null where the server trusts every password. */
  readonly wrongPassword: string | null;
}

async function onPostgresAdmin(statement: string, parameters: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: postgresUrl('postgres') });
  await client.connect();
  await client.query(statement, parameters).finally(() => client.end());
}

async function onMariadbAdmin(statement: string, parameters: unknown[] = []): Promise<void> {
  const connection = await mysql.createConnection({ uri: mysqlUrl('test') });
  await connection.query(statement, parameters).finally(() => connection.end());
}

const SERVERS: readonly ServerCase[] = [
  {
    name: 'PostgreSQL',
    port: 5432,
    // The test server trusts every password, so the canary rides along unused.
    url: (port) => `postgres://postgres:${CANARY}@127.0.0.1:${port}/test`,
    sessionId: 'select pg_backend_pid() as id',
    kill: (id) => onPostgresAdmin('select pg_terminate_backend($1)', [id]),
    slow: 'select pg_sleep(3)',
    wrongPassword: null,
  },
  {
    name: 'MariaDB',
    port: 3306,
    url: (port) => `mysql://${MARIADB_USER}:${CANARY}@127.0.0.1:${port}/test`,
    sessionId: 'select connection_id() as id',
    kill: (id) => onMariadbAdmin(`KILL ${Number(id)}`),
    slow: 'select sleep(3)',
    wrongPassword: `mysql://${MARIADB_USER}:wrong-${CANARY}@127.0.0.1:3306/test`,
  },
];

const FAST_RETRY = { attempts: 3, baseDelayMs: 10, maxDelayMs: 40, totalTimeMs: 3_000 } as const;


test('connection manager: health, killed connections, hangs, outages, statement timeouts, no password anywhere', async () => {
  await onMariadbAdmin(`CREATE USER IF NOT EXISTS '${MARIADB_USER}'@'%' IDENTIFIED BY '${CANARY}'`);
  await onMariadbAdmin(`CREATE USER IF NOT EXISTS '${MARIADB_USER}'@'localhost' IDENTIFIED BY '${CANARY}'`);
  await onMariadbAdmin(`GRANT SELECT ON test.* TO '${MARIADB_USER}'@'%'`);
  await onMariadbAdmin(`GRANT SELECT ON test.* TO '${MARIADB_USER}'@'localhost'`);

  const logs: string[] = [];
  const errors: CrudgenError[] = [];
  const logger = { warn: (message: string, meta?: object) => logs.push(message + JSON.stringify(meta ?? {})) };
  const open = (options: DatabaseOptions): Database<unknown> => createDatabase({ mode: 'development', logger, retry: FAST_RETRY, ...options });
  const seen = async (promise: Promise<unknown>): Promise<CrudgenError> => {
    const error = await rejection(promise);
    errors.push(error);
    return error;
  };

  for (const server of SERVERS) {
    const db = open({ url: server.url(server.port), statementTimeoutMs: 500, pool: { max: 2 } });
    try {
      // Health check: a round trip and the pool's numbers.
      const health = await db.healthCheck();
      assert.ok(health.ok, `${server.name} health: ${health.error?.message}`);
      assert.ok(health.pool !== null && health.pool.total >= 1, `${server.name} pool stats`);

      // A connection the server kills is dropped; at most one call sees the loss, the next gets a fresh one.
      const { rows } = await sql<{ id: number }>`${sql.raw(server.sessionId)}`.execute(db.kysely);
      await server.kill(Number(rows[0]?.id));
      await new Promise((resolve) => setTimeout(resolve, 100));
      const afterKill = await sql`select 1 as one`.execute(db.kysely).catch(async (error: unknown) => {
        assert.ok(isCrudgenError(error) && error.code === 'CONNECTION_LOST', `${server.name}: ${String(error)}`);
        errors.push(error as CrudgenError);
        return sql`select 1 as one`.execute(db.kysely);
      });
      assert.equal(afterKill.rows.length, 1, `${server.name} serves after a kill`);

      // The statement timeout cancels on the server and says so.
      const timeout = await seen(within(5_000, sql`${sql.raw(server.slow)}`.execute(db.kysely), `${server.name} slow query`));
      assert.equal([timeout.name, timeout.code, timeout.category, timeout.retryable], ['TimeoutError', 'STATEMENT_TIMEOUT', 'timeout', false], server.name);
      assert.match(timeout.message, server.slow, 'development messages show the SQL');
    } finally {
      await db.close();
      await db.close();
    }

    // A server that accepts and never answers: each attempt ends at the connect timeout, then the retries give up.
    const silent = await silentServer();
    const hung = open({ url: server.url(silent.port), connectTimeoutMs: 300 });
    const logsBefore = logs.length;
    const report = await within(8_000, hung.healthCheck(), `${server.name} against a silent server`);
    assert.is(report.ok, false);
    assert.is(report.error?.code, 'CONNECT_TIMEOUT', `${server.name}: ${report.error?.message}`);
    errors.push(report.error as CrudgenError);
    assert.is(logs.length - logsBefore, FAST_RETRY.attempts - 1, `${server.name} logs each retry`);
    await hung.close();
    await silent.close();

    // An outage between client and server: calls fail fast with ConnectionError, and the same Database serves again afterwards.
    const proxy = await tcpProxy(server.port);
    const viaProxy = open({ url: server.url(proxy.port), connectTimeoutMs: 1_000 });
    try {
      assert.equal((await sql`select 1 as one`.execute(viaProxy.kysely)).rows.length, 1);
      await proxy.cut();
      const outage = await seen(within(8_000, sql`select 1 as one`.execute(viaProxy.kysely), `${server.name} during an outage`));
      assert.is(outage.category, 'connection', `${server.name}: ${outage.code} ${outage.message}`);
      await proxy.restore();
      const back = await within(8_000, sql`select 1 as one`.execute(viaProxy.kysely).catch(() => sql`select 1 as one`.execute(viaProxy.kysely)), 'after the outage');
      assert.equal(back.rows.length, 1, `${server.name} serves again after the outage`);
    } finally {
      await viaProxy.close();
      await proxy.close();
    }

    if (server.wrongPassword !== null) {
      const refused = open({ url: server.wrongPassword });
      const logsBefore = logs.length;
      const error = await seen(sql`select 1`.execute(refused.kysely));
      assert.equal([error.name, error.code, error.retryable], ['ConnectionError', 'AUTHENTICATION_FAILED', false]);
      assert.is(logs.length, logsBefore, 'a refused password is not retried');
      await refused.close();
    }
  }

  // SQLite: no server and no pool; the statement timeout is the busy timeout.
  const file = join(tempDir('runtime'), 'chinook.sqlite');
  copyFileSync(sqliteCorpus('chinook'), file);
  const lite = open({ url: `sqlite:${file}`, statementTimeoutMs: 200 });
  assert.equal([(await lite.healthCheck()).ok, (await lite.healthCheck()).pool], [true, null]);
  const locker = new BetterSqlite3(file);
  locker.exec('BEGIN EXCLUSIVE');
  const busy = await seen(within(5_000, sql`insert into Genre (Name) values ('x')`.execute(lite.kysely), 'SQLite busy wait'));
  assert.equal([busy.name, busy.code, busy.retryable], ['TimeoutError', 'LOCK_TIMEOUT', true]);
  locker.exec('ROLLBACK');
  locker.close();
  await lite.close();
  const missing = open({ url: `sqlite:${join(tempDir('runtime'), 'missing.sqlite')}` });
  assert.is((await seen(sql`select 1`.execute(missing.kysely))).code, 'DATABASE_NOT_FOUND');

  // Nothing anywhere shows the canary: messages, hints, details, JSON, inspection, causes, logs.
  assert.ok(errors.length >= 8, `collected ${errors.length} errors`);
  for (const error of errors) {
    const rendered = [error.message, error.hint, JSON.stringify(error.toJSON()), inspect(error, { depth: 10 }), inspect(error.cause, { depth: 10 })].join('\n');
    assert.not.match(rendered, CANARY, error.code);
  }
  assert.not.match(logs.join('\n'), CANARY);
});

test.run();
