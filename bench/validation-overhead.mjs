// What runtime validation adds to a repository call on SQLite, where the database's own cost is
// smallest and the check's share shows most: `create` (the insert validator) and `findMany` (the
// filter, order and selection checked against the table). The same database and repository
// class, validate on and off; batches alternate in pairs and the median of the pairs' ratios is
// reported, which cancels the drift of a shared machine that separate medians would keep.
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { introspect } from '../dist/src/operations/introspect.js';
import { createDatabase } from '../dist/src/runtime/index.js';
import { loadGenerated } from '../dist/test/helpers/generated.js';
import { ensureWorkDir, median, ROOT } from './lib.mjs';

export const title = 'Runtime validation on vs off, SQLite: time added per call';

const SCHEMA = `
  CREATE TABLE item (
    id INTEGER PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    price NUMERIC(10, 2) NOT NULL CHECK (price >= 0),
    qty INTEGER NOT NULL CHECK (qty >= 0),
    status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
    created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
  );
  CREATE INDEX item_qty ON item (qty);`;
const BATCH = { create: 400, findMany: 1000 };

const operations = {
  create: (repository, i) => repository.create({ name: `item ${i}`, price: (i % 1000) + 0.5, qty: i % 100, status: i % 2 === 0 ? 'draft' : 'published' }),
  findMany: (repository, i) => repository.findMany({ where: { qty: { gte: i % 100 }, status: 'published' }, orderBy: { id: 'desc' }, limit: 20, select: ['id', 'name', 'price'] }),
};

async function timed(operation, repository) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < BATCH[operation]; i++) await operations[operation](repository, i);
  return Number(process.hrtime.bigint() - start) / 1e3 / BATCH[operation];
}

export async function run({ runs }) {
  const file = join(ensureWorkDir(), 'validation-overhead.sqlite');
  const setup = new BetterSqlite3(file);
  // WAL with NORMAL sync: a commit is not an fsync, so the insert's time is not the disk's noise.
  setup.exec(`DROP TABLE IF EXISTS item; ${SCHEMA}`);
  setup.pragma('journal_mode = WAL');
  setup.close();
  const url = `sqlite:${file}`;
  const generated = await loadGenerated(await introspect({ url }), join(ROOT, '.test-output', 'bench-validation-overhead'));
  const database = createDatabase({ url, mode: 'production' });
  await sql`PRAGMA synchronous = NORMAL`.execute(database.kysely);
  const on = generated.createRepositories(database).item;
  const off = generated.createRepositories(database, { validate: false }).item;
  await operations.create(on, 0);
  const rows = [];
  for (const operation of Object.keys(operations)) {
    await timed(operation, on);
    await timed(operation, off);
    const times = { on: [], off: [] };
    const ratios = [];
    for (let round = 0; round < runs * 2; round++) {
      // Alternate which goes first, so neither always runs on a warmer machine.
      const first = round % 2 === 0 ? 'on' : 'off';
      const second = first === 'on' ? 'off' : 'on';
      const a = await timed(operation, first === 'on' ? on : off);
      const b = await timed(operation, second === 'on' ? on : off);
      times[first].push(a);
      times[second].push(b);
      ratios.push(first === 'on' ? a / b : b / a);
    }
    const added = (median(ratios) - 1) * 100;
    rows.push([operation, `${median(times.on).toFixed(1)} µs`, `${median(times.off).toFixed(1)} µs`, `${(median(times.on) - median(times.off)).toFixed(2)} µs`, `${added.toFixed(1)} %`]);
  }
  await database.close();
  return {
    headers: ['operation', 'validate on', 'validate off', 'difference of medians', 'added (median of paired ratios)'],
    rows,
    notes: `Per call, medians of ${runs * 2} paired batches (create ${BATCH.create}, findMany ${BATCH.findMany} calls each) after a warm-up. create checks a 4-field row against the insert validator (a varchar length, a numeric(10, 2) with a CHECK, an integer CHECK, a CHECK-enum); findMany a two-column filter, an order and a selection, values against their columns' types. Goal: at most 5 % added per call. Unvalidated rows are copied before the insert (each property looked up as a column, undefined members dropped); validated ones go as they are: so create can come out faster with validation on.`,
  };
}
