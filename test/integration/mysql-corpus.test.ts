import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { introspect } from '../../src/operations/introspect.js';
import { serializeSnapshot } from '../../src/snapshot/write.js';
import { mysqlCorpus } from '../helpers/mysql.js';
import { columnOf, tableOf } from '../helpers/snapshot.js';

test('sakila: SET and ENUM values in order, composite key, foreign-key actions, FULLTEXT, views, byte-identical rerun', async () => {
  const url = mysqlCorpus('sakila');
  const snapshot = await introspect({ url });
  assert.is(snapshot.server.flavour, 'mariadb');
  assert.equal(snapshot.schema.namespaces, ['crudgen_test_sakila']);
  assert.is(snapshot.capabilities.upsert, 'on_duplicate_key');
  assert.is(snapshot.capabilities.returning.update, false);
  const film = tableOf(snapshot, 'film');
  const features = columnOf(film, 'special_features');
  assert.equal([features.family, features.allowedValues], ['set', ['Trailers', 'Commentaries', 'Deleted Scenes', 'Behind the Scenes']]);
  const rating = columnOf(film, 'rating');
  assert.equal([rating.family, rating.allowedValues, rating.default], ['enum', ['G', 'PG', 'PG-13', 'R', 'NC-17'], { raw: "'G'", kind: 'literal' }]);
  const id = columnOf(film, 'film_id');
  assert.equal([id.identity, id.unsigned, id.default, id.nativeType], ['auto_increment', true, null, 'int(10) unsigned']);
  assert.equal(columnOf(film, 'last_update').default, { raw: 'current_timestamp()', kind: 'function' });
  assert.equal(columnOf(film, 'original_language_id').default, null, "MariaDB's NULL for a nullable column is no default");
  assert.equal(tableOf(snapshot, 'film_actor').primaryKey, { name: null, columns: ['actor_id', 'film_id'] });
  assert.equal(
    film.foreignKeys.map((fk) => [fk.name, fk.columns, fk.references.table, fk.onDelete, fk.onUpdate]),
    [
      ['fk_film_language', ['language_id'], 'language', 'restrict', 'cascade'],
      ['fk_film_language_original', ['original_language_id'], 'language', 'restrict', 'cascade'],
    ],
  );
  assert.equal(tableOf(snapshot, 'film_text').indexes.map((i) => [i.name, i.method, i.parts.map((p) => p.column)]), [
    ['idx_title_description', 'fulltext', ['title', 'description']],
  ]);
  assert.equal(tableOf(snapshot, 'rental').uniqueConstraints, [{ name: 'rental_date', columns: ['rental_date', 'inventory_id', 'customer_id'] }]);
  assert.is(snapshot.schema.views.length, 7);
  const actorInfo = snapshot.schema.views.find((v) => v.name === 'actor_info');
  assert.ok(actorInfo !== undefined && actorInfo.columns.length === 4);
  assert.not.match(actorInfo?.definition ?? '', 'crudgen_test_sakila', 'view bodies do not depend on the database name');
  assert.ok(snapshot.warnings.some((w) => w.code === 'TRIGGER_NOT_MODELLED' && w.object === 'trigger crudgen_test_sakila.ins_film'));

  const again = await introspect({ url });
  assert.ok(serializeSnapshot(again) === serializeSnapshot(snapshot), 'a second run is byte-identical');
});

test('chinook and mywind: AUTO_INCREMENT keys, composite keys, tinyint(1) as boolean, sized decimals and blobs', async () => {
  const chinook = await introspect({ url: mysqlCorpus('chinook') });
  assert.is(chinook.schema.tables.length, 11);
  assert.equal(columnOf(tableOf(chinook, 'Album'), 'AlbumId').identity, 'auto_increment');
  assert.equal(tableOf(chinook, 'PlaylistTrack').primaryKey?.columns, ['PlaylistId', 'TrackId']);
  const name = columnOf(tableOf(chinook, 'Artist'), 'Name');
  assert.equal([name.nativeType, name.family, name.length, name.nullable], ['varchar(120)', 'text', 120, true]);

  const mywind = await introspect({ url: mysqlCorpus('mywind') });
  const columns = mywind.schema.tables.flatMap((t) => t.columns);
  assert.ok(columns.some((c) => c.nativeType === 'tinyint(1)' && c.family === 'boolean'));
  assert.ok(columns.some((c) => c.nativeType === 'tinyint(4)' && c.family === 'smallint'));
  assert.ok(columns.some((c) => c.nativeType === 'decimal(19,4)' && c.precision === 19 && c.scale === 4));
  assert.ok(columns.some((c) => c.nativeType === 'longblob' && c.family === 'binary'));
  assert.equal(mywind.warnings, []);
});

test.run();
