// Throughput of the generated repositories beside hand-written Kysely and the raw driver, on each
// engine: findById, create, findMany and createMany of 10,000 rows, with validation on and off.
// Each contender runs the same batch of operations; batches are interleaved and the medians kept.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, MysqlDialect, PostgresDialect, SqliteDialect, sql } from 'kysely';
import mysql from 'mysql2';
import pg from 'pg';
import { introspect } from '../dist/src/operations/introspect.js';
import { createDatabase } from '../dist/src/runtime/index.js';
import { loadGenerated } from '../dist/test/helpers/generated.js';
import { mysqlScratch } from '../dist/test/helpers/mysql.js';
import { postgresScratch } from '../dist/test/helpers/postgres.js';
import { barChart } from './chart.mjs';
import { ensureWorkDir, median, ROOT } from './lib.mjs';

export const title = 'Repositories vs plain Kysely vs the raw driver: operations per second';

const TABLE = {
  postgres: 'CREATE TABLE item (id serial PRIMARY KEY, name varchar(100) NOT NULL, price numeric(10, 2) NOT NULL, qty integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now())',
  mysql: 'CREATE TABLE item (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(100) NOT NULL, price DECIMAL(10, 2) NOT NULL, qty INT NOT NULL, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP, KEY item_qty (qty))',
  sqlite: 'CREATE TABLE item (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL, price NUMERIC(10, 2) NOT NULL, qty INTEGER NOT NULL, created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP)',
};
const INDEX = 'CREATE INDEX item_qty ON item (qty)';
const SEED_ROWS = 10_000;
const item = (i) => ({ name: `item ${i}`, price: (i % 1000) + 0.5, qty: i % 100 });

async function databases() {
  const file = join(ensureWorkDir(), 'repositories.sqlite');
  const sqlite = new BetterSqlite3(file);
  sqlite.exec(`DROP TABLE IF EXISTS item; ${TABLE.sqlite}; ${INDEX}`);
  sqlite.close();
  const [mariadb] = await mysqlScratch(['bench_repositories'], `USE crudgen_test_bench_repositories; ${TABLE.mysql}`);
  return [
    { engine: 'SQLite', dialect: 'sqlite', url: `sqlite:${file}` },
    { engine: 'PostgreSQL', dialect: 'postgres', url: await postgresScratch('bench_repositories', `${TABLE.postgres}; ${INDEX}`) },
    { engine: 'MariaDB', dialect: 'mysql', url: mariadb },
  ];
}

/** A Kysely instance over its own connections, as a user of plain Kysely would make it. */
function openKysely(dialect, url) {
  if (dialect === 'sqlite') return new Kysely({ dialect: new SqliteDialect({ database: new BetterSqlite3(url.slice('sqlite:'.length)) }) });
  if (dialect === 'postgres') return new Kysely({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 4 }) }) });
  return new Kysely({ dialect: new MysqlDialect({ pool: mysql.createPool({ uri: url, connectionLimit: 4, supportBigNumbers: true, bigNumberStrings: true }) }) });
}

