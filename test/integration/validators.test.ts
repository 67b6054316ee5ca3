import { rmSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generate } from '../../src/operations/generate.js';
import { introspect } from '../../src/operations/introspect.js';
import { createDatabase } from '../../src/runtime/database.js';
import type { TableDescriptor } from '../../src/runtime/table-descriptor.js';
import { tableValidators, type TableValidators } from '../../src/runtime/validation/table-validators.js';
import { sqliteCorpus } from '../helpers/corpus.js';
import { rejection } from '../helpers/errors.js';
import { loadGenerated } from '../helpers/generated.js';
import { mysqlCorpus, mysqlScratch } from '../helpers/mysql.js';
import { ROOT, tempDir } from '../helpers/paths.js';
import { postgresCorpus, postgresScratch } from '../helpers/postgres.js';

type Row = Record<string, unknown>;
// Inside the repository, so that the generated code's `crudgen/runtime` resolves as in a project.
const OUTPUT = join(ROOT, '.test-output', `validators-${process.pid}`);
/** A change to the base row, and whether the database takes it. */
type Case = readonly [label: string, values: Row, accepted: boolean];

const POSTGRES_DDL = `
CREATE DOMAIN percent AS integer CHECK (VALUE BETWEEN 0 AND 100);
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE checked (
  id serial PRIMARY KEY,
  code varchar(5) NOT NULL,
  initials char(3),
  price numeric(5, 2) CHECK (price >= 0),
  small smallint,
  big bigint,
  qty integer CHECK (qty > 0),
  score integer CHECK (score BETWEEN 1 AND 10),
  name text CHECK (char_length(name) <= 4),
  starts date,
  ends date,
  mood mood,
  token uuid,
  doc jsonb,
  at timestamptz,
  pct percent,
  total integer GENERATED ALWAYS AS (qty * 2) STORED,
  CHECK (starts < ends),
  CHECK (lower(name) <> 'x')
);`;

const MYSQL_DDL = `
USE crudgen_test_validators;
CREATE TABLE checked (
  id INT AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(5) NOT NULL,
  price DECIMAL(5, 2) CHECK (price >= 0),
  tiny TINYINT,
  utiny TINYINT UNSIGNED,
  big BIGINT UNSIGNED,
  qty INT CHECK (qty > 0),
  score INT CHECK (score BETWEEN 1 AND 10),
  name VARCHAR(50) CHECK (CHAR_LENGTH(name) <= 4),
  starts DATE,
  ends DATE,
  mood ENUM('sad', 'ok', 'happy'),
  tags SET('a', 'b', 'c'),
  doc JSON,
  at DATETIME,
  stamp TIMESTAMP NULL DEFAULT NULL,
  yr YEAR,
  total INT AS (qty * 2) STORED,
  CHECK (starts < ends)
);`;

const SQLITE_DDL = `
CREATE TABLE checked (
  id INTEGER PRIMARY KEY,
  code VARCHAR(5) NOT NULL,
  price NUMERIC(5, 2) CHECK (price >= 0),
  qty INTEGER CHECK (qty > 0),
  score INTEGER CHECK (score BETWEEN 1 AND 10),
  name TEXT CHECK (length(name) <= 4),
  lo REAL,
  hi REAL,
  mood TEXT CHECK (mood IN ('sad', 'ok', 'happy')),
  flag INTEGER CHECK (flag IN (0, 1)),
  total INTEGER GENERATED ALWAYS AS (qty * 2) STORED,
  CHECK (lo < hi)
);`;

