import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PlannedTable } from '../../src/generate/plan.js';
import { generate } from '../../src/operations/generate.js';
import { introspect } from '../../src/operations/introspect.js';
import { createDatabase, type DatabaseOptions } from '../../src/runtime/database.js';
import { isCrudgenError } from '../../src/runtime/errors/crudgen-error.js';
import { sqliteCorpus } from '../helpers/corpus.js';
import { rejection } from '../helpers/errors.js';
import { loadGenerated } from '../helpers/generated.js';
import { mysqlCorpus, mysqlScratch } from '../helpers/mysql.js';
import { ROOT, tempDir } from '../helpers/paths.js';
import { postgresCorpus, postgresScratch } from '../helpers/postgres.js';
import { RowFactory, type Row } from '../helpers/row-factory.js';

// The generated classes, seen loosely here: the compile tests check their types.
type Method = (...args: any[]) => Promise<any>;
type Repository = Record<
  'count' | 'create' | 'createMany' | 'delete' | 'deleteMany' | 'exists' | 'findById' | 'findMany' | 'findOne' | 'getById' | 'paginate' | 'update' | 'upsert',
  Method
>;
type Repositories = Record<'author' | 'book' | 'customer' | 'flagged' | 'orderLine' | 'publishedBook' | 'purchaseOrder', Repository>;

const OUTPUT = join(ROOT, '.test-output', `repositories-${process.pid}`);
// Beside the example schema: a soft-delete flag that is a plain integer, live at 0.
const flagged = 'CREATE TABLE flagged (name VARCHAR(40) PRIMARY KEY, deleted INTEGER NOT NULL DEFAULT 0);';
const schema = (dialect: string): string => `${readFileSync(join(ROOT, 'examples', 'schema', `${dialect}.sql`), 'utf8')}\n${flagged}\n`;

async function exampleDatabases(): Promise<Array<[string, string, DatabaseOptions['features']]>> {
  const file = join(tempDir('repositories'), 'example.sqlite');
  const sqlite = new BetterSqlite3(file);
  sqlite.exec(schema('sqlite'));
  sqlite.close();
  const [mariadb, noReturning] = await mysqlScratch(
    ['repositories', 'repositories_plain'],
    `USE crudgen_test_repositories; ${schema('mysql')} USE crudgen_test_repositories_plain; ${schema('mysql')}`,
  );
  return [
    ['sqlite', `sqlite:${file}`, undefined],
    ['postgres', await postgresScratch('repositories', schema('postgres')), undefined],
    ['mariadb', mariadb as string, undefined],
    // MySQL 8 has no RETURNING: the same server with the capability switched off takes that path.
    ['mariadb without RETURNING', noReturning as string, { returning: false }],
  ];
}

