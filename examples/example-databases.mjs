// Builds the bundled example schema (examples/schema/*.sql) on every engine and returns the URLs:
// SQLite in a temporary file, PostgreSQL and MariaDB in a database `crudgen_example` on the
// servers the tests use. Shared by `npm run example` and the test that keeps generated-example/ fresh.
import Database from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = (dialect) => readFileSync(join(root, 'examples', 'schema', `${dialect}.sql`), 'utf8');
const POSTGRES = process.env.CRUDGEN_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432';
const MYSQL = process.env.CRUDGEN_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306';
const NAME = 'crudgen_example';

/** A new SQLite database at `file` (which must not exist yet) holding the example schema. */
export function buildSqliteExample(file) {
  const db = new Database(file);
  db.exec(schema('sqlite'));
  db.close();
}

export async function buildExampleDatabases() {
  const file = join(mkdtempSync(join(tmpdir(), 'crudgen-example-')), 'example.sqlite');
  buildSqliteExample(file);

  const admin = new pg.Client({ connectionString: `${POSTGRES}/postgres` });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${NAME}`);
  await admin.end();
  const client = new pg.Client({ connectionString: `${POSTGRES}/${NAME}` });
  await client.connect();
  await client.query(schema('postgres'));
  await client.end();

  const connection = await mysql.createConnection({ uri: MYSQL, multipleStatements: true });
  await connection.query(`DROP DATABASE IF EXISTS ${NAME}; CREATE DATABASE ${NAME} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; USE ${NAME}; ${schema('mysql')}`);
  await connection.end();

  return { sqlite: `sqlite:${file}`, postgres: `${POSTGRES}/${NAME}`, mysql: `${MYSQL}/${NAME}` };
}