// Cases every engine shares: the translated CHECKs, NOT NULL, computed and unknown columns.
const COMMON: readonly Case[] = [
  ['the base row', {}, true],
  ['NOT NULL', { code: null }, false],
  ['CHECK price >= 0, at the bound', { price: 0 }, true],
  ['CHECK price >= 0, below', { price: -1 }, false],
  ['CHECK qty > 0', { qty: 1 }, true],
  ['CHECK qty > 0, at the bound', { qty: 0 }, false],
  ['BETWEEN, low end', { score: 1 }, true],
  ['BETWEEN, high end', { score: 10 }, true],
  ['BETWEEN, above', { score: 11 }, false],
  ['BETWEEN, below', { score: 0 }, false],
  ['length CHECK, at the limit', { name: 'abcd' }, true],
  ['length CHECK counts characters, not UTF-16 units', { name: '😀😀😀😀' }, true],
  ['length CHECK, over', { name: 'abcde' }, false],
  ['enum or CHECK-enum value', { mood: 'happy' }, true],
  ['not an allowed value', { mood: 'angry' }, false],
  ['a generated column', { total: 4 }, false],
  ['an unknown column', { nmae: 'x' }, false],
];

const CASES: Readonly<Record<'postgres' | 'mysql' | 'sqlite', readonly Case[]>> = {
  postgres: [
    ...COMMON,
    ['varchar(5), exactly', { code: 'abcde' }, true],
    ['varchar(5) counts characters', { code: '日本語です' }, true],
    ['varchar(5), astral characters', { code: '😀😀😀😀😀' }, true],
    ['varchar(5), too long', { code: 'abcdef' }, false],
    ['char(3), too long', { initials: 'abcd' }, false],
    ['numeric(5,2), largest', { price: '999.99' }, true],
    ['numeric(5,2), rounds down to fit', { price: '999.994' }, true],
    ['numeric(5,2), rounds up out of range', { price: '999.995' }, false],
    ['numeric(5,2), too many digits', { price: 1000 }, false],
    ['numeric(5,2), largest as a number', { price: 999.99 }, true],
    ['numeric(5,2), a number that rounds up out of range', { price: 999.995 }, false],
    ['numeric, not a number', { price: 'abc' }, false],
    ['integer, over', { qty: 2147483648 }, false],
    ['smallint, top', { small: 32767 }, true],
    ['smallint, bottom', { small: -32768 }, true],
    ['smallint, over', { small: 32768 }, false],
    ['bigint, top as text', { big: '9223372036854775807' }, true],
    ['bigint, over', { big: '9223372036854775808' }, false],
    ['dates in order', { starts: '2024-01-01', ends: '2024-01-02' }, true],
    ['dates reversed', { starts: '2024-01-02', ends: '2024-01-01' }, false],
    ['dates equal', { starts: '2024-01-02', ends: new Date('2024-01-02T00:00:00Z') }, false],
    ['one side of a comparison missing', { starts: '2024-01-02' }, true],
    ['uuid', { token: '7e2c4b7a-0f0e-4c4a-9b1e-3f0e8e6b2c11' }, true],
    ['uuid in braces without hyphens', { token: '{7e2c4b7a0f0e4c4a9b1e3f0e8e6b2c11}' }, true],
    ['not a uuid', { token: 'not-a-uuid' }, false],
    ['JSON text', { doc: JSON.stringify({ a: [1, 'x', null] }) }, true],
    ['not JSON', { doc: '{a:1}' }, false],
    ['ISO timestamp', { at: '2024-01-01T10:00:00.123+02:00' }, true],
    ['timestamp as Date', { at: new Date('2024-05-05T05:05:05Z') }, true],
    ['no such day', { at: '2024-02-30' }, false],
    ['not a timestamp', { at: 'noon-ish' }, false],
    ['domain CHECK, top', { pct: 100 }, true],
    ['domain CHECK, over', { pct: 101 }, false],
  ],
  mysql: [
    ...COMMON,
    ['varchar(5) counts characters', { code: '日本語です' }, true],
    ['varchar(5), too long', { code: 'abcdef' }, false],
    ['decimal(5,2), largest', { price: '999.99' }, true],
    ['decimal(5,2), rounds up out of range', { price: '999.995' }, false],
    ['decimal(5,2), too many digits', { price: 1000 }, false],
    ['decimal(5,2), a number that rounds up out of range', { price: 999.995 }, false],
    ['int, over', { qty: 2147483648 }, false],
    ['tinyint, top', { tiny: 127 }, true],
    ['tinyint, over', { tiny: 128 }, false],
    ['tinyint unsigned, top', { utiny: 255 }, true],
    ['tinyint unsigned, negative', { utiny: -1 }, false],
    ['bigint unsigned, top as text', { big: '18446744073709551615' }, true],
    ['bigint unsigned, negative', { big: '-1' }, false],
    ['dates in order', { starts: '2024-01-01', ends: '2024-01-02' }, true],
    ['dates reversed', { starts: '2024-01-02', ends: '2024-01-01' }, false],
    ['SET members', { tags: 'a,c' }, true],
    ['empty SET', { tags: '' }, true],
    ['not a SET member', { tags: 'a,d' }, false],
    ['JSON text', { doc: '{"a":[1,"x",null]}' }, true],
    ['not JSON', { doc: '{a:1}' }, false],
    ['datetime', { at: '2024-01-01 10:00:00' }, true],
    ['no such day', { at: '2024-02-30 10:00:00' }, false],
    ['TIMESTAMP within its range', { stamp: '2037-12-31 00:00:00' }, true],
    ['TIMESTAMP after 2038', { stamp: '2040-01-01 00:00:00' }, false],
    ['year', { yr: 2155 }, true],
    ['year, over', { yr: 2156 }, false],
  ],
  sqlite: [
    ...COMMON,
    // SQLite enforces neither declared lengths nor precision, and the validators follow it.
    ['VARCHAR(5) is not enforced', { code: 'abcdef' }, true],
    ['NUMERIC(5,2) is not enforced', { price: 123456.789 }, true],
    ['reals in order', { lo: 1.5, hi: 2 }, true],
    ['reals reversed', { lo: 2, hi: 1.5 }, false],
    ['a number in an IN list', { flag: 1 }, true],
    ['a number not in the IN list', { flag: 2 }, false],
  ],
};