test('repositories on every engine: CRUD, filters, keyset pages, batches all or nothing, upsert, composite keys, views', async () => {
  for (const [engine, url, features] of await exampleDatabases()) {
    const snapshot = await introspect({ url });
    const generated = await loadGenerated<{ createRepositories: (source: unknown, options?: object) => Repositories }>(snapshot, join(OUTPUT, engine.replace(/ /g, '-')), {
      tables: { customer: { softDeleteColumn: 'deleted_at' }, flagged: { softDeleteColumn: 'deleted' } },
    });
    const database = createDatabase({ url, ...(features === undefined ? {} : { features }) });
    const { author, book, customer, flagged, purchaseOrder, orderLine, publishedBook } = generated.createRepositories(database);
    try {
      const ada = (await author.create({ name: 'Ada', email: 'ada@example.com' })) as Row;
      assert.ok(ada['id'] != null && ada['created_at'] != null, `${engine}: the created row comes back with its key and defaults`);

      const rows = Array.from({ length: 1000 }, (_, i) => ({
        author_id: ada['id'],
        isbn: `978${String(i).padStart(10, '0')}`,
        title: `Book ${i}`,
        status: i % 3 === 0 ? 'published' : 'draft',
        price: (i % 50) + 0.25,
      }));
      const many = (await book.createMany(rows)) as { count: number; ids: unknown[] };
      assert.is(many.count, 1000, `${engine}: createMany`);
      // The ids come back in the order of the rows: RETURNING, or consecutive insert ids without it.
      for (const index of [0, 500, 999]) assert.is(((await book.findById(many.ids[index])) as Row)['isbn'], rows[index]?.isbn, `${engine}: createMany's id ${index}`);
      assert.is(await book.count(), 1000);
      // A long id list: on PostgreSQL one array parameter, past its 65,535-parameter limit.
      const ids = Array.from({ length: engine === 'postgres' ? 70_000 : 2_000 }, (_, i) => i + 1);
      assert.is(await book.count({ where: { id: { in: ids } } }), 1000, `${engine}: in`);
      assert.is(await book.count({ where: { id: { notIn: ids.slice(0, 10) } } }), 990, `${engine}: notIn`);
      assert.is(await book.count({ where: { status: 'published' } }), 334);
      assert.is(await book.count({ where: { OR: [{ status: 'published' }, { price: { lt: 1 } }], NOT: { isbn: { in: [] } } } }), 334 + 13);
      assert.ok(await book.exists({ where: { title: { like: 'Book 99%' } } }));
      // Statements are compiled once per shape: the same shapes again with other values and list lengths.
      assert.is(await book.count({ where: { status: 'draft' } }), 666, `${engine}: a kept statement takes new values`);
      assert.is(await book.count({ where: { id: { in: [1, 2] } } }), 2);
      assert.is(await book.count({ where: { id: { in: [1, 2, 3] } } }), 3);
      assert.is(await book.exists({ where: { title: { like: 'Nothing%' } } }), false);
      assert.is((await book.findMany({ where: { price: { gte: 49 } }, orderBy: { id: 'asc' }, offset: 15 })).length, 5, `${engine}: offset without limit`);

      // Keyset pages over a non-unique order: the primary key breaks ties, no row is lost or repeated.
      const seen = new Set<string>();
      let after: string | null = null;
      do {
        const page: { items: Row[]; nextCursor: string | null } = await book.paginate({ first: 77, orderBy: { price: 'desc' }, after });
        for (const item of page.items) seen.add(String(item['id']));
        after = page.nextCursor;
      } while (after !== null);
      assert.is(seen.size, 1000, `${engine}: paginate visits every row once`);

      const picked = (await book.findMany({ where: { price: { gte: 49 } }, orderBy: [{ price: 'asc' }, { id: 'desc' }], limit: 5, select: ['id', 'price'] })) as Row[];
      assert.equal(picked.length, 5);
      assert.equal(Object.keys(picked[0] as Row).sort(), ['id', 'price']);

      const first = (await book.findOne({ orderBy: { id: 'asc' } })) as Row;
      assert.is((await book.getById(first['id']))['isbn'], first['isbn']);
      const renamed = (await book.update(first['id'], { title: 'Renamed' })) as Row;
      assert.is(renamed['title'], 'Renamed', `${engine}: update returns the stored row`);
      assert.is((await rejection(book.getById(999_999))).code, 'NOT_FOUND');
      assert.is((await rejection(book.update(999_999, { title: 'x' }))).code, 'NOT_FOUND');
      assert.match((await rejection(book.count({ where: { titel: 'x' } }))).message, 'where.titel is not a column of table "book" (did you mean "title"?)');
      assert.match((await rejection(book.count({ where: { price: { gtee: 1 } } }))).message, 'where.price.gtee is not a filter operator (did you mean "gte"?)');
      // An option the method does not take is refused, not skipped: keyset pages take `first`, findMany `limit`.
      assert.match((await rejection(book.paginate({ limit: 10 }))).message, 'limit is not an option of paginate (did you mean "first"?); first is required: the page size');
      assert.match((await rejection(book.findMany({ first: 10, limit: 2.5 }))).message, 'first is not an option of findMany (did you mean "limit"?); limit must be a whole number of at least 0');
      assert.match((await rejection(book.update(1, { title: 'x' }, { expectedVersoin: 1 }))).message, 'expectedVersoin is not an option of update (did you mean "expectedVersion"?)');
      assert.match((await rejection(database.transaction(async () => undefined, { timeout: 5_000 } as never))).message, 'timeout is not an option (did you mean "timeoutMs"?)');
      assert.throws(
        () => generated.createRepositories(database, { validation: false, repositories: { custmer: {} } }),
        /validation is not an option \(did you mean "validate"\?\); repositories\.custmer is not a repository \(did you mean "customer"\?\)/,
      );

      // All or nothing: a duplicate key in a batch leaves no row of it behind; bad input never reaches the database.
      const fresh = { ...rows[0], isbn: '9999999999999' };
      assert.is((await rejection(book.createMany([fresh, rows[1]]))).code, 'UNIQUE_VIOLATION');
      assert.is(await book.exists({ where: { isbn: '9999999999999' } }), false, `${engine}: the batch rolled back`);
      const invalid = await rejection(book.createMany([fresh, { ...fresh, isbn: '9999999999998', price: -1 }]));
      assert.is(invalid.code, 'VALIDATION_FAILED');
      assert.match(invalid.message, '[1].price must be >= 0');
      assert.is(await book.count(), 1000);

      const id = randomUUID();
      await customer.upsert({ id, email: 'c@example.com', display_name: 'C' }, { on: ['email'] });
      const upserted = (await customer.upsert({ id, email: 'c@example.com', display_name: 'C2' }, { on: ['email'] })) as Row;
      assert.is(upserted['display_name'], 'C2');
      assert.is(await customer.count({ where: { email: 'c@example.com' } }), 1, `${engine}: upsert on a unique key`);

      // A soft delete marks the row; reads skip it unless asked.
      const leaving = randomUUID();
      await customer.create({ id: leaving, email: 'gone@example.com' });
      assert.is(await customer.delete(leaving), true);
      assert.is(await customer.findById(leaving), undefined);
      assert.ok(((await customer.findById(leaving, { withDeleted: true })) as Row)['deleted_at'] != null, `${engine}: the marker is set`);
      assert.is(await customer.count(), 1);
      assert.is(await customer.count({ withDeleted: true }), 2);
      assert.is(await customer.delete(leaving), false, `${engine}: a deleted row is not deleted again`);
      // An integer flag: 0 lives, delete sets 1.
      await flagged.createMany([{ name: 'kept' }, { name: 'dropped' }]);
      assert.is(await flagged.delete('dropped'), true);
      assert.equal((await flagged.findMany()).map((row: Row) => row['name']), ['kept'], `${engine}: reads skip the flagged row, not the others`);
      assert.is(await flagged.findById('dropped'), undefined);
      assert.is(((await flagged.findById('dropped', { withDeleted: true })) as Row)['deleted'], 1, `${engine}: the flag is set`);
      assert.is(await flagged.count({ withDeleted: true }), 2);
      // A column no marker fits is refused at generate time: a number everywhere, text outside SQLite.
      const misfits: Array<[string, string]> = [['book', 'price'], ...(engine === 'sqlite' ? [] : [['customer', 'display_name'] as [string, string]])];
      for (const [table, column] of misfits) {
        const refused = await rejection(Promise.resolve().then(() => generate(snapshot, { tables: { [table]: { softDeleteColumn: column } } })));
        assert.is(refused.code, 'CONFIG_INVALID');
        assert.match(refused.message, new RegExp(`tables\\.${table}\\.softDeleteColumn: column "${column}" is \\w+.*; a soft-delete column must be a timestamp.*, a boolean or an integer`), `${engine}: ${table}.${column}`);
      }

      const order = (await purchaseOrder.create({ customer_id: id })) as Row;
      const key = { order_id: order['id'], line_no: 1 };
      await orderLine.create({ ...key, book_id: first['id'], unit_price: 9.5 });
      assert.is(((await orderLine.getById(key)) as Row)['quantity'], 1, `${engine}: a composite key takes an object`);
      assert.is(await orderLine.delete(key), true);

      assert.is(await book.delete(first['id']), true);
      assert.is(await book.findById(first['id']), undefined);
      assert.is(await book.delete(first['id']), false);
      assert.is(await publishedBook.count(), await book.count({ where: { status: 'published' } }), `${engine}: a view reads`);
      assert.is(typeof (publishedBook as Partial<Repository>).create, 'undefined', `${engine}: a view has no writes`);

      // A kept statement (SQLite's cache, PostgreSQL's named statements) follows a schema change.
      const select = () => database.kysely.selectFrom('author' as never).selectAll().where('id' as never, '>', 0 as never).executeTakeFirstOrThrow() as Promise<Row>;
      assert.not.ok('nickname' in (await select()));
      await sql`ALTER TABLE author ADD COLUMN nickname VARCHAR(20)`.execute(database.kysely);
      assert.ok('nickname' in (await select()), `${engine}: the new column is read`);
    } finally {
      await database.close();
    }
  }
});