/** The raw-driver version of each operation, over its own connections. */
function openRaw(dialect, url) {
  if (dialect === 'sqlite') {
    const raw = new BetterSqlite3(url.slice('sqlite:'.length));
    const byId = raw.prepare('SELECT * FROM item WHERE id = ?');
    const insert = raw.prepare('INSERT INTO item (name, price, qty) VALUES (?, ?, ?) RETURNING *');
    const many = raw.prepare('SELECT * FROM item WHERE qty >= ? ORDER BY id LIMIT 50');
    const insertMany = raw.transaction((rows) => {
      const plain = raw.prepare('INSERT INTO item (name, price, qty) VALUES (?, ?, ?)');
      for (const row of rows) plain.run(row.name, row.price, row.qty);
    });
    return {
      close: async () => raw.close(),
      findById: async (id) => byId.get(id),
      create: async (row) => insert.get(row.name, row.price, row.qty),
      findMany: async (qty) => many.all(qty),
      createMany: async (rows) => insertMany(rows),
    };
  }
  if (dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: url, max: 4 });
    return {
      close: () => pool.end(),
      findById: async (id) => (await pool.query('SELECT * FROM item WHERE id = $1', [id])).rows[0],
      create: async (row) => (await pool.query('INSERT INTO item (name, price, qty) VALUES ($1, $2, $3) RETURNING *', [row.name, row.price, row.qty])).rows[0],
      findMany: async (qty) => (await pool.query('SELECT * FROM item WHERE qty >= $1 ORDER BY id LIMIT 50', [qty])).rows,
      // One multi-row INSERT per 15,000 parameters, in one transaction.
      createMany: async (rows) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          for (let start = 0; start < rows.length; start += 5000) {
            const chunk = rows.slice(start, start + 5000);
            const values = chunk.map((_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`).join(', ');
            await client.query(`INSERT INTO item (name, price, qty) VALUES ${values}`, chunk.flatMap((row) => [row.name, row.price, row.qty]));
          }
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      },
    };
  }
  const pool = mysql.createPool({ uri: url, connectionLimit: 4, supportBigNumbers: true, bigNumberStrings: true }).promise();
  return {
    close: () => pool.end(),
    findById: async (id) => (await pool.query('SELECT * FROM item WHERE id = ?', [id]))[0][0],
    create: async (row) => {
      const [result] = await pool.query('INSERT INTO item (name, price, qty) VALUES (?, ?, ?)', [row.name, row.price, row.qty]);
      return (await pool.query('SELECT * FROM item WHERE id = ?', [result.insertId]))[0][0];
    },
    findMany: async (qty) => (await pool.query('SELECT * FROM item WHERE qty >= ? ORDER BY id LIMIT 50', [qty]))[0],
    createMany: async (rows) => {
      const connection = await pool.getConnection();
      try {
        await connection.beginTransaction();
        await connection.query('INSERT INTO item (name, price, qty) VALUES ?', [rows.map((row) => [row.name, row.price, row.qty])]);
        await connection.commit();
      } finally {
        connection.release();
      }
    },
  };
}

/** Hand-written Kysely: what a careful user writes without crudgen. */
function kyselyOps(kysely, dialect) {
  const returning = dialect !== 'mysql';
  return {
    close: () => kysely.destroy(),
    findById: (id) => kysely.selectFrom('item').selectAll().where('id', '=', id).executeTakeFirst(),
    create: async (row) => {
      if (returning) return kysely.insertInto('item').values(row).returningAll().executeTakeFirst();
      const result = await kysely.insertInto('item').values(row).executeTakeFirst();
      return kysely.selectFrom('item').selectAll().where('id', '=', Number(result.insertId)).executeTakeFirst();
    },
    findMany: (qty) => kysely.selectFrom('item').selectAll().where('qty', '>=', qty).orderBy('id').limit(50).execute(),
    createMany: (rows) =>
      kysely.transaction().execute(async (trx) => {
        for (let start = 0; start < rows.length; start += 5000) await trx.insertInto('item').values(rows.slice(start, start + 5000)).execute();
      }),
  };
}

function repositoryOps(repository, close) {
  return {
    close,
    findById: (id) => repository.findById(id),
    create: (row) => repository.create(row),
    findMany: (qty) => repository.findMany({ where: { qty: { gte: qty } }, orderBy: { id: 'asc' }, limit: 50 }),
    createMany: (rows) => repository.createMany(rows),
  };
}

// How many operations each batch runs, and how many run untimed first on fresh connections.
const BATCH = { findById: 2000, create: 500, findMany: 300, createMany: 3 };
const WARM_UP = { findById: 200, create: 50, findMany: 30, createMany: 1 };

async function perform(operation, ops, count) {
  for (let i = 0; i < count; i++) {
    if (operation === 'createMany') await ops.createMany(Array.from({ length: SEED_ROWS }, (_, j) => item(j)));
    else if (operation === 'findById') await ops.findById(((i * 7919) % SEED_ROWS) + 1);
    else if (operation === 'create') await ops.create(item(i));
    else await ops.findMany(i % 100);
  }
}

/**
 * One timed batch on connections of its own. A server serves each connection from its own
 * thread, and on a shared machine one pool ran 20 % faster than an identical one for a whole
 * process: fresh connections per batch, and a rotating order, keep that out of the ratios.
 */
async function batch(operation, open, reset) {
  // Inserts slow down as the table grows: every createMany batch starts from an empty table.
  if (operation === 'createMany') await reset();
  const ops = await open();
  try {
    await perform(operation, ops, WARM_UP[operation]);
    const start = process.hrtime.bigint();
    await perform(operation, ops, BATCH[operation]);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return (BATCH[operation] * (operation === 'createMany' ? SEED_ROWS : 1)) / (ms / 1000);
  } finally {
    await ops.close();
  }
}

async function empty(dialect, url) {
  const database = createDatabase({ url });
  try {
    await sql.raw(dialect === 'sqlite' ? 'DELETE FROM item' : dialect === 'postgres' ? 'TRUNCATE item' : 'TRUNCATE TABLE item').execute(database.kysely);
  } finally {
    await database.close();
  }
}

const OPERATIONS = ['findById', 'create', 'findMany', 'createMany'];

export async function run({ runs }) {
  const rows = [];
  // crudgen's (validated) rate ÷ each other contender's, per engine and operation.
  const ratios = {};
  for (const { engine, dialect, url } of await databases()) {
    ratios[engine] = {};
    const generated = await loadGenerated(await introspect({ url }), join(ROOT, '.test-output', `bench-repositories-${dialect}`));
    const crudgen = (options) => async () => {
      const database = createDatabase({ url, pool: { max: 4 }, mode: 'production' });
      return repositoryOps(generated.createRepositories(database, options).item, () => database.close());
    };
    const contenders = {
      'crudgen, validated': crudgen({}),
      'crudgen, validate: false': crudgen({ validate: false }),
      'plain Kysely': async () => kyselyOps(openKysely(dialect, url), dialect),
      'raw driver': async () => openRaw(dialect, url),
    };
    const seed = openRaw(dialect, url);
    await seed.createMany(Array.from({ length: SEED_ROWS }, (_, i) => item(i)));
    await seed.close();
    for (const operation of OPERATIONS) {
      const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
      const names = Object.keys(contenders);
      for (let round = 0; round < runs; round++) {
        for (let turn = 0; turn < names.length; turn++) {
          const name = names[(round + turn) % names.length];
          samples[name].push(await batch(operation, contenders[name], () => empty(dialect, url)));
        }
      }
      const rate = Object.fromEntries(names.map((name) => [name, median(samples[name])]));
      const ours = rate['crudgen, validated'];
      ratios[engine][operation] = { kysely: ours / rate['plain Kysely'], raw: ours / rate['raw driver'] };
      rows.push([engine, operation, ...Object.values(rate).map((value) => value.toFixed(0)), ratios[engine][operation].kysely.toFixed(2), ratios[engine][operation].raw.toFixed(2)]);
    }
  }
  return {
    headers: ['engine', 'operation', 'crudgen, validated', 'crudgen, validate: false', 'plain Kysely', 'raw driver', 'crudgen / Kysely', 'crudgen / raw'],
    rows,
    notes: `Operations per second (createMany: rows per second, 10,000 per call), medians of ${runs} rounds. In each round every contender opens its own connections (pools of 4), runs an untimed warm-up (findById ${WARM_UP.findById}, create ${WARM_UP.create}, findMany ${WARM_UP.findMany}, createMany 1), then the timed batch (findById ${BATCH.findById}, create ${BATCH.create}, findMany (50 rows) ${BATCH.findMany}, createMany ${BATCH.createMany}, each createMany batch on an emptied table); the contenders' order rotates from round to round. crudgen runs with its defaults: named prepared statements on PostgreSQL, kept statements on SQLite. Goals: ≥ 0.9 × plain Kysely with validation on; createMany ≥ 0.85 × the raw driver's multi-row insert; SQLite findById ≥ 0.7 × raw better-sqlite3; PostgreSQL findById ≥ 1.0 × raw pg.

findById runs the same code in both crudgen columns (validation checks written values and filter values, and a key lookup has neither), so their difference there is this machine's noise. The createMany ratios move most from run to run, because the servers' own insert speed does.`,
    summary: summary(ratios),
    charts: [chart(ratios)],
  };
}

/** Three rows of the summary table: the ratio to plain Kysely over all operations, and the two the raw-driver goals name. */
function summary(ratios) {
  const cells = [];
  for (const [engine, byOperation] of Object.entries(ratios)) {
    const toKysely = OPERATIONS.map((operation) => [operation, byOperation[operation].kysely]).sort((a, b) => a[1] - b[1]);
    const [lowest, highest] = [toKysely[0], toKysely.at(-1)];
    cells.push(
      {
        comparison: 'Repository throughput ÷ plain Kysely (crudgen validated; lowest–highest of findById, create, findMany, createMany; higher is better)',
        engine,
        value: `${lowest[1].toFixed(2)} (${lowest[0]}) – ${highest[1].toFixed(2)} (${highest[0]})`,
        goal: '≥ 0.9',
      },
      { comparison: 'createMany rows/s ÷ the raw driver\'s multi-row insert (higher is better)', engine, value: byOperation.createMany.raw.toFixed(2), goal: '≥ 0.85' },
      {
        comparison: 'findById ÷ the raw driver (higher is better)',
        engine,
        value: byOperation.findById.raw.toFixed(2),
        goal: { SQLite: '≥ 0.7', PostgreSQL: '≥ 1.0', MariaDB: '—' }[engine],
      },
    );
  }
  return cells;
}

function chart(ratios) {
  return {
    name: 'repositories',
    alt: 'Bar chart: crudgen repository throughput divided by plain Kysely and by the raw driver, per engine and operation',
    svg: barChart({
      title: 'Repository throughput beside plain Kysely and the raw driver',
      subtitle: 'crudgen with validation on: its operations (createMany: rows) per second ÷ the other contender\'s',
      axisLabel: 'crudgen ÷ contender (higher is better)',
      series: ['crudgen ÷ plain Kysely', 'crudgen ÷ raw driver'],
      reference: { value: 1, label: '1.0 = as fast' },
      format: (value) => value.toFixed(2),
      panels: Object.entries(ratios).map(([engine, byOperation]) => ({
        title: engine,
        groups: OPERATIONS.map((operation) => ({ label: operation, values: [byOperation[operation].kysely, byOperation[operation].raw] })),
      })),
    }),
  };
}
