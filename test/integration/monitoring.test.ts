import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { introspect } from '../../src/operations/introspect.js';
import type { ConfigSettings } from '../../src/config/schema.js';
import { createDatabase, type Database, type DatabaseOptions } from '../../src/runtime/database.js';
import type { Finding } from '../../src/runtime/monitor/findings.js';
import type { MonitoredQuery } from '../../src/runtime/monitor/monitor.js';
import { loadGenerated } from '../helpers/generated.js';
import { mysqlScratch } from '../helpers/mysql.js';
import { ROOT, tempDir } from '../helpers/paths.js';
import { postgresScratch } from '../helpers/postgres.js';

type Repository = Record<'create' | 'createMany' | 'findById' | 'findMany', (...args: any[]) => Promise<any>>;
interface Library {
  readonly author: Repository;
  readonly book: Repository;
}

const OUTPUT = join(ROOT, '.test-output', `monitoring-${process.pid}`);
const SCHEMA = {
  sqlite: `CREATE TABLE author (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
    CREATE TABLE book (id INTEGER PRIMARY KEY, author_id INTEGER NOT NULL REFERENCES author (id), title TEXT NOT NULL);
    CREATE INDEX book_author ON book (author_id);`,
  postgres: `CREATE TABLE author (id serial PRIMARY KEY, name text NOT NULL);
    CREATE TABLE book (id serial PRIMARY KEY, author_id integer NOT NULL REFERENCES author (id), title text NOT NULL);
    CREATE INDEX book_author ON book (author_id);`,
  mysql: `CREATE TABLE author (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(50) NOT NULL);
    CREATE TABLE book (id INT AUTO_INCREMENT PRIMARY KEY, author_id INT NOT NULL, title VARCHAR(50) NOT NULL, KEY book_author (author_id));`,
};

async function libraries(): Promise<Array<[string, string]>> {
  const file = join(tempDir('monitoring'), 'library.sqlite');
  const sqlite = new BetterSqlite3(file);
  sqlite.exec(SCHEMA.sqlite);
  sqlite.close();
  const [mariadb] = await mysqlScratch(['monitoring'], `USE crudgen_test_monitoring; ${SCHEMA.mysql}`);
  return [
    ['sqlite', `sqlite:${file}`],
    ['postgres', await postgresScratch('monitoring', SCHEMA.postgres)],
    ['mariadb', mariadb as string],
  ];
}

interface Generated {
  createRepositories(source: unknown): Library;
  connect(options: DatabaseOptions): Database<unknown>;
}

/** The generated code, with the configuration's `runtime` section, and a database opened through its `connect`. */
async function open(engine: string, url: string, options: Partial<DatabaseOptions> = {}, runtime: ConfigSettings['runtime'] = {}) {
  const generated = await loadGenerated<Generated>(await introspect({ url }), join(OUTPUT, engine), { runtime: { mode: 'test', ...runtime } });
  const database = generated.connect({ url, ...options });
  return { database, library: generated.createRepositories(database) };
}

const SLOW_STATEMENT: Readonly<Record<string, string>> = {
  sqlite: 'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000) SELECT count(*) AS c FROM n',
  postgres: 'SELECT pg_sleep(0.12)',
  mariadb: 'SELECT sleep(0.12)',
};

const ofKind = (findings: readonly Finding[], kind: Finding['kind']) => findings.filter((finding) => finding.kind === kind);

const CREATE_INDEX: Readonly<Record<string, string>> = {
  sqlite: 'create index "book_title_idx" on "book" ("title");',
  postgres: 'create index "book_title_idx" on "book" ("title");',
  mariadb: 'create index `book_title_idx` on `book` (`title`);',
};

