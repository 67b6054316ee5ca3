import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConfigSettings } from '../../src/config/schema.js';
import type { ConfiguredIdStrategy } from '../../src/generate/id-strategy.js';
import { generate } from '../../src/operations/generate.js';
import { introspect } from '../../src/operations/introspect.js';
import { createDatabase, type DatabaseOptions } from '../../src/runtime/database.js';
import type { IdStrategy } from '../../src/runtime/table-descriptor.js';
import { loadGenerated } from '../helpers/generated.js';
import { mysqlScratch } from '../helpers/mysql.js';
import { ROOT, tempDir } from '../helpers/paths.js';
import { postgresScratch } from '../helpers/postgres.js';

type Row = Record<string, unknown>;
type Repository = Record<'create' | 'createMany' | 'findById', (...args: any[]) => Promise<any>>;

/** What a made id looks like: a pattern for text, or a test. */
type Form = RegExp | ((id: unknown) => boolean);

/** One table of the schema under test: what the plan should decide and what its new ids look like. */
interface IdCase {
  /** One lower-case word, so that it is also the repository's key. */
  readonly table: string;
  readonly config?: ConfiguredIdStrategy;
  readonly strategy: IdStrategy;
  /** The form of an id the database or the runtime made; absent when the caller gives the key. */
  readonly form?: Form;
  /** The key the caller gives for the n-th row (natural and composite keys). */
  readonly given?: (n: number) => Row;
  /** Ids made later sort later (auto-increment, UUID v7, ULID). */
  readonly ordered?: boolean;
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ANY_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ULID = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const CUID2 = /^[a-z][0-9a-z]{23}$/;
const NANOID = /^[A-Za-z0-9_-]{21}$/;
const SAFE_INTEGER: Form = (id) => Number.isSafeInteger(id);
const V7_BYTES: Form = (id) => Buffer.isBuffer(id) && id.length === 16 && id[6] !== undefined && id[6] >> 4 === 7;
/** A 64-bit key past 2^53, exact: as a string, never a rounded number. */
const BEYOND_2_53 = (low: bigint): Form => (id) => typeof id === 'string' && BigInt(id) >= low;

/** A strategy configured where it cannot work, and what the error must say. */
type Misfit = readonly [table: string, strategy: ConfiguredIdStrategy, message: string | RegExp];

/**
 * For every case: the plan's decision; `create` without a key returns a row whose made key has
 * the expected form and finds the row again; `createMany` tells the ids in the order given, each
 * finding its own row, increasing where the strategy is time-ordered. Then every misfit is a
 * ConfigError naming table, column, type and the strategies that would work.
 */
async function checkIds(engine: string, url: string, cases: readonly IdCase[], misfits: readonly Misfit[], options: Partial<DatabaseOptions> = {}): Promise<void> {
  const settings: ConfigSettings = { tables: Object.fromEntries(cases.filter((c) => c.config !== undefined).map((c) => [c.table, { idStrategy: c.config }])) };
  const snapshot = await introspect({ url });
  const { plan } = generate(snapshot, settings);
  const generated = await loadGenerated<{ createRepositories: (source: unknown) => Record<string, Repository> }>(snapshot, join(ROOT, '.test-output', `ids-${process.pid}`, engine.replace(/\W+/g, '-')), settings);
  const database = createDatabase({ url, ...options });
  const repositories = generated.createRepositories(database);
  try {
    for (const idCase of cases) {
      const where = `${engine} ${idCase.table}`;
      const planned = plan.tables.find((table) => table.dbKey === idCase.table);
      assert.is(planned?.descriptor.id.strategy, idCase.strategy, `${where}: the plan's strategy`);
      const key = planned?.descriptor.primaryKey ?? [];
      const idOf = (row: Row): unknown => (key.length === 1 ? row[key[0] as string] : Object.fromEntries(key.map((column) => [column, row[column]])));
      const repository = repositories[idCase.table] as Repository;
      const row = (n: number, label: string): Row => ({ label, ...idCase.given?.(n) });

      const created = (await repository.create(row(0, 'first'))) as Row;
      const id = idOf(created);
      if (idCase.form !== undefined) assert.ok(matches(idCase.form, id), `${where}: create made ${String(id)}`);
      assert.is(((await repository.findById(id)) as Row | undefined)?.['label'], 'first', `${where}: the created row's id finds it`);

      const labels = ['a', 'b', 'c', 'd'];
      const { count, ids } = (await repository.createMany(labels.map((label, index) => row(index + 1, label)))) as { count: number; ids: unknown[] };
      assert.is(count, labels.length, `${where}: createMany count`);
      for (const [index, made] of ids.entries()) {
        if (idCase.form !== undefined) assert.ok(matches(idCase.form, made), `${where}: createMany made ${String(made)}`);
        assert.is(((await repository.findById(made)) as Row | undefined)?.['label'], labels[index], `${where}: createMany's id ${index} finds its row`);
      }
      if (idCase.ordered === true) {
        const sequence = [id, ...ids];
        const increasing = sequence.every((value, index) => index === 0 || compare(sequence[index - 1], value) < 0);
        assert.ok(increasing, `${where}: ids made later sort later: ${sequence.map(String).join(', ')}`);
      }
    }
  } finally {
    await database.close();
  }
  for (const [table, strategy, message] of misfits) {
    let thrown: unknown;
    try {
      generate(snapshot, { tables: { [table]: { idStrategy: strategy } } });
    } catch (error) {
      thrown = error;
    }
    assert.is((thrown as { code?: string } | undefined)?.code, 'CONFIG_INVALID', `${engine}: ${strategy} on ${table} is refused`);
    assert.match(String((thrown as Error).message), message, `${engine}: ${strategy} on ${table} says why`);
  }
}

function matches(form: Form, id: unknown): boolean {
  return typeof form === 'function' ? form(id) : typeof id === 'string' && form.test(id);
}

function compare(a: unknown, b: unknown): number {
  if (Buffer.isBuffer(a) && Buffer.isBuffer(b)) return Buffer.compare(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string' && /^\d+$/.test(a) && /^\d+$/.test(b)) return BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

const natural = (n: number): Row => ({ code: `c${n}` });
const composite = (n: number): Row => ({ part: n % 2, seq: n });

test('ids on PostgreSQL: identity, serial past 2^53, uuid defaults, made UUIDs, ULIDs, cuid2 and nanoid ids, natural and composite keys', async () => {
  const url = await postgresScratch(
    'ids',
    `
    CREATE TABLE idents (id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY, label text NOT NULL);
    CREATE TABLE bigs (id bigserial PRIMARY KEY, label text NOT NULL);
    SELECT setval('bigs_id_seq', 9007199254740993);
    CREATE TABLE defaults (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), label text NOT NULL);
    CREATE TABLE uuids (id uuid PRIMARY KEY, label text NOT NULL);
    CREATE TABLE fours (id uuid PRIMARY KEY, label text NOT NULL);
    CREATE TABLE texts (id text PRIMARY KEY, label text NOT NULL);
    CREATE TABLE ulids (id char(26) PRIMARY KEY, label text NOT NULL);
    CREATE TABLE cuids (id varchar(24) PRIMARY KEY, label text NOT NULL);
    CREATE TABLE shorts (id varchar(21) PRIMARY KEY, label text NOT NULL);
    CREATE TABLE countries (code varchar(8) PRIMARY KEY, label text NOT NULL);
    CREATE TABLE parts (part integer, seq integer, label text NOT NULL, PRIMARY KEY (part, seq));
    CREATE TABLE plain (id integer PRIMARY KEY, label text NOT NULL);`,
  );
  await checkIds(
    'postgres',
    url,
    [
      { table: 'idents', strategy: 'auto_increment', form: SAFE_INTEGER, ordered: true },
      { table: 'bigs', strategy: 'auto_increment', form: BEYOND_2_53(9007199254740994n), ordered: true },
      { table: 'defaults', strategy: 'database_default', form: UUID_V4 },
      { table: 'uuids', strategy: 'uuid_v7', form: UUID_V7, ordered: true },
      { table: 'fours', config: 'uuid_v4', strategy: 'uuid_v4', form: UUID_V4 },
      { table: 'texts', strategy: 'uuid_v7', form: UUID_V7, ordered: true },
      { table: 'ulids', config: 'ulid', strategy: 'ulid', form: ULID, ordered: true },
      { table: 'cuids', strategy: 'cuid2', form: CUID2 },
      { table: 'shorts', strategy: 'nanoid', form: NANOID },
      { table: 'countries', strategy: 'caller', given: natural },
      { table: 'parts', strategy: 'caller', given: composite },
      { table: 'plain', config: 'manual', strategy: 'caller', given: (n) => ({ id: n + 100 }) },
    ],
    [
      ['uuids', 'nanoid', 'tables.uuids.idStrategy: cannot work for "uuids.id" (uuid): a uuid column holds UUIDs only, not nanoid ids (got "nanoid"); allowed: "uuid_v7", "uuid_v4", "manual"'],
      ['uuids', 'database', 'cannot work for "uuids.id" (uuid): the column has no default, identity or auto-increment'],
      ['shorts', 'ulid', 'ulid ids are 26 characters long and the column holds at most 21 (got "ulid"); allowed: "nanoid", "manual"'],
      ['idents', 'uuid_v7', 'cannot work for "idents.id" (integer): uuid_v7 ids are text (got "uuid_v7"); allowed: "database", "manual"'],
      ['parts', 'cuid2', 'the primary key of "parts" is composite (part, seq); its values come from the caller'],
    ],
  );
});

test('ids on MariaDB, with RETURNING and without: AUTO_INCREMENT past 2^63, uuid() defaults, UUIDs as CHAR(36) and BINARY(16), natural and composite keys', async () => {
  const ddl = `
    CREATE TABLE counters (id INT AUTO_INCREMENT PRIMARY KEY, label TEXT NOT NULL);
    CREATE TABLE bigs (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY, label TEXT NOT NULL) AUTO_INCREMENT = 9223372036854775809;
    CREATE TABLE defaults (id CHAR(36) PRIMARY KEY DEFAULT (UUID()), label TEXT NOT NULL);
    CREATE TABLE chars (id CHAR(36) PRIMARY KEY, label TEXT NOT NULL);
    CREATE TABLE bytes (id BINARY(16) PRIMARY KEY, label TEXT NOT NULL);
    CREATE TABLE ulids (id BINARY(16) PRIMARY KEY, label TEXT NOT NULL);
    CREATE TABLE shorts (id VARCHAR(21) PRIMARY KEY, label TEXT NOT NULL);
    CREATE TABLE countries (code VARCHAR(8) PRIMARY KEY, label TEXT NOT NULL);
    CREATE TABLE parts (part INT, seq INT, label TEXT NOT NULL, PRIMARY KEY (part, seq));`;
  const [withReturning, without, unordered] = await mysqlScratch(['ids', 'ids_plain', 'ids_interleaved'], ['ids', 'ids_plain', 'ids_interleaved'].map((name) => `USE crudgen_test_${name}; ${ddl}`).join(' '));
  const cases = (returning: boolean): IdCase[] => [
    { table: 'counters', strategy: 'auto_increment', form: SAFE_INTEGER, ordered: true },
    { table: 'bigs', strategy: 'auto_increment', form: BEYOND_2_53(9223372036854775809n), ordered: true },
    // Without RETURNING the row of a uuid() default could not be found again: the runtime makes the id.
    { table: 'defaults', strategy: 'database_default', form: returning ? ANY_UUID : UUID_V7 },
    { table: 'chars', strategy: 'uuid_v7', form: UUID_V7, ordered: true },
    { table: 'bytes', strategy: 'uuid_v7', form: V7_BYTES, ordered: true },
    { table: 'ulids', config: 'ulid', strategy: 'ulid', form: (id) => Buffer.isBuffer(id) && id.length === 16, ordered: true },
    { table: 'shorts', config: 'nanoid', strategy: 'nanoid', form: NANOID },
    { table: 'countries', strategy: 'caller', given: natural },
    { table: 'parts', strategy: 'caller', given: composite },
  ];
  const misfits: Misfit[] = [
    ['counters', 'uuid_v7', /cannot work for "counters\.id" \(int(\(11\))?\): uuid_v7 ids are text \(got "uuid_v7"\); allowed: "database", "manual"/],
    ['bytes', 'cuid2', 'a binary(16) column holds 128-bit ids (uuid_v4, uuid_v7, ulid), not cuid2 ids (got "cuid2"); allowed: "uuid_v7", "uuid_v4", "ulid", "manual"'],
    ['shorts', 'uuid_v4', 'uuid_v4 ids are 36 characters long and the column holds at most 21'],
  ];
  await checkIds('mariadb', withReturning as string, cases(true), misfits);
  // MySQL 8 has no RETURNING: ids come from consecutive insert ids (lock modes 0 and 1) or are made here.
  await checkIds('mariadb without RETURNING', without as string, cases(false), [], { features: { returning: false } });

  // Where the server may interleave auto-increment ids (MySQL 8's lock mode 2), createMany does not guess them.
  const database = createDatabase({ url: unordered as string, features: { returning: false, insertIdStep: null } });
  try {
    const generated = await loadGenerated<{ createRepositories: (source: unknown) => Record<string, Repository> }>(
      await introspect({ url: unordered as string }),
      join(ROOT, '.test-output', `ids-${process.pid}`, 'interleaved'),
    );
    const { counters, chars } = generated.createRepositories(database) as Record<string, Repository>;
    assert.equal(await counters?.createMany([{ label: 'a' }, { label: 'b' }]), { count: 2, ids: null }, 'interleaved auto-increment ids are not guessed');
    const made = (await chars?.createMany([{ label: 'a' }, { label: 'b' }])) as { ids: unknown[] };
    assert.ok(made.ids.every((id) => UUID_V7.test(String(id))), 'ids made here are known whatever the server does');
  } finally {
    await database.close();
  }
});

test('ids on SQLite: rowid and AUTOINCREMENT, made UUIDs, ULIDs, cuid2 and nanoid ids in TEXT keys, natural and composite keys', async () => {
  const file = join(tempDir('ids'), 'ids.sqlite');
  const sqlite = new BetterSqlite3(file);
  sqlite.exec(`
    CREATE TABLE rowids (id INTEGER PRIMARY KEY, label TEXT NOT NULL);
    CREATE TABLE counters (id INTEGER PRIMARY KEY AUTOINCREMENT, label TEXT NOT NULL);
    CREATE TABLE texts (id TEXT PRIMARY KEY NOT NULL, label TEXT NOT NULL);
    CREATE TABLE compact (id TEXT PRIMARY KEY NOT NULL, label TEXT NOT NULL) WITHOUT ROWID;
    CREATE TABLE ulids (id TEXT PRIMARY KEY NOT NULL, label TEXT NOT NULL);
    CREATE TABLE cuids (id TEXT PRIMARY KEY NOT NULL, label TEXT NOT NULL);
    CREATE TABLE nanos (user_id VARCHAR(32) PRIMARY KEY NOT NULL, label TEXT NOT NULL);
    CREATE TABLE countries (code TEXT PRIMARY KEY NOT NULL, label TEXT NOT NULL);
    CREATE TABLE parts (part INTEGER NOT NULL, seq INTEGER NOT NULL, label TEXT NOT NULL, PRIMARY KEY (part, seq));`);
  sqlite.close();
  await checkIds(
    'sqlite',
    `sqlite:${file}`,
    [
      { table: 'rowids', strategy: 'auto_increment', form: SAFE_INTEGER, ordered: true },
      { table: 'counters', strategy: 'auto_increment', form: SAFE_INTEGER, ordered: true },
      { table: 'texts', strategy: 'uuid_v7', form: UUID_V7, ordered: true },
      { table: 'compact', config: 'uuid_v4', strategy: 'uuid_v4', form: UUID_V4 },
      { table: 'ulids', config: 'ulid', strategy: 'ulid', form: ULID, ordered: true },
      { table: 'cuids', config: 'cuid2', strategy: 'cuid2', form: CUID2 },
      { table: 'nanos', config: 'nanoid', strategy: 'nanoid', form: NANOID },
      { table: 'countries', strategy: 'caller', given: natural },
      { table: 'parts', strategy: 'caller', given: composite },
    ],
    [
      ['nanos', 'uuid_v7', 'uuid_v7 ids are 36 characters long and the column holds at most 32 (got "uuid_v7"); allowed: "ulid", "cuid2", "nanoid", "manual"'],
      ['rowids', 'nanoid', 'cannot work for "rowids.id" (INTEGER): nanoid ids are text'],
      ['parts', 'uuid_v4', 'the primary key of "parts" is composite'],
    ],
  );
});

test.run();
