// What the numbers were measured on: the machine, the database servers and the versions of the
// libraries the contenders use, so that a reader can tell whether two result files compare.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { mysqlQuery, psql, ROOT } from './lib.mjs';

const PACKAGES = ['kysely', 'kysely-codegen', 'pg', 'mysql2', 'better-sqlite3', 'zod', 'typescript'];

/** Markdown list items, one per line of the description. */
export function describeEnvironment() {
  const cpus = os.cpus();
  const memory = `${Math.round(os.totalmem() / 2 ** 30)} GiB`;
  return [
    `- Machine: ${cpus.length} × ${cpus[0]?.model ?? 'unknown CPU'}, ${memory}, ${os.platform()} ${os.release()}`,
    `- Node.js ${process.version}`,
    `- Servers: PostgreSQL ${serverVersion(() => psql('SHOW server_version'))}, MySQL/MariaDB ${serverVersion(() => mysqlQuery('SELECT VERSION()'))} (both on loopback), SQLite ${sqliteVersion()} (in process)`,
    `- Packages: ${PACKAGES.map((name) => `${name} ${installedVersion(name)}`).join(', ')}`,
  ].join('\n');
}

/** A server that is down leaves its benches failing anyway; the description says so rather than throwing. */
function serverVersion(query) {
  try {
    return query();
  } catch {
    return '(not reachable)';
  }
}

function sqliteVersion() {
  const database = new BetterSqlite3(':memory:');
  try {
    return database.prepare('SELECT sqlite_version()').pluck().get();
  } finally {
    database.close();
  }
}

function installedVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
}
