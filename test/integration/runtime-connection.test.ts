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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


test('connection manager: health, killed connections, hangs, a restart mid-run under load, statement timeouts, no password anywhere', async () => {
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

    // The database restarts mid-run: an application keeps serving a steady stream of requests
    // while the network to the server is cut for a moment and comes back, as in a restart or a
    // failover. Calls caught in the outage fail fast, each with a connection error; every call
    // started after it succeeds on the same Database, and the pool is back within its limit.
    const proxy = await tcpProxy(server.port);
    const poolMax = 3;
    const viaProxy = open({ url: server.url(proxy.port), connectTimeoutMs: 1_000, pool: { max: poolMax } });
    try {
      type Phase = 'before' | 'cut' | 'after';
      let phase: Phase = 'before';
      const served: Record<Phase, number> = { before: 0, cut: 0, after: 0 };
      const failed: Array<{ phase: Phase; error: CrudgenError }> = [];
      // Twice as many workers as connections, so callers queue for one: the pool's wait
      // queue lives through the outage too. Each stops after five calls started after the restore.
      const worker = async (id: number): Promise<void> => {
        for (let call = 0, afterRestore = 0; afterRestore < 5; call++) {
          const started = phase;
          // A trivial statement and a read of a real (catalog) table, alternately.
          const request = (id + call) % 2 === 0 ? sql`select 1 as one` : sql`select count(*) as n from information_schema.schemata`;
          try {
            const { rows } = await within(8_000, request.execute(viaProxy.kysely), `${server.name}: a call around the restart`);
            assert.is(rows.length, 1);
            served[started] += 1;
          } catch (error) {
            // A hang (within's error) or anything but the runtime's errors fails the test here.
            if (!isCrudgenError(error)) throw error;
            failed.push({ phase: started, error });
            errors.push(error);
          }
          if (started === 'after') afterRestore += 1;
          await sleep(10);
        }
      };
      const running = Promise.all(Array.from({ length: 2 * poolMax }, (_, id) => worker(id)));
      // Serving normally first: the pool is open and in use when the server goes away.
      const serving = async (): Promise<void> => {
        while (served.before < 2 * poolMax) await sleep(10);
      };
      await within(8_000, serving(), `${server.name}: serving before the restart`);
      phase = 'cut';
      await proxy.cut();
      // Longer than the connect retries last (FAST_RETRY), so calls do fail rather than ride it out.
      await sleep(400);
      await proxy.restore();
      phase = 'after';
      await within(30_000, running, `${server.name}: the workers around a restart`);

      const failures: Record<string, number> = {};
      for (const { phase: when, error } of failed) failures[`${when} ${error.code}`] = (failures[`${when} ${error.code}`] ?? 0) + 1;
      const summary = `${server.name}: served ${JSON.stringify(served)}, failed ${JSON.stringify(failures)}`;
      assert.ok(failed.some((failure) => failure.phase === 'cut'), `calls fail during the outage; ${summary}`);
      for (const { error } of failed) {
        assert.is(error.category, 'connection', `${server.name}: ${error.code} ${error.message}`);
        assert.ok(['CONNECTION_LOST', 'CONNECTION_FAILED', 'CONNECT_TIMEOUT'].includes(error.code), `${server.name}: ${error.code} ${error.message}`);
      }
      assert.equal(failed.filter((failure) => failure.phase === 'after').length, 0, `every call after the restore succeeds; ${summary}`);
      assert.is(served.after, 5 * 2 * poolMax, summary);
      // Broken connections were dropped, not kept: the pool is healthy and within its limit.
      const health = await viaProxy.healthCheck();
      assert.ok(health.ok, `${server.name} health after the restart: ${health.error?.message}`);
      assert.ok(health.pool !== null && health.pool.total >= 1 && health.pool.total <= poolMax && health.pool.waiting === 0, `${server.name} pool after the restart: ${JSON.stringify(health.pool)}`);
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