test('validators accept what each database accepts and reject what it rejects, naming the field', async () => {
  const sqliteFile = join(tempDir('validators'), 'checked.sqlite');
  const sqlite = new BetterSqlite3(sqliteFile);
  sqlite.exec(SQLITE_DDL);
  sqlite.close();
  const urls = {
    postgres: await postgresScratch('validators', POSTGRES_DDL),
    mysql: (await mysqlScratch(['validators'], MYSQL_DDL))[0] as string,
    sqlite: `sqlite:${sqliteFile}`,
  };
  const base: Row = { code: 'ab' };
  for (const [dialect, url] of Object.entries(urls) as Array<[keyof typeof CASES, string]>) {
    // The generated module itself, as an application would import it.
    const generated = await loadGenerated<Record<string, TableValidators<Row, Row, Row>>>(await introspect({ url }), join(OUTPUT, dialect));
    const validators = generated['checkedValidators'] as TableValidators<Row, Row, Row>;
    const database = createDatabase<Record<string, Row>>({ url });
    try {
      const outcomes: string[] = [];
      for (const [label, values, accepted] of CASES[dialect]) {
        const row = { ...base, ...values };
        let databaseAccepted = true;
        let databaseError = '';
        try {
          await database.kysely.insertInto('checked').values(row).execute();
        } catch (error) {
          databaseAccepted = false;
          databaseError = (error as Error).message;
        } finally {
          await database.kysely.deleteFrom('checked').execute();
        }
        const result = validators.insert.safeParse(row);
        const where = `${dialect}, ${label} (${JSON.stringify(values, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v))})`;
        assert.is(databaseAccepted, accepted, `${where}: the database ${databaseAccepted ? 'accepted' : `rejected: ${databaseError}`}`);
        assert.is(result.success, accepted, `${where}: the validator ${result.success ? 'accepted' : `rejected: ${result.error?.message}`}`);
        if (!result.success) {
          // The issue names the field (or, for an unknown key, the object with the key in its message).
          const issue = result.error.issues[0];
          const named = Object.keys(values).some((key) => issue?.path[0] === key || (issue?.path.length === 0 && issue.message.includes(`"${key}"`)));
          assert.ok(named, `${where}: the issue names the field: ${JSON.stringify(issue)}`);
        }
        outcomes.push(`${accepted}`);
      }
      assert.ok(outcomes.includes('true') && outcomes.includes('false'), `${dialect}: cases on both sides`);
    } finally {
      await database.close();
    }
    // The update validator: a partial change, the key and computed columns refused.
    assert.ok(validators.update.safeParse({ qty: 2 }).success, `${dialect}: a partial update`);
    assert.equal(validators.update.safeParse({ id: 3 }).error?.issues[0]?.path, ['id'], `${dialect}: the key is refused`);
    assert.match(validators.insert.safeParse({ ...base, cdoe: 'x' }).error?.issues[0]?.message ?? '', 'is not a column of table "checked" (did you mean "code"?)');
    await checkMistakes(dialect, url, generated as unknown as { createRepositories: CreateRepositories });
  }
});

