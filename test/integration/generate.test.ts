import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generate } from '../../src/operations/generate.js';
import type { PlannedTable } from '../../src/generate/plan.js';
import { isGeneratedId } from '../../src/runtime/ids/generate-id.js';
import { introspect } from '../../src/operations/introspect.js';
import { runCli } from '../helpers/cli.js';
import { sqliteCorpus } from '../helpers/corpus.js';
import { mysqlCorpus } from '../helpers/mysql.js';
import { ROOT, tempDir } from '../helpers/paths.js';
import { postgresCorpus } from '../helpers/postgres.js';

// Generated projects live inside the repository so that `kysely` resolves as in a user's project.
const OUTPUT = join(ROOT, '.test-output', `generate-${process.pid}`);
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

const HOSTILE = `
CREATE TABLE "select" ("from" INTEGER PRIMARY KEY, "order" TEXT, "a""b" TEXT, "with space" INT);
CREATE TABLE "order" (id INTEGER PRIMARY KEY, user_id INT, "userId" INT);
CREATE TABLE "bıgınt" ("ünïcode" TEXT NOT NULL, "1st" INT);
CREATE TABLE Generated (id INTEGER PRIMARY KEY);
CREATE TABLE db (id INTEGER PRIMARY KEY);
`;

function sqliteFrom(ddl: string, name: string): string {
  const file = join(tempDir('generate'), `${name}.sqlite`);
  const db = new BetterSqlite3(file);
  db.exec(ddl);
  db.close();
  return file;
}

function writeFiles(dir: string, files: readonly { readonly path: string; readonly content: string }[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file.path)), { recursive: true });
    writeFileSync(join(dir, file.path), file.content);
  }
}

