import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createDatabase, type Database } from '../../src/runtime/database.js';
import { isCrudgenError } from '../../src/runtime/errors/crudgen-error.js';
import type { Mode } from '../../src/runtime/mode.js';
import { mysqlScratch } from '../helpers/mysql.js';
import { rejection } from '../helpers/errors.js';
import { tempDir } from '../helpers/paths.js';
import { postgresScratch } from '../helpers/postgres.js';

const DDL = `
CREATE TABLE parent (id INT PRIMARY KEY);
CREATE TABLE child (
  id INT PRIMARY KEY,
  parent_id INT,
  email VARCHAR(50) NOT NULL,
  qty INT,
  CONSTRAINT child_email_key UNIQUE (email),
  CONSTRAINT child_parent_fk FOREIGN KEY (parent_id) REFERENCES parent (id),
  CONSTRAINT child_qty_check CHECK (qty > 0)
);
INSERT INTO parent (id) VALUES (1), (2);
INSERT INTO child (id, parent_id, email, qty) VALUES (1, 1, 'taken@example.com', 1);
CREATE TABLE book (id INT PRIMARY KEY, title VARCHAR(50) NOT NULL, notes VARCHAR(50));
`;

async function sqliteScratch(): Promise<string> {
  const file = join(tempDir('errors'), 'errors.sqlite');
  const db = new BetterSqlite3(file);
  db.exec(DDL);
  db.close();
  return `sqlite:${file}`;
}

const ENGINES: ReadonlyArray<{ name: string; url: () => Promise<string>; deadlocks: boolean }> = [
  { name: 'PostgreSQL', url: () => postgresScratch('errors', DDL), deadlocks: true },
  { name: 'MariaDB', url: async () => (await mysqlScratch(['errors'], `USE crudgen_test_errors; ${DDL}`))[0] as string, deadlocks: true },
  { name: 'SQLite', url: sqliteScratch, deadlocks: false },
];


/** The schema the application's code was generated from; the tests change the database under it. */
type Library = {
  book: { id: number; title: string; notes: string | null };
};

const insert = (db: Kysely<unknown>, id: number, parent: number | null, email: string | null, qty: number) =>
  sql`insert into child (id, parent_id, email, qty) values (${id}, ${parent}, ${email}, ${qty})`.execute(db);

