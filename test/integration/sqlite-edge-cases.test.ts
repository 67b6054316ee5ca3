import Database from 'better-sqlite3';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { introspect } from '../../src/operations/introspect.js';
import type { Table } from '../../src/schema/model.js';
import { readSnapshot } from '../../src/snapshot/read.js';
import type { Snapshot } from '../../src/snapshot/version.js';
import { runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/paths.js';

const dir = tempDir('edge');
const file = join(dir, 'edge.sqlite');

const db = new Database(file);
db.exec(`
  CREATE TABLE "select" ("order" INTEGER PRIMARY KEY, "a""b" TEXT NOT NULL, "with space" VARCHAR(10), "naïve_日本" REAL);
  CREATE TABLE "a""b" (
    "id" INTEGER,
    "select" INTEGER CONSTRAINT "fk ""sel""" REFERENCES "select" ON DELETE SET NULL ON UPDATE RESTRICT,
    "late" INTEGER,
    "soon" INTEGER REFERENCES [with space] DEFERRABLE,
    PRIMARY KEY ("id" DESC),
    FOREIGN KEY ("late") REFERENCES [with space] ([Id]) DEFERRABLE INITIALLY DEFERRED
  );
  CREATE TABLE [with space] ([Id] INTEGER PRIMARY KEY, \`back\`\`tick\` TEXT UNIQUE, CONSTRAINT "u ""q""" UNIQUE ([Id], \`back\`\`tick\`));
  CREATE INDEX "idx ""odd"" name" ON "select" ("a""b" DESC, lower("with space")) WHERE "order" > 10;
  CREATE TABLE "ñandú_表" ("🦆" TEXT PRIMARY KEY, "x" ANY) STRICT, WITHOUT ROWID;
  CREATE TABLE pk_desc (id INTEGER PRIMARY KEY DESC, v TEXT DEFAULT (datetime('now')), w INT DEFAULT -1, u TEXT DEFAULT ('a' || 'b'));
  CREATE TABLE dangling (id INTEGER PRIMARY KEY, gone_id INTEGER REFERENCES no_such_table(id));
  CREATE TABLE doomed (id INTEGER PRIMARY KEY);
  CREATE VIEW "view ""x""" AS SELECT "order", "a""b" FROM "select";
  CREATE VIEW broken AS SELECT id FROM doomed;
  CREATE VIEW joined AS SELECT s."order", w.[Id] AS wid, s."with space", s."a""b" || '' AS computed FROM "select" s JOIN [with space] w ON w.[Id] = s."order";
  CREATE VIEW "left" AS SELECT s."order", w.[Id] AS wid FROM "select" s LEFT JOIN [with space] w ON w.[Id] = s."order";
  CREATE VIEW over_joined AS SELECT "order", wid FROM joined;
  CREATE VIEW over_left AS SELECT "order" FROM "left";
  DROP TABLE doomed;
  CREATE VIRTUAL TABLE docs USING fts5(body);
  CREATE TRIGGER "trg ""t""" AFTER INSERT ON "select" BEGIN SELECT 1; END;
`);
db.close();

function table(snapshot: Snapshot, name: string): Table {
  const found = snapshot.schema.tables.find((t) => t.name === name);
  if (found === undefined) throw new Error(`no table ${name}`);
  return found;
}

test('hostile identifiers, quoting styles and odd DDL are read exactly', async () => {
  const snapshot = await introspect({ url: file });
  assert.equal(
    snapshot.schema.tables.map((t) => t.name),
    ['a"b', 'dangling', 'pk_desc', 'select', 'with space', 'ñandú_表'],
    'sorted by code point; the virtual table and its shadow tables are skipped',
  );
  const select = table(snapshot, 'select');
  assert.equal(select.columns.map((c) => c.name), ['order', 'a"b', 'with space', 'naïve_日本']);
  assert.is(select.columns[0]?.identity, 'rowid');
  assert.equal(select.indexes, [
    {
      name: 'idx "odd" name',
      parts: [
        { column: 'a"b', expression: null, descending: true, prefixLength: null },
        { column: null, expression: 'lower("with space")', descending: false, prefixLength: null },
      ],
      unique: false,
      predicate: '"order" > 10',
      method: null,
    },
  ]);
  const ab = table(snapshot, 'a"b');
  assert.is(ab.columns[0]?.identity, 'rowid', 'a table-level PRIMARY KEY (x DESC) still aliases the rowid');
  const spacedKey = { namespace: 'main', table: 'with space', columns: ['Id'] };
  assert.equal(ab.foreignKeys, [
    { name: null, columns: ['late'], references: spacedKey, onDelete: 'no_action', onUpdate: 'no_action', deferrable: true, initiallyDeferred: true },
    { name: null, columns: ['soon'], references: spacedKey, onDelete: 'no_action', onUpdate: 'no_action', deferrable: true, initiallyDeferred: false },
    {
      name: 'fk "sel"',
      columns: ['select'],
      references: { namespace: 'main', table: 'select', columns: ['order'] },
      onDelete: 'set_null',
      onUpdate: 'restrict',
      deferrable: false,
      initiallyDeferred: false,
    },
  ]);
  const spaced = table(snapshot, 'with space');
  assert.equal(spaced.uniqueConstraints, [
    { name: null, columns: ['back`tick'] },
    { name: 'u "q"', columns: ['Id', 'back`tick'] },
  ]);
  const duck = table(snapshot, 'ñandú_表');
  assert.equal(duck.traits, ['strict', 'without_rowid']);
  assert.equal(duck.columns.map((c) => [c.name, c.family, c.nullable]), [['🦆', 'text', false], ['x', 'unknown', true]]);
  const pkDesc = table(snapshot, 'pk_desc');
  assert.is(pkDesc.columns[0]?.identity, null, 'a column-level PRIMARY KEY DESC does not alias the rowid');
  assert.equal(pkDesc.columns.slice(1).map((c) => c.default), [
    { raw: "datetime('now')", kind: 'function' },
    { raw: '-1', kind: 'literal' },
    { raw: "'a' || 'b'", kind: 'expression' },
  ]);
  assert.equal(table(snapshot, 'dangling').foreignKeys, []);
  // A view column is non-null only when it passes a NOT NULL column through and no outer join or
  // compound query on the way can add nulls; SQLite itself reports every view column nullable.
  // SQLite names a column's origin but not its join side, so any outer join keeps all nullable.
  assert.equal(
    snapshot.schema.views.map((v) => [v.name, v.columns.map((c) => (c.nullable ? `${c.name}?` : c.name))]),
    [
      ['broken', []],
      ['joined', ['order', 'wid', 'with space?', 'computed?']],
      ['left', ['order?', 'wid?']],
      ['over_joined', ['order', 'wid']],
      ['over_left', ['order?']],
      ['view "x"', ['order', 'a"b']],
    ],
  );
  assert.equal(snapshot.warnings.map((w) => [w.code, w.object]), [
    ['FOREIGN_KEY_TARGET_MISSING', 'foreign key main.dangling(gone_id)'],
    ['TRIGGER_NOT_MODELLED', 'trigger main.trg "t"'],
    ['VIEW_UNREADABLE', 'view main.broken'],
    ['VIRTUAL_TABLE_SKIPPED', 'table main.docs'],
  ]);
});

test('hostile names survive the snapshot file, and --include/--exclude select by glob', async () => {
  const out = join(dir, 'snapshot.json');
  const result = runCli(['introspect', '--url', `sqlite:${file}`, '--out', out]);
  assert.is(result.code, 0, result.stderr);
  assert.match(result.stderr, 'VIRTUAL_TABLE_SKIPPED');
  assert.equal(await readSnapshot(out), await introspect({ url: file }));

  const filtered = join(dir, 'filtered.json');
  const run = runCli(['introspect', '--url', file, '--out', filtered, '--include', '*a*', 'main.select', '--exclude', 'pk_*', 'with*', '--json']);
  assert.is(run.code, 0, run.stderr);
  const summary = JSON.parse(run.stdout) as { counts: { tables: number } };
  const snapshot = await readSnapshot(filtered);
  assert.equal(snapshot.schema.tables.map((t) => t.name), ['a"b', 'dangling', 'select', 'ñandú_表']);
  assert.is(summary.counts.tables, 4);
});

test.run();
