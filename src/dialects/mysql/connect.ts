import type { Connection } from 'mysql2/promise';
import { connectionError, socketFailure, type ConnectFailure, type Endpoint, type ServerDescription } from '../connection-error.js';
import { loadDriver } from '../../runtime/load-driver.js';
import type { Flavour, MysqlServer } from './capabilities.js';

const CONNECT_TIMEOUT_MS = 10_000;

/** A connection that answers catalog queries with plain rows. */
export interface MysqlConnection {
  rows<T>(sql: string, params: readonly unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** Host, port, database and user of a mysql:// or mariadb:// URL; never the password. */
export function endpointOf(url: string): Endpoint {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: parsed.port === '' ? 3306 : Number(parsed.port),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')),
    user: decodeURIComponent(parsed.username),
  };
}

export async function openMysql(url: string): Promise<MysqlConnection> {
  const driver = await loadDriver('mysql2', () => import('mysql2/promise'));
  const endpoint = endpointOf(url);
  let connection: Connection;
  try {
    // mysql2 reads mysql:// URLs; mariadb:// is the same protocol under another name.
    connection = await driver.createConnection({
      uri: url.replace(/^mariadb:/i, 'mysql:'),
      connectTimeout: CONNECT_TIMEOUT_MS,
      // Identifiers and comments may hold any character.
      charset: 'utf8mb4_general_ci',
    });
  } catch (cause) {
    throw connectionError(MYSQL, failureOf(cause), endpoint, cause);
  }
  // A connection the server closes while idle emits 'error'; without a listener Node would crash.
  connection.on('error', () => undefined);
  return {
    async rows<T>(sql: string, params: readonly unknown[]) {
      const [rows] = await connection.query(sql, params as unknown[]);
      return rows as T[];
    },
    async close() {
      await connection.end().catch(() => connection.destroy());
    },
  };
}

/** Flavour, version and packet size, from `VERSION()` (e.g. `10.11.19-MariaDB-0+deb12u1`). */
export async function readServer(connection: MysqlConnection): Promise<MysqlServer> {
  const [row] = await connection.rows<{ version: string; packet: number | string }>(
    'SELECT VERSION() AS version, @@max_allowed_packet AS packet',
    [],
  );
  const text = row?.version ?? '';
  const flavour: Flavour = /mariadb/i.test(text) ? 'mariadb' : 'mysql';
  const version = /^\d+\.\d+\.\d+/.exec(text)?.[0] ?? text;
  return { flavour, version, maxAllowedPacket: Number(row?.packet ?? 0) || 4_194_304 };
}

const MYSQL: ServerDescription = {
  product: 'MySQL',
  createDatabase: (database) => `CREATE DATABASE \`${database}\``,
  timeoutSeconds: CONNECT_TIMEOUT_MS / 1000,
};

// Server error numbers a user can act on when connecting.
function failureOf(cause: unknown): ConnectFailure {
  const { code, errno } = cause as { code?: unknown; errno?: unknown };
  if (errno === 1049) return 'database_missing';
  if (errno === 1044 || errno === 1045 || errno === 1698) return 'auth';
  if (errno === 1040 || errno === 1203) return 'busy';
  return socketFailure(code) ?? 'other';
}