type Repository = Record<'count' | 'create' | 'createMany' | 'findMany' | 'update', (...args: any[]) => Promise<unknown>>;
type CreateRepositories = (source: unknown, options?: object) => Record<string, Repository>;

/**
 * A mistaken call and what its one ValidationError must say, before any SQL is sent: every
 * problem with its path, the nearest names, values shown only in development mode.
 */
const MISTAKES: ReadonlyArray<readonly [label: string, call: (checked: Repository) => Promise<unknown>, says: readonly string[]]> = [
  ['a misspelled column in a filter', (c) => c.findMany({ where: { nmae: 'x' } }), ['where.nmae is not a column of table "checked" (did you mean "name"?)']],
  ['a misspelled operator', (c) => c.count({ where: { qty: { gtt: 1 } } }), ['where.qty.gtt is not a filter operator (did you mean "gt" or "gte"?)']],
  ['a filter value of the wrong type', (c) => c.findMany({ where: { OR: [{ qty: 'many' }] } }), ['where.OR[0].qty must be a finite number (got "many")']],
  ['a misspelled order column and direction', (c) => c.findMany({ orderBy: [{ scroe: 'asc' }, { qty: 'dsc' }] }), ['orderBy[0].scroe is not a column of table "checked" (did you mean "score"?)', 'orderBy[1].qty must be "asc" or "desc" (got "dsc")']],
  ['a misspelled selected column', (c) => c.findMany({ select: ['id', 'cdoe'] }), ['select[1] is "cdoe", which is not a column of table "checked" (did you mean "code"?)']],
  [
    'several problems at once',
    (c) => c.findMany({ where: { nmae: 'x', qty: { gtt: 1 } }, orderBy: { scroe: 'asc' }, select: ['cdoe'] }),
    ['where.nmae is not a column', 'where.qty.gtt is not a filter operator', 'orderBy.scroe is not a column', 'select[0] is "cdoe"'],
  ],
  ['a misspelled column in a new row', (c) => c.create({ code: 'ab', cdoe: 'x' }), ['cdoe is not a column of table "checked" (did you mean "code"?)']],
  ['a misspelled column in a change', (c) => c.update(1, { qtty: 2 }), ['qtty is not a column of table "checked" (did you mean "qty"?)']],
  ['every bad row of a batch', (c) => c.createMany([{ code: 'ab' }, { code: null }, { code: 'ab', score: 11 }]), ['[1].code must not be null', '[2].score must be']],
];

