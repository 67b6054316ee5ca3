import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { corpusEnv, corpusKey, type CorpusOptions } from './corpus.js';
import { CORPUS } from './paths.js';

/** The test server: trust auth on 127.0.0.1, as the machine and CI provide it. */
const SERVER = process.env['CRUDGEN_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432';

export function postgresUrl(database: string): string {
  return `${SERVER}/${database}`;
}

const loaded = new Map<string, string>();

/**
 * Loads a corpus entry with the corpus's own load.sh into `crudgen_test_<name>`, once per test
 * process (the benchmarks use `crudgen_<name>`, so the two never clobber each other).
 */
export function postgresCorpus(name: string, options: CorpusOptions = {}): string {
  const key = corpusKey(name, options);
  let url = loaded.get(key);
  if (url === undefined) {
    const database = `crudgen_test_${key}`;
    const { hostname, port, username } = new URL(SERVER);
    execFileSync('bash', [join(CORPUS, 'load.sh'), name, 'pg', database], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ...corpusEnv(options), PGHOST: hostname, PGPORT: port || '5432', PGUSER: decodeURIComponent(username) || 'postgres' },
    });
    url = postgresUrl(database);
    loaded.set(key, url);
  }
  return url;
}

/** Creates a fresh database `crudgen_test_<name>` holding what `ddl` creates; returns its URL. */
export async function postgresScratch(name: string, ddl: string): Promise<string> {
  const database = `crudgen_test_${name}`;
  const admin = new pg.Client({ connectionString: postgresUrl('postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: postgresUrl(database) });
  await client.connect();
  try {
    await client.query(ddl);
  } finally {
    await client.end();
  }
  return postgresUrl(database);
}
