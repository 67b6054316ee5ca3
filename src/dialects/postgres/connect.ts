import type pg from 'pg';
import { causeText, CrudgenError } from '../../runtime/errors/crudgen-error.js';
import type { ServerInfo } from '../dialect.js';
import { loadDriver } from '../load-driver.js';

export type PostgresClient = pg.Client;

export interface OpenedPostgres {
  readonly client: PostgresClient;
  readonly server: ServerInfo;
  /** `server_version_num`, e.g. 150020 for 15.20. */
  readonly versionNum: number;
}

const CONNECT_TIMEOUT_MS = 10_000;

/**
 * Connects with node-postgres, learns the server version, and prepares the session for reading
 * the catalog: an empty search_path (see catalog.ts) and one read-only REPEATABLE READ
 * transaction, so that all catalog queries see the same moment even while a migration runs.
 */
export async function openPostgres(url: string): Promise<OpenedPostgres> {
  const client = await connectClient(url);
  try {
    const { rows } = await client.query<{ num: string; version: string; banner: string }>(
      `SELECT pg_catalog.current_setting('server_version_num') AS num,
              pg_catalog.current_setting('server_version') AS version, pg_catalog.version() AS banner`,
    );
    await client.query(`SET search_path = ''; BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY`);
    const row = rows[0] as { num: string; version: string; banner: string };
    return { client, server: { flavour: flavourOf(row.banner), version: row.version.split(' ')[0] ?? row.version }, versionNum: Number(row.num) };
  } catch (cause) {
    await client.end().catch(() => undefined);
    throw connectionError(cause, describeEndpoint(client));
  }
}

/**
 * Opens a second connection that reads the same moment as the first, by importing the snapshot
 * the first exported (`pg_export_snapshot()`). Catalog queries then run on both at once: one
 * connection's results are parsed while the server works on the other's.
 */
export async function openSnapshotReader(url: string, snapshotId: string): Promise<PostgresClient> {
  const client = await connectClient(url);
  try {
    await client.query(
      `SET search_path = ''; BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT '${snapshotId.replaceAll("'", "''")}'`,
    );
    return client;
  } catch (cause) {
    await client.end().catch(() => undefined);
    throw cause;
  }
}

async function connectClient(url: string): Promise<PostgresClient> {
  const { default: driver } = await loadDriver('pg', () => import('pg'));
  const client = new driver.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: 'crudgen' });
  // An idle connection that the server drops emits 'error'; without a listener Node would crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch (cause) {
    await client.end().catch(() => undefined);
    throw connectionError(cause, describeEndpoint(client));
  }
}

/** Servers that speak the PostgreSQL protocol name themselves in `version()`. */
function flavourOf(banner: string): string {
  if (/cockroachdb/i.test(banner)) return 'cockroachdb';
  if (/-YB-/.test(banner)) return 'yugabytedb';
  return 'postgresql';
}

interface Endpoint {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
}

function describeEndpoint(client: PostgresClient): Endpoint {
  return { host: client.host, port: client.port, database: client.database ?? '', user: client.user ?? '' };
}

// SQLSTATE classes and codes a user can act on when connecting.
const AUTH_FAILED = new Set(['28P01', '28000']);
const DATABASE_MISSING = '3D000';
const SERVER_BUSY = new Set(['53300', '57P03']);

/** Turns a driver error raised while connecting into our taxonomy; never includes the password. */
function connectionError(cause: unknown, endpoint: Endpoint): CrudgenError {
  const code = (cause as { code?: unknown }).code;
  const where = `${endpoint.host}:${endpoint.port}`;
  const details = { ...endpoint, driverCode: typeof code === 'string' ? code : null };
  if (code === DATABASE_MISSING) {
    return new CrudgenError('DATABASE_NOT_FOUND', `The PostgreSQL server at ${where} has no database "${endpoint.database}".`, {
      cause,
      details,
      hint: `Create it (createdb ${endpoint.database}) or fix the database name in the URL.`,
    });
  }
  let reason: string;
  let hint: string;
  if (typeof code === 'string' && AUTH_FAILED.has(code)) {
    reason = `the server refused user "${endpoint.user}" (${causeText(cause)})`;
    hint = 'Check the user name and password in the URL, and that pg_hba.conf admits this user from this host.';
  } else if (code === 'ECONNREFUSED') {
    reason = 'nothing accepts connections there';
    hint = 'Start the PostgreSQL server, or fix the host and port in the URL.';
  } else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    reason = `the host name "${endpoint.host}" does not resolve`;
    hint = 'Fix the host in the URL.';
  } else if (typeof code === 'string' && SERVER_BUSY.has(code)) {
    reason = `the server is not accepting connections now (${causeText(cause)})`;
    hint = 'Retry later, or raise max_connections on the server.';
  } else if (/timeout/i.test(causeText(cause))) {
    reason = `no answer within ${CONNECT_TIMEOUT_MS / 1000} s`;
    hint = 'Check that the host and port are right and that no firewall drops the connection.';
  } else {
    reason = causeText(cause);
    hint = 'Check that the server is running and that host, port, user and database in the URL are right.';
  }
  return new CrudgenError(
    'CONNECTION_FAILED',
    `Could not connect to PostgreSQL at ${where} (database "${endpoint.database}", user "${endpoint.user}"): ${reason}.`,
    { cause, details, hint },
  );
}