async function checkMistakes(dialect: string, url: string, generated: { createRepositories: CreateRepositories }): Promise<void> {
  const development = createDatabase({ url, mode: 'development' });
  const production = createDatabase({ url, mode: 'production' });
  try {
    const repositories = generated.createRepositories(development);
    const checked = repositories['checked'] as Repository;
    for (const [label, call, says] of MISTAKES) {
      const error = await rejection(call(checked));
      assert.is(error.code, 'VALIDATION_FAILED', `${dialect}, ${label}: ${error.message}`);
      for (const text of says) assert.match(error.message, text, `${dialect}, ${label}`);
    }
    // A repository name is checked as well: JavaScript callers and names computed at run time.
    assert.throws(() => repositories['chekced'], /No repository is called "chekced" \(did you mean "checked"\?\)/, `${dialect}: a misspelled repository`);

    // Production: the value that was wrong is not shown, only its kind.
    const secret = 'secret-value-xyz';
    const hidden = await rejection((generated.createRepositories(production)['checked'] as Repository).create({ code: 'ab', name: secret }));
    assert.not.match(hidden.message, secret, `${dialect}: production hides the value`);
    assert.equal((hidden.details['issues'] as Array<{ received?: unknown }>)[0]?.received, 'a string of 16 characters', `${dialect}: production tells the kind`);
    const shown = await rejection(checked.create({ code: 'ab', name: secret }));
    assert.match(shown.message, `(got "${secret}")`, `${dialect}: development shows the value`);

    // Switched off for one repository: filter values go to the database unchecked.
    const unchecked = generated.createRepositories(development, { repositories: { checked: { validate: false } } })['checked'] as Repository;
    const outcome = await unchecked.count({ where: { qty: 'many' } }).then(
      () => 'ran',
      (failure: unknown) => (failure as { code?: string }).code,
    );
    assert.is.not(outcome, 'VALIDATION_FAILED', `${dialect}: validate: false leaves filter values to the database`);
  } finally {
    await Promise.all([development.close(), production.close()]);
  }
}

// Real rows: the driver's output fits the row validator, and read back as input the insert one.
test('every row of the corpus data passes its table\'s row validator, and as input its insert validator', async () => {
  const sources = [
    ['sqlite chinook', `sqlite:${sqliteCorpus('chinook', { data: true })}`],
    ['postgres chinook', postgresCorpus('chinook', { data: true })],
    ['postgres northwind', postgresCorpus('northwind', { data: true })],
    ['mysql chinook', mysqlCorpus('chinook', { data: true })],
    ['mysql mywind', mysqlCorpus('mywind', { data: true })],
  ] as const;
  let checked = 0;
  for (const [name, url] of sources) {
    const plan = generate(await introspect({ url })).plan;
    const database = createDatabase<Record<string, Row>>({ url });
    try {
      for (const table of plan.tables) {
        const validators = tableValidators(table.descriptor);
        const rows = await database.kysely.selectFrom(table.dbKey).selectAll().limit(200).execute();
        for (const row of rows) {
          const asRow = validators.row.safeParse(row);
          assert.ok(asRow.success, `${name}.${table.dbKey} row: ${asRow.error?.message}\n${JSON.stringify(row)}`);
          if (table.readOnly) continue;
          const asInsert = validators.insert.safeParse(asInput(table.descriptor, row));
          assert.ok(asInsert.success, `${name}.${table.dbKey} insert: ${asInsert.error?.message}`);
          checked++;
        }
      }
    } finally {
      await database.close();
    }
  }
  assert.ok(checked > 1000, `rows checked: ${checked}`);
});

/** A row as it would be written back: computed columns left out, JSON as its text. */
function asInput(descriptor: TableDescriptor, row: Row): Row {
  const input: Row = {};
  for (const column of descriptor.columns) {
    if (column.insert === 'never') continue;
    const value = row[column.property];
    input[column.property] = column.value === 'json' && value !== null ? JSON.stringify(value) : value;
  }
  return input;
}

test.after(() => {
  rmSync(OUTPUT, { recursive: true, force: true });
});

test.run();
