import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { introspect } from '../../src/operations/introspect.js';
import { readSnapshot } from '../../src/snapshot/read.js';
import { runCli } from '../helpers/cli.js';
import { sqliteCorpus } from '../helpers/corpus.js';
import { tableOf } from '../helpers/snapshot.js';
import { tempDir } from '../helpers/paths.js';


test('chinook: bracket-quoted AUTOINCREMENT ids, PascalCase names, composite key, foreign keys', async () => {
  const snapshot = await introspect({ url: `sqlite:${sqliteCorpus('chinook')}` });
  assert.equal(
    snapshot.schema.tables.map((t) => t.name),
    ['Album', 'Artist', 'Customer', 'Employee', 'Genre', 'Invoice', 'InvoiceLine', 'MediaType', 'Playlist', 'PlaylistTrack', 'Track'],
  );
  for (const name of ['Album', 'Artist', 'Customer', 'Employee', 'Genre', 'Invoice', 'InvoiceLine', 'MediaType', 'Playlist', 'Track']) {
    const id = tableOf(snapshot, name).columns[0];
    assert.is(id?.name, `${name}Id`);
    assert.is(id?.identity, 'auto_increment', name);
    assert.is(id?.nullable, false, name);
    assert.is(id?.default, null, name);
  }
  const playlistTrack = tableOf(snapshot, 'PlaylistTrack');
  assert.equal(playlistTrack.primaryKey?.columns, ['PlaylistId', 'TrackId']);
  assert.is(playlistTrack.columns[0]?.identity, null, 'a composite key is not a rowid alias');
  const track = tableOf(snapshot, 'Track');
  assert.equal(
    track.foreignKeys.map((fk) => [fk.columns, fk.references.table, fk.references.columns]),
    [
      [['AlbumId'], 'Album', ['AlbumId']],
      [['GenreId'], 'Genre', ['GenreId']],
      [['MediaTypeId'], 'MediaType', ['MediaTypeId']],
    ],
  );
  const unitPrice = track.columns.find((c) => c.name === 'UnitPrice');
  assert.equal([unitPrice?.family, unitPrice?.precision, unitPrice?.scale, unitPrice?.affinity], ['decimal', 10, 2, 'NUMERIC']);
  const employee = tableOf(snapshot, 'Employee');
  assert.ok(employee.foreignKeys.some((fk) => fk.references.table === 'Employee' && fk.columns[0] === 'ReportsTo'), 'self reference');
  assert.equal(snapshot.warnings, []);
});

test('sakila: composite key of film_actor, named foreign keys with actions, CHECK-IN values, triggers reported', async () => {
  const snapshot = await introspect({ url: sqliteCorpus('sakila') });
  const filmActor = tableOf(snapshot, 'film_actor');
  assert.equal(filmActor.primaryKey, { name: null, columns: ['actor_id', 'film_id'] });
  assert.equal(
    filmActor.foreignKeys.map((fk) => [fk.name, fk.columns, fk.references.table, fk.onDelete, fk.onUpdate]),
    [
      ['fk_film_actor_actor', ['actor_id'], 'actor', 'no_action', 'cascade'],
      ['fk_film_actor_film', ['film_id'], 'film', 'no_action', 'cascade'],
    ],
  );
  assert.equal(
    filmActor.indexes.map((i) => [i.name, i.parts.map((p) => p.column), i.unique]),
    [
      ['idx_fk_film_actor_actor', ['actor_id'], false],
      ['idx_fk_film_actor_film', ['film_id'], false],
    ],
  );
  const film = tableOf(snapshot, 'film');
  assert.equal(film.columns.find((c) => c.name === 'rating')?.allowedValues, ['G', 'PG', 'PG-13', 'R', 'NC-17']);
  assert.equal(film.checks.map((c) => c.name), ['CHECK_special_features', 'CHECK_special_rating']);
  assert.is(snapshot.schema.views.length, 5);
  const triggers = snapshot.warnings.filter((w) => w.code === 'TRIGGER_NOT_MODELLED');
  assert.ok(triggers.some((w) => w.object === 'trigger main.actor_trigger_ai' && w.message.includes('"actor"')));
  const oddType = snapshot.warnings.find((w) => w.code === 'UNKNOWN_TYPE' && w.object === 'column main.film.description');
  assert.match(oddType?.message ?? '', 'BLOB SUB_TYPE TEXT');
});

test('synth500: counts match the generator, generated columns, CHECK enums, STRICT and WITHOUT ROWID tables', async () => {
  const snapshot = await introspect({ url: sqliteCorpus('synth500') });
  const { tables, views } = snapshot.schema;
  const columns = tables.flatMap((t) => t.columns);
  // The corpus README: 500 tables, 10 views, 6,883 columns (tables and views), 616 FKs, 25 composite PKs.
  assert.is(tables.length, 500);
  assert.is(views.length, 10);
  assert.is(columns.length + views.flatMap((v) => v.columns).length, 6883);
  assert.is(tables.flatMap((t) => t.foreignKeys).length, 616);
  assert.is(tables.filter((t) => (t.primaryKey?.columns.length ?? 0) > 1).length, 25);
  const generated = columns.filter((c) => c.generated !== null);
  assert.ok(generated.length > 0);
  for (const column of generated) {
    assert.match(column.generated?.expression ?? '', /\w+\(/, column.name);
    assert.ok(['stored', 'virtual'].includes(column.generated?.storage ?? ''));
  }
  const enums = columns.filter((c) => c.allowedValues !== null);
  assert.ok(enums.length > 0);
  assert.ok(enums.some((c) => c.allowedValues?.includes("it's")), 'quotes inside values are unescaped');
  assert.ok(tables.some((t) => t.traits.includes('strict')));
  const withoutRowid = tables.filter((t) => t.traits.includes('without_rowid'));
  assert.ok(withoutRowid.length > 0);
  for (const t of withoutRowid) for (const name of t.primaryKey?.columns ?? []) assert.is(t.columns.find((c) => c.name === name)?.nullable, false);
  assert.equal(snapshot.warnings, []);
});

test('a second introspection of an unchanged database writes the same bytes and says so', async () => {
  const dir = tempDir('determinism');
  const out = join(dir, 'snapshot.json');
  const database = sqliteCorpus('synth500');
  const first = runCli(['introspect', '--url', `sqlite:${database}`, '--out', out]);
  assert.is(first.code, 0, first.stderr);
  const bytes = readFileSync(out, 'utf8');
  const second = runCli(['introspect', '--url', `sqlite:${database}`, '--out', out]);
  assert.is(second.code, 0, second.stderr);
  assert.match(second.stderr, '(unchanged)');
  assert.is(readFileSync(out, 'utf8'), bytes);
  assert.ok(bytes.endsWith('}\n') && !bytes.includes('\r'));
  assert.not.match(bytes, database, 'no absolute paths in the snapshot');
  // What was written reads back through validation to the same model.
  assert.equal(await readSnapshot(out), await introspect({ url: database }));
});

test.run();
