import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { corpusEnv, corpusKey, type CorpusOptions } from './corpus.js';
import { CORPUS } from './paths.js';

/** The test server: root without a password on 127.0.0.1, as the machine and CI provide it. */
const SERVER = process.env['CRUDGEN_TEST_MYSQL'] ?? 'mysql://root@127.0.0.1:3306';

export function mysqlUrl(database: string): string {
  return `${SERVER}/${database}`;
}

const loaded = new Map<string, string>();

/** Loads a corpus entry with the corpus's load.sh into `crudgen_test_<name>`, once per test process. */
export function mysqlCorpus(name: string, options: CorpusOptions = {}): string {
  const key = corpusKey(name, options);
  let url = loaded.get(key);
  if (url === undefined) {
    const database = `crudgen_test_${key}`;
    const { hostname, port, username, password } = new URL(SERVER);
    execFileSync('bash', [join(CORPUS, 'load.sh'), name, 'mysql', database], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        ...corpusEnv(options),
        MYSQL_HOST: hostname,
        MYSQL_PORT: port || '3306',
        MYSQL_USER: decodeURIComponent(username) || 'root',
        MYSQL_PASSWORD: decodeURIComponent(password),
      },
    });
    url = mysqlUrl(database);
    loaded.set(key, url);
  }
  return url;
}

/** Re-creates the databases `crudgen_test_<name>` for each name and runs `ddl` (which may USE them). */
export async function mysqlScratch(names: readonly string[], ddl: string): Promise<string[]> {
  const connection = await mysql.createConnection({ uri: SERVER, multipleStatements: true });
  try {
    for (const name of names) {
      await connection.query(`DROP DATABASE IF EXISTS \`crudgen_test_${name}\``);
      await connection.query(`CREATE DATABASE \`crudgen_test_${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    }
    await connection.query(ddl);
  } finally {
    await connection.end();
  }
  return names.map((name) => mysqlUrl(`crudgen_test_${name}`));
}