/**
 * Runs `work`, turning a failure into a plain Error that names where it happened: uvu cannot
 * print an error whose `details` is an object (it expects a diff string) and reports nothing.
 */
async function withContext(where: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof Error && error.name.startsWith('Assertion')) throw error;
    throw new Error(`${where}: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  }
}

/** The id findById takes for a stored row: the key's value, or an object of the key columns. */
function idOf(table: PlannedTable, row: Row): unknown {
  const keys = table.descriptor.primaryKey.map((name) => table.descriptor.columns.find((c) => c.name === name)?.property ?? name);
  return keys.length === 1 ? row[keys[0] as string] : Object.fromEntries(keys.map((key) => [key, row[key]]));
}

/**
 * On every writable table of a schema, in foreign-key order: create → findById → update; then
 * createMany of 1,000 rows where many rows can share a parent, and keyset pages over all rows
 * with none lost or repeated; then delete, children first. Returns the tables it could not fill.
 */
async function roundTrip(label: string, url: string, schemas: readonly string[] = []): Promise<Array<[string, string]>> {
  const snapshot = await introspect({ url, schemas });
  const plan = generate(snapshot).plan;
  const generated = await loadGenerated<{ createRepositories: (source: unknown) => Record<string, Repository> }>(snapshot, join(OUTPUT, label));
  const database = createDatabase({ url });
  const repositories = generated.createRepositories(database);
  const factory = new RowFactory(snapshot, plan);
  const { tables, skipped } = factory.order();
  const created = new Map<PlannedTable, Row>();
  try {
    for (const table of tables) {
      const repository = repositories[table.repository.key] as Repository;
      const where = `${label} ${table.dbKey}`;
      await withContext(where, async () => {
        const orphan = factory.missingParent(table, created);
        if (orphan !== undefined) {
          skipped.push([table.dbKey, `its parent ${orphan.dbKey} was skipped`]);
          return;
        }
        let stored: Row;
        try {
          stored = (await repository.create(factory.row(table, created))) as Row;
        } catch (error) {
          // A CHECK the validators leave to the database, or a partition's bounds, may refuse a generic value.
          if (isCrudgenError(error) && error.code === 'CHECK_VIOLATION' && (table.untranslatedChecks.length > 0 || factory.partitioned(table))) {
            skipped.push([table.dbKey, 'an untranslated CHECK or partition bound refused the generic row']);
            return;
          }
          throw error;
        }
        created.set(table, stored);
        if (table.repository.kind !== 'keyed') return;
        const id = idOf(table, stored);
        assert.ok((await repository.findById(id)) !== undefined, `${where}: findById finds the created row`);
        const change = factory.change(table);
        if (change !== null) {
          const updated = (await repository.update(id, change)) as Row;
          const [property, value] = Object.entries(change)[0] as [string, unknown];
          // Text and integers come back as written; JSON parsed, decimals and dates reformatted.
          if (typeof value === typeof updated[property] && typeof value !== 'object') assert.is(updated[property], value, `${where}: update returns the change`);
        }
        if (!factory.fitsMany(table, 1000)) return;
        const rows = Array.from({ length: 1000 }, () => factory.row(table, created));
        const many = (await repository.createMany(rows)) as { count: number; ids?: unknown[] | null };
        assert.is(many.count, 1000, `${where}: createMany`);
        if (table.repository.kind === 'keyed') {
          const ids = many.ids ?? [];
          assert.is(new Set(ids.map((id) => JSON.stringify(id))).size, 1000, `${where}: createMany tells 1,000 distinct ids`);
          for (const index of [0, 999]) assert.ok((await repository.findById(ids[index])) !== undefined, `${where}: createMany's ids find its rows`);
        }
        const total = (await repository.count()) as number;
        const seen = new Set<string>();
        let after: string | null = null;
        do {
          const page: { items: Row[]; nextCursor: string | null } = await repository.paginate({ first: 333, after });
          for (const item of page.items) seen.add(JSON.stringify(idOf(table, item), (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)));
          after = page.nextCursor;
        } while (after !== null);
        assert.is(seen.size, total, `${where}: keyset pages visit all ${total} rows once`);
      });
    }
    for (const table of [...created.keys()].reverse()) {
      const repository = repositories[table.repository.key] as Repository;
      if (table.repository.kind === 'keyed') assert.is(await repository.delete(idOf(table, created.get(table) as Row)), true, `${label} ${table.dbKey}: delete`);
      await repository.deleteMany({});
    }
  } finally {
    await database.close();
  }
  assert.ok(created.size > 0, `${label}: some table was filled`);
  return skipped;
}

