import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { introspect } from '../../src/operations/introspect.js';
import { serializeSnapshot } from '../../src/snapshot/write.js';
import { columnOf, tableOf } from '../helpers/snapshot.js';
import { postgresCorpus } from '../helpers/postgres.js';



test('pagila: enum, domains, partitioned parent without partitions, generated and identity columns, byte-identical rerun', async () => {
  const url = postgresCorpus('pagila');
  const snapshot = await introspect({ url });
  assert.is(snapshot.server.flavour, 'postgresql');
  assert.ok(snapshot.capabilities.returning.insert && snapshot.capabilities.upsert === 'on_conflict');
  assert.is(snapshot.capabilities.merge, Number(snapshot.server.version.split('.')[0]) >= 15);

  assert.equal(snapshot.schema.enums, [{ namespace: 'public', name: 'mpaa_rating', values: ['G', 'PG', 'PG-13', 'R', 'NC-17'], comment: null }]);
  const film = tableOf(snapshot, 'film', 'public');
  const rating = columnOf(film, 'rating');
  assert.equal([rating.family, rating.enumRef, rating.nativeType], ['enum', { namespace: 'public', name: 'mpaa_rating' }, 'public.mpaa_rating']);
  assert.equal(rating.default, { raw: "'G'::public.mpaa_rating", kind: 'literal' });

  const year = snapshot.schema.domains.find((d) => d.name === 'year');
  assert.equal(year, {
    namespace: 'public',
    name: 'year',
    baseType: 'integer',
    family: 'integer',
    nullable: true,
    default: null,
    checks: [{ name: 'year_check', expression: '(VALUE >= 1901) AND (VALUE <= 2155)' }],
    comment: null,
  });
  assert.ok(snapshot.schema.domains.some((d) => d.name === 'bıgınt' && d.family === 'bigint'), 'a non-ASCII domain name');
  const releaseYear = columnOf(film, 'release_year');
  assert.equal([releaseYear.family, releaseYear.domainRef], ['integer', { namespace: 'public', name: 'year' }]);

  assert.equal(columnOf(film, 'length_hours').generated, { expression: 'round(((length)::numeric / 60.0), 2)', storage: 'stored' });
  assert.is(columnOf(film, 'length_hours').default, null);
  const features = columnOf(film, 'special_features');
  assert.equal([features.family, features.arrayDimensions, features.nativeType], ['text', 1, 'text[]']);
  assert.equal([columnOf(film, 'rental_rate').precision, columnOf(film, 'rental_rate').scale], [4, 2]);
  assert.equal([columnOf(film, 'film_id').identity, columnOf(film, 'film_id').default?.kind], ['serial', 'sequence']);
  assert.is(columnOf(tableOf(snapshot, 'packages_apt_postgresql_org', 'public'), 'id').identity, 'always');

  // payment is partitioned into 55 tables (payment_p2022_01 …); only the parent is part of the schema.
  const payment = tableOf(snapshot, 'payment', 'public');
  assert.equal(payment.traits, ['partitioned']);
  assert.equal(payment.primaryKey?.columns, ['payment_date', 'payment_id']);
  assert.is(snapshot.schema.tables.length, 18);
  assert.not.ok(snapshot.schema.tables.some((t) => t.name.startsWith('payment_p')));
  assert.ok(
    tableOf(snapshot, 'rental', 'public').foreignKeys.some((fk) => fk.columns[0] === 'customer_id' && fk.onDelete === 'restrict' && fk.onUpdate === 'cascade'),
  );
  assert.equal(
    snapshot.schema.views.filter((v) => v.kind === 'materialized_view').map((v) => v.name),
    ['rental_by_category'],
  );
  assert.match(snapshot.schema.views.find((v) => v.name === 'actor_info')?.definition ?? '', 'FROM (((public.actor a');
  assert.ok(snapshot.warnings.some((w) => w.code === 'TRIGGER_NOT_MODELLED' && w.object === 'trigger public.film.film_fulltext_trigger'));

  const again = await introspect({ url });
  assert.ok(serializeSnapshot(again) === serializeSnapshot(snapshot), 'a second run is byte-identical');
});