test('monitoring on every engine, configured through the generated connect(): N+1 loops in a scope and back to back, none when batched; a missing LIMIT; an unindexed filter with its CREATE INDEX; a slow statement', async () => {
  for (const [engine, url] of await libraries()) {
    // The thresholds come from the configuration's runtime section, baked into the generated code.
    const { database, library } = await open(engine, url, {}, { monitoring: { missingLimitRows: 100, slowQueryMs: 60 } });
    try {
      const { ids } = (await library.author.createMany(Array.from({ length: 12 }, (_, i) => ({ name: `author ${i}` })))) as { ids: number[] };
      await library.book.createMany(Array.from({ length: 300 }, (_, i) => ({ author_id: ids[i % 12], title: `title ${i}` })));
      database.monitor.reset();

      // One query per author inside one request: the N+1.
      await database.monitor.scope(async () => {
        for (const id of ids) await library.book.findMany({ where: { author_id: id }, limit: 5 });
      });
      const loops = ofKind(database.monitor.findings(), 'n_plus_one');
      assert.is(loops.length, 1, `${engine}: one N+1 finding for the loop`);
      assert.is(loops[0]?.evidence.count, 10, `${engine}: reported when the count reaches the threshold`);
      assert.is(loops[0]?.method, 'book.findMany');
      assert.match(loops[0]?.message ?? '', 'book.findMany ran 10 times in one scope on "book"; fetch them at once with findMany({ where: { author_id: { in: [...] } } })', engine);

      // Without a scope: the same loop, each statement awaited before the next, is found by its timing.
      database.monitor.reset();
      for (const id of ids) await library.author.findById(id);
      const unscoped = ofKind(database.monitor.findings(), 'n_plus_one');
      assert.is(unscoped.length, 1, `${engine}: one N+1 for the loop outside a scope`);
      assert.match(unscoped[0]?.message ?? '', 'author.findById ran 10 times in a row within 100 ms on "author"; fetch them at once with findMany({ where: { id: { in: [...] } } })', engine);
      // Concurrent statements are not a loop.
      database.monitor.reset();
      await Promise.all(ids.map((id) => library.author.findById(id)));
      await Promise.all(ids.map((id) => library.author.findById(id)));
      if (engine !== 'sqlite') assert.equal(ofKind(database.monitor.findings(), 'n_plus_one'), [], `${engine}: overlapping statements are not an N+1`);

      // The batched form in a fresh request: no N+1, and the index serves the filter.
      database.monitor.reset();
      await database.monitor.scope(() => library.book.findMany({ where: { author_id: { in: ids } }, limit: 1000 }));
      assert.equal(database.monitor.findings().filter((finding) => finding.kind !== 'slow_query'), [], `${engine}: nothing to say about the batched read`);

      const all = await library.book.findMany();
      assert.is(all.length, 300);
      const unlimited = ofKind(database.monitor.findings(), 'missing_limit');
      assert.is(unlimited.length, 1, `${engine}: 300 rows without a limit, over the threshold of 100`);
      assert.is(unlimited[0]?.evidence.rows, 300);
      await library.book.findMany({ limit: 200 });
      assert.is(ofKind(database.monitor.findings(), 'missing_limit').length, 1, `${engine}: a limited read is not flagged`);

      await library.book.findMany({ where: { title: 'title 7' }, limit: 1 });
      const unindexed = ofKind(database.monitor.findings(), 'unindexed');
      assert.is(unindexed.length, 1, `${engine}: the filter on title has no index`);
      assert.equal(unindexed[0]?.columns, ['title']);
      assert.is(unindexed[0]?.suggestion?.sql, CREATE_INDEX[engine], `${engine}: CREATE INDEX in the dialect`);

      // Aggregates per shape: the limited title lookup ran once, with its timing.
      const lookup = database.monitor.snapshot().shapes.find((shape) => shape.method === 'book.findMany' && /title. = \? limit \?$/.test(shape.shape));
      assert.is(lookup?.count, 1, `${engine}: counted by shape`);
      assert.ok((lookup?.p95Ms ?? -1) >= (lookup?.p50Ms ?? 0) && (lookup?.maxMs ?? 0) > 0, `${engine}: timed`);

      await sql.raw(SLOW_STATEMENT[engine] as string).execute(database.kysely);
      const slow = ofKind(database.monitor.findings(), 'slow_query').find((finding) => /sleep|recursive/i.test(finding.evidence.shape));
      assert.ok((slow?.evidence.durationMs ?? 0) > 60, `${engine}: the slow statement is reported with its duration`);
      assert.match(slow?.message ?? "", /^Slow statement: SELECT took \d+ ms \(over 60 ms\)\.$/, slow?.message);
    } finally {
      await database.close();
    }
  }
});

test('development logs each statement with its values (unless logParameters: false) and caller; production logs findings only and never a value; OpenTelemetry names', async () => {
  const [[, url]] = (await libraries()) as [[string, string]];
  for (const [mode, logParameters] of [['development', undefined], ['development', false], ['production', undefined]] as const) {
    const lines: Array<['debug' | 'warn', string]> = [];
    const events: MonitoredQuery[] = [];
    const { database, library } = await open(`sqlite-${mode}`, url, {
      mode,
      logger: { debug: (message) => lines.push(['debug', message]), warn: (message) => lines.push(['warn', message]) },
      monitoring: { missingLimitRows: 10, onQuery: (event) => events.push(event), ...(logParameters === undefined ? {} : { logParameters }) },
    });
    try {
      await library.book.findMany({ where: { title: 'a secret title' } });
      const debug = lines.filter(([level]) => level === 'debug').map(([, line]) => line);
      const event = events.find((candidate) => candidate.method === 'book.findMany');
      assert.is(event?.attributes['db.system'], 'sqlite');
      assert.is(event?.attributes['db.operation.name'], 'SELECT');
      assert.is(event?.attributes['db.collection.name'], 'book');
      if (mode === 'development') {
        const logged = debug.find((line) => line.includes('select * from "book"'));
        if (logParameters === false) assert.not.ok(logged?.includes('a secret title'), `logParameters: false hides the values: ${logged}`);
        else assert.ok(logged?.includes('["a secret title"]'), `development shows the values: ${logged}`);
        assert.ok(logged?.includes('monitoring.test.js'), `development shows the caller: ${logged}`);
        assert.ok(event?.attributes['db.query.text'].includes('"title" = ?'));
      } else {
        assert.not.ok(debug.some((line) => line.includes('select * from')), 'production keeps no query log');
        assert.ok(lines.some(([, line]) => line.includes('which no index starts with')), 'production reports findings');
        assert.not.ok(lines.some(([, line]) => line.includes('a secret title')), 'production never logs a value');
        assert.not.ok(JSON.stringify(events).includes('a secret title'), 'nor exports one');
      }
    } finally {
      await database.close();
    }
  }
});

test('the monitor keeps at most maxShapes shapes after 100,000 distinct statements', async () => {
  const database = createDatabase({ url: 'sqlite::memory:', mode: 'test', monitoring: { maxShapes: 500 } });
  try {
    for (let i = 0; i < 100_000; i++) await sql.raw(`select 1 as "c${i}"`).execute(database.kysely);
    const snapshot = database.monitor.snapshot();
    assert.is(snapshot.queries, 100_000);
    assert.is(snapshot.shapes.length, 500, 'the shapes stay at the bound');
    assert.is(snapshot.dropped, 100_000 - 500, 'every other shape was let go');
    assert.ok(snapshot.shapes.some((shape) => shape.shape === 'select ? as "c99999"'), 'the most recent are the ones kept');
  } finally {
    await database.close();
  }
});

test.run();