test('constraint violations and schema mismatches map to their classes with table, column and constraint, on every engine', async () => {
  for (const engine of ENGINES) {
    const url = await engine.url();
    const open = (mode: Mode): Database<unknown> => createDatabase({ url, mode });
    const db = open('production');
    try {
      const cases: Array<[string, () => Promise<unknown>, string, Record<string, string>]> = [
        ['duplicate email', () => insert(db.kysely, 2, 1, 'taken@example.com', 1), 'UniqueViolationError', { constraint: 'child_email_key' }],
        ['missing parent', () => insert(db.kysely, 3, 99, 'new@example.com', 1), 'ForeignKeyViolationError', { constraint: 'child_parent_fk' }],
        ['null email', () => insert(db.kysely, 4, 1, null, 1), 'NotNullViolationError', { column: 'email' }],
        ['zero quantity', () => insert(db.kysely, 5, 1, 'five@example.com', 0), 'CheckViolationError', { constraint: 'child_qty_check' }],
        ['parent in use', () => sql`delete from parent where id = 1`.execute(db.kysely), 'ForeignKeyViolationError', {}],
      ];
      for (const [what, run, name, names] of cases) {
        const error = await rejection(run());
        assert.is(error.name, name, `${engine.name}, ${what}: ${error.message}`);
        assert.equal([error.category, error.retryable], ['constraint', false]);
        // SQLite names no constraint for a foreign key and only table.column for the others.
        const expected = engine.name === 'SQLite' ? sqliteNames(name) : names;
        for (const [key, value] of Object.entries(expected)) assert.is(error.details[key], value, `${engine.name}, ${what}: ${key}`);
        assert.not.match(error.message, /SQL:|@example\.com/, `${engine.name}: production messages show neither SQL nor values`);
      }
      // A value the column's type cannot hold (SQLite's INT takes any integer).
      if (engine.name !== 'SQLite') {
        const error = await rejection(insert(db.kysely, 6, 1, 'six@example.com', 3_000_000_000));
        assert.equal([error.name, error.category], ['InvalidValueError', 'validation'], `${engine.name}: ${error.message}`);
      }

      // Code generated before a column was dropped and the table renamed, its statements already run (and cached) once.
      const library = db.kysely.withTables<Library>();
      const insertBook = (id: number) => library.insertInto('book').values({ id, title: 'hush-hush title', notes: 'hush-hush note' }).execute();
      const byNotes = () => library.selectFrom('book').select('id').where('notes', '=', 'hush-hush note').execute();
      const notesOf = () => library.selectFrom('book').select('book.notes').execute();
      await insertBook(1);
      await byNotes();
      await notesOf();
      // The names as the server gave them: a missing column comes with its table only when qualified, or in an INSERT outside MariaDB.
      const drift: Array<[string, Array<[string, () => Promise<unknown>, [string | undefined, string | undefined]]>]> = [
        ['alter table book drop column notes', [
          ['insert naming a dropped column', () => insertBook(2), [engine.name === 'MariaDB' ? undefined : 'book', 'notes']],
          ['where on a dropped column', byNotes, [undefined, 'notes']],
          ['select of a dropped column', notesOf, ['book', 'notes']],
        ]],
        ['alter table book rename to volume', [['select from a renamed table', () => library.selectFrom('book').selectAll().execute(), ['book', undefined]]]],
      ];
      for (const [change, cases] of drift) {
        await sql.raw(change).execute(db.kysely);
        for (const [what, run, [table, column]] of cases) {
          const error = await rejection(run());
          assert.equal([error.name, error.code, error.category, error.retryable], ['SchemaMismatchError', 'SCHEMA_MISMATCH', 'configuration', false], `${engine.name}, ${what}: ${error.message}`);
          assert.equal([error.details['table'], error.details['column']], [table, column], `${engine.name}, ${what}: ${error.message}`);
          assert.not.match(`${error.message} ${JSON.stringify(error.details)}`, /SQL:|hush-hush/, `${engine.name}: production messages show neither SQL nor values`);
        }
      }
    } finally {
      await db.close();
    }

    const dev = open('development');
    try {
      const error = await rejection(insert(dev.kysely, 2, 1, 'taken@example.com', 1));
      assert.match(error.message, 'SQL: insert into child');
      assert.match(error.message, 'taken@example.com');
      assert.equal((error.details['parameters'] as unknown[]).slice(0, 3), [2, 1, 'taken@example.com']);
      if (engine.deadlocks) await assertDeadlockDetected(dev, engine.name);
    } finally {
      await dev.close();
    }
  }
});

function sqliteNames(name: string): Record<string, string> {
  if (name === 'UniqueViolationError') return { table: 'child', column: 'email' };
  if (name === 'NotNullViolationError') return { table: 'child', column: 'email' };
  if (name === 'CheckViolationError') return { constraint: 'child_qty_check' };
  return {};
}

/** Two transactions take two rows in opposite order; the server aborts one with a deadlock. */
async function assertDeadlockDetected(db: Database<unknown>, engine: string): Promise<void> {
  let release: () => void = () => undefined;
  const bothHoldOne = new Promise<void>((resolve) => {
    let waiting = 2;
    release = () => {
      if (--waiting === 0) resolve();
    };
  });
  const transfer = (first: number, second: number) =>
    db.kysely.transaction().execute(async (tx) => {
      await sql`update parent set id = id where id = ${first}`.execute(tx);
      release();
      await bothHoldOne;
      await sql`update parent set id = id where id = ${second}`.execute(tx);
    });
  const results = await Promise.allSettled([transfer(1, 2), transfer(2, 1)]);
  const errors = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as unknown] : []));
  assert.is(errors.length, 1, `${engine}: exactly one transaction is aborted`);
  const error = errors[0];
  assert.ok(isCrudgenError(error), String(error));
  assert.equal([error.name, error.code, error.category, error.retryable], ['DeadlockError', 'DEADLOCK', 'concurrency', true], engine);
}

test.run();