test('chinook and northwind: identity ALWAYS keys, composite keys, a self reference, sized types', async () => {
  const chinook = await introspect({ url: postgresCorpus('chinook') });
  assert.is(chinook.schema.tables.length, 11);
  assert.equal(columnOf(tableOf(chinook, 'album', 'public'), 'album_id').identity, 'always');
  assert.equal(tableOf(chinook, 'playlist_track', 'public').primaryKey?.columns, ['playlist_id', 'track_id']);
  const name = columnOf(tableOf(chinook, 'artist', 'public'), 'name');
  assert.equal([name.nativeType, name.family, name.length, name.nullable], ['character varying(120)', 'text', 120, true]);

  const northwind = await introspect({ url: postgresCorpus('northwind') });
  const employees = tableOf(northwind, 'employees', 'public');
  assert.ok(employees.foreignKeys.some((fk) => fk.columns[0] === 'reports_to' && fk.references.table === 'employees'));
  assert.equal(columnOf(employees, 'photo').family, 'binary');
  assert.equal(tableOf(northwind, 'order_details', 'public').primaryKey?.columns, ['order_id', 'product_id']);
  assert.equal(northwind.warnings, []);
});

test('lago: two schemas, 43 enums, a materialized view, partial indexes, uuid keys', async () => {
  const url = postgresCorpus('lago');
  const snapshot = await introspect({ url, schemas: ['public', 'partman'] });
  assert.equal(snapshot.schema.namespaces, ['partman', 'public']);
  assert.is(snapshot.schema.enums.length, 43);
  assert.equal(
    snapshot.schema.enums.find((e) => e.name === 'billable_metric_rounding_function')?.values,
    ['round', 'floor', 'ceil'],
  );
  assert.ok(tableOf(snapshot, 'template_public_enriched_events', 'partman').columns.length > 0);
  assert.equal(
    snapshot.schema.views.filter((v) => v.kind === 'materialized_view').map((v) => `${v.namespace}.${v.name}`),
    ['public.last_hour_events_mv'],
  );
  assert.equal(tableOf(snapshot, 'enriched_events', 'public').traits, ['partitioned']);
  assert.not.ok(snapshot.schema.tables.some((t) => t.name === 'enriched_events_default'), 'the partition is skipped');
  const indexes = snapshot.schema.tables.flatMap((t) => t.indexes);
  assert.ok(indexes.filter((i) => i.predicate !== null).length >= 100, 'partial indexes keep their predicate');
  assert.ok(indexes.some((i) => i.predicate === '(deleted_at IS NULL)'));
  const uuidKeys = snapshot.schema.tables.filter((t) => t.primaryKey !== null && columnOf(t, t.primaryKey.columns[0] as string).family === 'uuid');
  assert.ok(uuidKeys.length > 120);
  assert.is(snapshot.schema.tables.reduce((n, t) => n + t.foreignKeys.length, 0), 339);
  const enumArrays = snapshot.schema.tables.flatMap((t) => t.columns).filter((c) => c.family === 'enum');
  assert.ok(enumArrays.every((c) => c.enumRef !== null));

  const onlyPublic = await introspect({ url, include: ['public.*'], exclude: ['*_mv'] });
  assert.equal(onlyPublic.schema.views.filter((v) => v.kind === 'materialized_view'), []);
});

test('danbooru: arrays of every element kind, inet, interval, sequence defaults, GIN expression indexes', async () => {
  const snapshot = await introspect({ url: postgresCorpus('danbooru') });
  const columns = snapshot.schema.tables.flatMap((t) => t.columns);
  const kinds = new Set(columns.filter((c) => c.arrayDimensions > 0).map((c) => `${c.nativeType}:${c.family}`));
  for (const kind of ['text[]:text', 'integer[]:integer', 'character varying[]:text', 'inet[]:network']) assert.ok(kinds.has(kind), kind);
  assert.ok(columns.some((c) => c.family === 'interval'));
  assert.ok(columns.some((c) => c.nativeType === 'inet' && c.family === 'network'));
  assert.is(columns.filter((c) => c.identity === 'serial').length, 58);
  assert.equal(columns.find((c) => c.default?.raw === "'{}'::text[]")?.default?.kind, 'literal');
  const gin = snapshot.schema.tables.flatMap((t) => t.indexes).filter((i) => i.method === 'gin');
  assert.ok(gin.some((i) => i.parts[0]?.expression === "to_tsvector('english'::regconfig, body)"));
  assert.equal(snapshot.warnings, []);
});

test.run();
