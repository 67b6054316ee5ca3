import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { introspect } from '../../src/operations/introspect.js';
import { createDatabase, type DatabaseOptions } from '../../src/runtime/database.js';
import { rejection } from '../helpers/errors.js';
import { loadGenerated } from '../helpers/generated.js';
import { mysqlScratch } from '../helpers/mysql.js';
import { ROOT, tempDir } from '../helpers/paths.js';
import { postgresScratch } from '../helpers/postgres.js';

// The generated classes, seen loosely here: the compile tests check their types.
type Method = (...args: any[]) => Promise<any>;
type Repository = Record<'count' | 'create' | 'createMany' | 'delete' | 'exists' | 'findById' | 'findMany' | 'findOne' | 'getById' | 'paginate' | 'update' | 'upsert', Method>;
type Repositories = Record<'author' | 'book' | 'customer' | 'orderLine' | 'publishedBook' | 'purchaseOrder', Repository>;
type Row = Record<string, unknown>;

const OUTPUT = join(ROOT, '.test-output', `repositories-${process.pid}`);
const schema = (dialect: string): string => readFileSync(join(ROOT, 'examples', 'schema', `${dialect}.sql`), 'utf8');

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
    const generated = await loadGenerated<{ createRepositories: (source: unknown) => Repositories }>(snapshot, join(OUTPUT, engine.replace(/ /g, '-')));
    const database = createDatabase({ url, ...(features === undefined ? {} : { features }) });
    const { author, book, customer, purchaseOrder, orderLine, publishedBook } = generated.createRepositories(database);
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
      assert.equal(await book.createMany(rows), { count: 1000 }, `${engine}: createMany`);
      assert.is(await book.count(), 1000);
      assert.is(await book.count({ where: { status: 'published' } }), 334);
      assert.is(await book.count({ where: { OR: [{ status: 'published' }, { price: { lt: 1 } }], NOT: { isbn: { in: [] } } } }), 334 + 13);
      assert.ok(await book.exists({ where: { title: { like: 'Book 99%' } } }));

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
      assert.match((await rejection(book.count({ where: { titel: 'x' } }))).message, 'Did you mean "title"?');

      // All or nothing: a duplicate key in a batch leaves no row of it behind; bad input never reaches the database.
      const fresh = { ...rows[0], isbn: '9999999999999' };
      assert.is((await rejection(book.createMany([fresh, rows[1]]))).code, 'UNIQUE_VIOLATION');
      assert.is(await book.exists({ where: { isbn: '9999999999999' } }), false, `${engine}: the batch rolled back`);
      const invalid = await rejection(book.createMany([fresh, { ...fresh, isbn: '9999999999998', price: -1 }]));
      assert.is(invalid.code, 'VALIDATION_FAILED');
      assert.match(invalid.message, '(row 1): price');
      assert.is(await book.count(), 1000);

      const id = randomUUID();
      await customer.upsert({ id, email: 'c@example.com', display_name: 'C' }, { on: ['email'] });
      const upserted = (await customer.upsert({ id, email: 'c@example.com', display_name: 'C2' }, { on: ['email'] })) as Row;
      assert.is(upserted['display_name'], 'C2');
      assert.is(await customer.count({ where: { email: 'c@example.com' } }), 1, `${engine}: upsert on a unique key`);

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
    } finally {
      await database.close();
    }
  }
});

test.after(() => {
  rmSync(OUTPUT, { recursive: true, force: true });
});

test.run();
