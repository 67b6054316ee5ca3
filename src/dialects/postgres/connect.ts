import type pg from 'pg';
import { causeText, type CrudgenError } from '../../runtime/errors/crudgen-error.js';
import { connectionError, socketFailure, type ConnectFailure, type Endpoint, type ServerDescription } from '../connection-error.js';
import type { ServerInfo } from '../dialect.js';
import { singleQuoted } from '../quoting.js';
import { loadDriver } from '../../runtime/load-driver.js';

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
    throw toConnectionError(cause, describeEndpoint(client));
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
      `SET search_path = ''; BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SET TRANSACTION SNAPSHOT ${singleQuoted(snapshotId)}`,
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
    throw toConnectionError(cause, describeEndpoint(client));
  }
}

/** Servers that speak the PostgreSQL protocol name themselves in `version()`. */
function flavourOf(banner: string): string {
  if (/cockroachdb/i.test(banner)) return 'cockroachdb';
  if (/-YB-/.test(banner)) return 'yugabytedb';
  return 'postgresql';
}

const POSTGRES: ServerDescription = {
  product: 'PostgreSQL',
  createDatabase: (database) => `createdb ${database}`,
  timeoutSeconds: CONNECT_TIMEOUT_MS / 1000,
};

function describeEndpoint(client: PostgresClient): Endpoint {
  return { host: client.host, port: client.port, database: client.database ?? '', user: client.user ?? '' };
}

// SQLSTATEs a user can act on when connecting.
function failureOf(cause: unknown): ConnectFailure {
  const code = (cause as { code?: unknown }).code;
  if (code === '3D000') return 'database_missing';
  if (code === '28P01' || code === '28000') return 'auth';
  if (code === '53300' || code === '57P03') return 'busy';
  // node-postgres reports its own connect timeout as a plain Error.
  if (/timeout/i.test(causeText(cause))) return 'timeout';
  return socketFailure(code) ?? 'other';
}

function toConnectionError(cause: unknown, endpoint: Endpoint): CrudgenError {
  return connectionError(POSTGRES, failureOf(cause), endpoint, cause);
}