test('a round trip through the repositories on every table of the corpus schemas and of random synthetic schemas', async () => {
  const sources: Array<[string, string, readonly string[]]> = [
    ['sqlite-chinook', `sqlite:${sqliteCorpus('chinook', { copy: 'rt' })}`, []],
    ['sqlite-sakila', `sqlite:${sqliteCorpus('sakila', { copy: 'rt' })}`, []],
    ['pg-pagila', postgresCorpus('pagila', { copy: 'rt' }), []],
    ['pg-northwind', postgresCorpus('northwind', { copy: 'rt' }), []],
    ['pg-chinook', postgresCorpus('chinook', { copy: 'rt' }), []],
    ['mysql-sakila', mysqlCorpus('sakila', { copy: 'rt' }), []],
    ['mysql-mywind', mysqlCorpus('mywind', { copy: 'rt' }), []],
    ...[1, 2].flatMap((seed): Array<[string, string, readonly string[]]> => [
      [`sqlite-synth-${seed}`, `sqlite:${sqliteCorpus('synth30', { seed, copy: 'rt' })}`, []],
      [`pg-synth-${seed}`, postgresCorpus('synth30', { seed, copy: 'rt' }), []],
      [`mysql-synth-${seed}`, mysqlCorpus('synth30', { seed, copy: 'rt' }), []],
    ]),
  ];
  const report: string[] = [];
  for (const [label, url, schemas] of sources) {
    const skipped = await roundTrip(label, url, schemas);
    if (skipped.length > 0) report.push(`${label}: skipped ${skipped.map(([table, reason]) => `${table} (${reason})`).join(', ')}`);
  }
  // Which tables a generic row cannot fill is part of the result: a new skip is a change to look at.
  console.log(report.join('\n'));
});

test.after(() => {
  rmSync(OUTPUT, { recursive: true, force: true });
});

test.run();