function compile(dir: string, moduleSettings: Record<string, string>): { code: number; output: string } {
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noUnusedLocals: true,
        noUnusedParameters: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        target: 'es2022',
        ...moduleSettings,
        // Generated code must not need @types/node (TypeScript ≥ 6 no longer loads @types by default).
        types: [],
        noEmit: true,
        skipLibCheck: true,
      },
      include: ['**/*.ts'],
    }),
  );
  const result = spawnSync(TSC, ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  return { code: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

test('generated types for every corpus schema on its engines compile under strict settings, NodeNext and bundler', async () => {
  const sources: Array<[string, string, readonly string[]]> = [
    ['sqlite-chinook', `sqlite:${sqliteCorpus('chinook')}`, []],
    ['sqlite-sakila', `sqlite:${sqliteCorpus('sakila')}`, []],
    ['sqlite-synth500', `sqlite:${sqliteCorpus('synth500')}`, []],
    ['sqlite-hostile', `sqlite:${sqliteFrom(HOSTILE, 'hostile')}`, []],
    ['pg-pagila', postgresCorpus('pagila'), []],
    ['pg-lago', postgresCorpus('lago'), ['public', 'partman']],
    ['pg-danbooru', postgresCorpus('danbooru'), []],
    ['pg-northwind', postgresCorpus('northwind'), []],
    ['mysql-sakila', mysqlCorpus('sakila'), []],
    ['mysql-mywind', mysqlCorpus('mywind'), []],
    ['mysql-chinook', mysqlCorpus('chinook'), []],
  ];
  rmSync(OUTPUT, { recursive: true, force: true });
  for (const [name, url, schemas] of sources) {
    const snapshot = await introspect({ url, schemas });
    for (const properties of ['preserve', 'camelCase'] as const) {
      const dir = join(OUTPUT, 'compile', `${name}-${properties}`);
      mkdirSync(dir, { recursive: true });
      const { files, plan } = generate(snapshot, { naming: { properties, singularClassNames: properties === 'camelCase' } });
      writeFiles(dir, files);
      for (const file of files) assert.not.match(file.content, /:\s*any\b|<any\b|\bas any\b|@ts-ignore|@ts-nocheck/, `${name}/${file.path}: no any, no suppressed errors`);
      // The descriptors cover exactly the tables of DB; the written-out row interfaces are exactly
      // Kysely's Selectable/Insertable/Updateable; each validator's types are those interfaces.
      const agreement = plan.tables.flatMap((table, index) => [
        `export const s${index}: Same<d.${table.rowType}, Selectable<d.${table.interfaceName}>> = true;`,
        `export const r${index}: Same<z.output<typeof v.${table.validatorsName}.row>, d.${table.rowType}> = true;`,
        ...(table.readOnly
          ? []
          : [
              // A key the runtime makes is optional in New… though the database requires it.
              madeKey(table) === null
                ? `export const n${index}: Same<d.${table.insertType}, Insertable<d.${table.interfaceName}>> = true;`
                : `export const n${index}: Same<d.${table.insertType}, Omit<Insertable<d.${table.interfaceName}>, ${madeKey(table)}> & { ${madeKey(table)}?: Insertable<d.${table.interfaceName}>[${madeKey(table)}] | undefined }> = true;`,
              `export const u${index}: Same<d.${table.updateType}, Updateable<d.${table.interfaceName}>> = true;`,
              `export const i${index}: Same<z.output<typeof v.${table.validatorsName}.insert>, d.${table.insertType}> = true;`,
            ]),
      ]);
      writeFileSync(
        join(dir, 'use.ts'),
        [
          "import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';",
          "import type { z } from 'zod';",
          "import type { DB } from './db.js';",
          "import type * as d from './db.js';",
          "import { tables } from './tables.js';",
          "import type * as v from './validators.js';",
          'export type Database = Kysely<DB>;',
          'type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;',
          'export const same: Same<keyof DB, keyof typeof tables> = true;',
          ...agreement,
          '',
        ].join('\n'),
      );
    }
  }
  // The checked-in examples compile too.
  for (const dialect of ['sqlite', 'postgres', 'mysql']) {
    const dir = join(OUTPUT, 'compile', `example-${dialect}`);
    mkdirSync(dir, { recursive: true });
    cpSync(join(ROOT, 'generated-example', dialect), dir, { recursive: true });
  }
  for (const settings of [{ module: 'nodenext', moduleResolution: 'nodenext' }, { module: 'esnext', moduleResolution: 'bundler' }]) {
    const result = compile(join(OUTPUT, 'compile'), settings);
    assert.is(result.code, 0, `${settings.moduleResolution}:\n${result.output.slice(0, 3000)}`);
  }
});

test('the traps kysely-codegen falls into are typed right, checked by the compiler', async () => {
  const mariadb = await introspect({ url: mysqlCorpus('sakila') });
  const pagila = await introspect({ url: postgresCorpus('pagila') });
  const example = await introspect({ url: sqliteFrom(readFileSync(join(ROOT, 'examples', 'schema', 'sqlite.sql'), 'utf8'), 'example') });
  const dir = join(OUTPUT, 'traps');
  for (const [name, snapshot] of [['mariadb', mariadb], ['pagila', pagila], ['example', example]] as const) {
    mkdirSync(join(dir, name), { recursive: true });
    writeFiles(join(dir, name), generate(snapshot).files);
  }
  writeFileSync(
    join(dir, 'pagila', 'check.ts'),
    `import type { FilmRow, NewFilm, NewPackagesAptPostgresqlOrg, ActorInfo, MpaaRating, CustomerListRow, FilmListRow } from './db.js';
import type { Insertable } from 'kysely';
const film: NewFilm = { title: 't', language_id: 1, fulltext: '' };
// @ts-expect-error a generated column cannot be inserted
const generated: NewFilm = { ...film, length_hours: '1.5' };
// @ts-expect-error identity ALWAYS cannot be inserted
const identity: NewPackagesAptPostgresqlOrg = { id: 1 };
// @ts-expect-error a view is read-only: no column can be inserted
const view: keyof Insertable<ActorInfo> = 'actor_id';
const rating: MpaaRating | null = ({} as FilmRow).rating;
// @ts-expect-error enum values are a union
const wrong: MpaaRating = 'X';
// int8/numeric stay strings; a timestamp is a Date.
const cost: string = ({} as FilmRow).replacement_cost;
const updated: Date = ({} as FilmRow).last_update;
// A view column is nullable only when it can be: customer_list inner-joins, film_list's film is outer-joined.
const listed: number = ({} as CustomerListRow).id;
// @ts-expect-error film_list.fid comes from the nullable side of a LEFT JOIN
const fid: number = ({} as FilmListRow).fid;
export { film, generated, identity, view, rating, wrong, cost, updated, listed, fid };
`,
  );
  writeFileSync(
    join(dir, 'mariadb', 'check.ts'),
    `import type { FilmRow, NewFilm, CustomerRow, CustomerListRow } from './db.js';
// SET is a string and ENUM a union, not unknown; MariaDB's 'NULL' default is no default (the column stays required-or-null, not Generated).
const features: string | null = ({} as FilmRow).special_features;
const rating: 'G' | 'PG' | 'PG-13' | 'R' | 'NC-17' | null = ({} as FilmRow).rating;
const film: NewFilm = { title: 't', language_id: 1 };
// tinyint(1) arrives as 0 or 1 from mysql2.
const active: number = ({} as CustomerRow).active;
// The server derives a view column's nullability; an inner-joined key stays non-null.
const listed: number = ({} as CustomerListRow).ID;
export { features, rating, film, active, listed };
`,
  );
  writeFileSync(
    join(dir, 'example', 'check.ts'),
    `import type { BookRow, NewBook, NewAuthor, AuthorRow, PublishedBookRow } from './db.js';
// A rowid alias is optional on insert and never null on select.
const author: NewAuthor = { name: 'n' };
const id: number = ({} as AuthorRow).id;
// NUMERIC(8,2) reads back as a number in SQLite; CHECK (status IN (…)) is a union.
const price: number = ({} as BookRow).price;
const status: 'draft' | 'published' | 'out_of_print' = ({} as BookRow).status;
const book: NewBook = { author_id: 1, isbn: 'x', title: 't', price: 1 };
// @ts-expect-error a generated column cannot be inserted
const computed: NewBook = { ...book, title_length: 1 };
// A view over an inner join keeps its base columns' NOT NULL.
const published: string = ({} as PublishedBookRow).title;
export { author, id, price, status, book, computed, published };
`,
  );
  const result = compile(dir, { module: 'nodenext', moduleResolution: 'nodenext' });
  assert.is(result.code, 0, result.output.slice(0, 3000));
  assert.match(generate(mariadb).files[0]?.content ?? '', 'email: string | null;', 'a nullable column without default is not Generated');
});

test('generate writes only what changed, removes its own stale files, --check exits 1 when stale; the example is fresh', async () => {
  const project = join(OUTPUT, 'cli');
  mkdirSync(project, { recursive: true });
  writeFileSync(join(project, 'package.json'), '{ "name": "app", "private": true }\n');
  const database = sqliteFrom(readFileSync(join(ROOT, 'examples', 'schema', 'sqlite.sql'), 'utf8'), 'cli');
  assert.is(runCli(['introspect', '--url', database], { cwd: project }).code, 0);
  const first = runCli(['generate', '--json'], { cwd: project });
  assert.is(first.code, 0, first.stderr);
  const everything = [
    'db.ts',
    'index.ts',
    ...['author', 'book-tag', 'book', 'customer', 'order-line', 'published-book', 'purchase-order', 'tag'].map((name) => `repositories/${name}.ts`),
    'tables.ts',
    'validators.ts',
  ];
  assert.equal((JSON.parse(first.stdout) as { written: string[] }).written, everything);
  const content = readFileSync(join(project, 'src', 'db', 'db.ts'), 'utf8');
  assert.match(content.split('\n')[0] ?? '', /^\/\/ @generated by crudgen .*crudgen generate/);
  assert.not.match(content, /\d{4}-\d{2}-\d{2}|\/tmp\/|\/work\//, 'no dates, no absolute paths');

  const again = runCli(['generate', '--json'], { cwd: project });
  assert.equal((JSON.parse(again.stdout) as { unchanged: string[] }).unchanged, everything, 'a second run writes nothing');
  assert.is(runCli(['generate', '--check'], { cwd: project }).code, 0, 'fresh');
  writeFileSync(join(project, 'src', 'db', 'db.ts'), `${content}// edited\n`);
  writeFileSync(join(project, 'src', 'db', 'orphan.ts'), '// @generated by crudgen from an older schema\n');
  writeFileSync(join(project, 'src', 'db', 'mine.ts'), 'export const mine = 1;\n');
  const stale = runCli(['generate', '--check', '--json'], { cwd: project });
  assert.is(stale.code, 1);
  assert.equal(JSON.parse(stale.stdout) as object, { outDir: join(project, 'src', 'db'), stale: true, written: ['db.ts'], unchanged: everything.slice(1), removed: ['orphan.ts'] });
  assert.is(runCli(['generate'], { cwd: project }).code, 0);
  assert.is(readFileSync(join(project, 'src', 'db', 'db.ts'), 'utf8'), content);
  assert.equal(readFileSync(join(project, 'src', 'db', 'mine.ts'), 'utf8'), 'export const mine = 1;\n', "files crudgen did not write are never touched");
  assert.is(runCli(['generate', '--check'], { cwd: project }).code, 0);

  // generated-example/ is this same output for the example schema on every engine, checked in;
  // a change to the generator must update it.
  const { buildExampleDatabases } = (await import(pathToFileURL(join(ROOT, 'examples', 'example-databases.mjs')).href)) as {
    buildExampleDatabases: () => Promise<Record<string, string>>;
  };
  for (const [dialect, url] of Object.entries(await buildExampleDatabases())) {
    const { files } = generate(await introspect({ url }));
    for (const file of files) {
      const path = join('generated-example', dialect, file.path);
      assert.is(readFileSync(join(ROOT, path), 'utf8'), file.content, `${path} is stale: run \`npm run example\``);
    }
    const checkedIn = (readdirSync(join(ROOT, 'generated-example', dialect), { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((entry) => entry.isFile())
      .map((entry) => relative(join(ROOT, 'generated-example', dialect), join(entry.parentPath, entry.name)));
    assert.equal(checkedIn.sort(), files.map((file) => file.path).sort(), `generated-example/${dialect} holds exactly what generate writes`);
  }
});

test('type overrides with imports, excluded columns, and runtime: "copy" kept in sync by --check', async () => {
  const project = join(OUTPUT, 'copy');
  mkdirSync(project, { recursive: true });
  const database = sqliteFrom(readFileSync(join(ROOT, 'examples', 'schema', 'sqlite.sql'), 'utf8'), 'copy');
  const config = (runtime: 'copy' | 'import') =>
    JSON.stringify({
      version: 2,
      output: { dir: 'gen', runtime },
      types: { 'NUMERIC(8, 2)': { type: 'Money', import: { name: 'Money', from: '../money.js' } } },
      tables: { book: { excludeColumns: ['pages'], columns: { metadata: { type: 'BookMetadata', import: { name: 'BookMetadata', from: '../money.js' } } } } },
      // Every createDatabase option a file can hold, in both shapes where it has two.
      runtime: { statementCache: false, retry: false, transactionRetry: { attempts: 3, lockTimeouts: true }, monitoring: { maxShapes: 50, findingIntervalMs: 1_000 } },
      env: { production: { runtime: { statementCache: 64, retry: true, transactionRetry: true, monitoring: false } } },
    });
  writeFileSync(join(project, '.crudgenrc.json'), config('copy'));
  writeFileSync(join(project, 'money.ts'), 'export type Money = number & { readonly currency?: "EUR" };\nexport type BookMetadata = string;\n');
  const generated = runCli(['generate', '--url', database], { cwd: project });
  assert.is(generated.code, 0, generated.stderr);
  const db = readFileSync(join(project, 'gen', 'db.ts'), 'utf8');
  assert.match(db, 'import type { BookMetadata, Money } from "../money.js";');
  assert.match(db, '  price: Money;');
  assert.match(db, '  metadata: BookMetadata | null;');
  assert.not.match(db, '  pages:', 'excluded columns are left out');
  assert.match(readFileSync(join(project, 'gen', 'tables.ts'), 'utf8'), 'from "./runtime/index.js"');
  const result = compile(project, { module: 'nodenext', moduleResolution: 'nodenext' });
  assert.is(result.code, 0, result.output.slice(0, 3000));
  const copied = (await import(pathToFileURL(join(project, 'gen', 'runtime', 'index.js')).href)) as { createDatabase?: unknown; RUNTIME_VERSION?: unknown };
  assert.equal([typeof copied.createDatabase, copied.RUNTIME_VERSION], ['function', 1], 'the copied runtime runs');
  // Built beside the project, with the copied runtime next to it, as a user's build would hold it.
  const build = spawnSync(TSC, ['-p', join(project, 'tsconfig.json'), '--noEmit', 'false', '--outDir', join(project, 'build')], { encoding: 'utf8' });
  assert.is(build.status, 0, build.stdout);
  cpSync(join(project, 'gen', 'runtime'), join(project, 'build', 'gen', 'runtime'), { recursive: true });
  const index = (await import(pathToFileURL(join(project, 'build', 'gen', 'index.js')).href)) as { connect(options: object): { healthCheck(): Promise<{ ok: boolean }>; close(): Promise<void> } };
  const connected = index.connect({ url: database });
  assert.ok((await connected.healthCheck()).ok, 'createDatabase accepts the configured runtime section');
  await connected.close();

  assert.is(runCli(['generate', '--url', database, '--check'], { cwd: project }).code, 0);
  writeFileSync(join(project, 'gen', 'runtime', 'retry.js'), '// @generated by crudgen\nexport {};\n');
  const stale = runCli(['generate', '--url', database, '--check', '--json'], { cwd: project });
  assert.equal([stale.code, (JSON.parse(stale.stdout) as { written: string[] }).written], [1, ['runtime/retry.js']]);
  writeFileSync(join(project, '.crudgenrc.json'), config('import'));
  const back = runCli(['generate', '--url', database, '--json'], { cwd: project });
  assert.ok((JSON.parse(back.stdout) as { removed: string[] }).removed.includes('runtime/index.js'), 'switching back to import removes the copy');
});

test.after(() => {
  rmSync(OUTPUT, { recursive: true, force: true });
});

test.run();

/** The property of a key the runtime makes, as a quoted type-level key; null when the table has none. */
function madeKey(table: PlannedTable): string | null {
  const { id, primaryKey, columns } = table.descriptor;
  if (!isGeneratedId(id.strategy)) return null;
  return JSON.stringify(columns.find((column) => column.name === primaryKey[0])?.property);
}
