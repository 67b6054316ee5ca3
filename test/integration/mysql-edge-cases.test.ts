import mysql from 'mysql2';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { introspect } from '../../src/operations/introspect.js';
import type { Column } from '../../src/schema/model.js';
import { mysqlCorpus, mysqlScratch, mysqlUrl } from '../helpers/mysql.js';
import { countQueries, failedIntrospection } from '../helpers/introspection.js';
import { columnOf, tableOf } from '../helpers/snapshot.js';

const DDL = `
USE crudgen_test_edge;
CREATE TABLE items (id INT PRIMARY KEY, name TEXT);
CREATE TABLE \`select\` (\`from\` INT PRIMARY KEY, \`a\`\`b\` TEXT, \`Mixed Case\` INT) COMMENT 'reserved words';
CREATE TABLE \`a\`\`b\` (id INT PRIMARY KEY, ref INT, CONSTRAINT \`fk a\`\`b\` FOREIGN KEY (ref) REFERENCES \`select\` (\`from\`) ON DELETE SET NULL);
CREATE TABLE everything (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  doc JSON,
  note VARCHAR(20) NULL,
  word VARCHAR(20) DEFAULT 'NULL',
  quote VARCHAR(20) NOT NULL DEFAULT 'it''s',
  flag TINYINT(1) NOT NULL DEFAULT 0,
  tiny TINYINT UNSIGNED,
  mood ENUM('a b', 'c,d', 'it''s', 'back\\\\slash', ''),
  tags SET('x', 'y z'),
  status VARCHAR(10) CHECK (status IN ('new', 'done')),
  price DECIMAL(10, 2) COMMENT 'in cents',
  bits BIT(3) DEFAULT b'101',
  at DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3),
  total DECIMAL(12, 2) AS (price * 2) VIRTUAL,
  stored_total DECIMAL(12, 2) AS (price * 3) STORED,
  title VARCHAR(200) COLLATE utf8mb4_bin,
  token UUID,
  items_id INT,
  UNIQUE KEY uq_status_flag (status, flag),
  KEY title_prefix (title(10)),
  KEY at_desc (at DESC),
  FOREIGN KEY (items_id) REFERENCES items (id) ON DELETE CASCADE ON UPDATE RESTRICT
);
CREATE TABLE legacy (id INT PRIMARY KEY) ENGINE = MyISAM;
CREATE TABLE history (id INT PRIMARY KEY, v INT) WITH SYSTEM VERSIONING;
CREATE VIEW selected AS SELECT * FROM \`select\`;
USE crudgen_test_edge_other;
CREATE TABLE items (code CHAR(3) PRIMARY KEY);
`;

let scratch: Promise<string[]> | undefined;
const databases = (): Promise<string[]> => (scratch ??= mysqlScratch(['edge', 'edge_other'], DDL));

test('columns of one table, as MariaDB reports them, read into the model', async () => {
  const [url] = await databases();
  const snapshot = await introspect({ url: url as string });
  const everything = tableOf(snapshot, 'everything');
  const cases: Array<[string, Partial<Column>]> = [
    ['id', { family: 'bigint', unsigned: true, identity: 'auto_increment', nullable: false, default: null }],
    ['doc', { family: 'json', nativeType: 'longtext', length: null }],
    ['note', { family: 'text', nullable: true, default: null, length: 20 }],
    ['word', { default: { raw: "'NULL'", kind: 'literal' } }],
    ['quote', { default: { raw: "'it''s'", kind: 'literal' }, nullable: false }],
    ['flag', { family: 'boolean', nativeType: 'tinyint(1)', default: { raw: '0', kind: 'literal' } }],
    ['tiny', { family: 'smallint', unsigned: true }],
    ['mood', { family: 'enum', allowedValues: ['a b', 'c,d', "it's", 'back\\slash', ''] }],
    ['tags', { family: 'set', allowedValues: ['x', 'y z'] }],
    ['status', { family: 'text', allowedValues: ['new', 'done'] }],
    ['price', { family: 'decimal', precision: 10, scale: 2, comment: 'in cents' }],
    ['bits', { family: 'bit', length: 3, default: { raw: "b'101'", kind: 'literal' } }],
    ['at', { family: 'timestamp', precision: 3, default: { raw: 'current_timestamp(3)', kind: 'function' } }],
    ['total', { generated: { expression: '`price` * 2', storage: 'virtual' }, default: null }],
    ['stored_total', { generated: { expression: '`price` * 3', storage: 'stored' } }],
    ['title', { collation: 'utf8mb4_bin', length: 200 }],
    ['token', { family: 'uuid' }],
  ];
  for (const [name, expected] of cases) {
    const actual = columnOf(everything, name);
    for (const [key, value] of Object.entries(expected)) assert.equal(actual[key as keyof Column], value, `${name}.${key}`);
  }
  assert.equal(everything.uniqueConstraints, [{ name: 'uq_status_flag', columns: ['status', 'flag'] }]);
  assert.equal(
    everything.indexes.map((i) => [i.name, i.parts.map((p) => [p.column, p.prefixLength, p.descending])]),
    [
      ['at_desc', [['at', null, true]]],
      ['items_id', [['items_id', null, false]]],
      ['title_prefix', [['title', 10, false]]],
    ],
  );
  assert.equal(everything.foreignKeys.map((fk) => [fk.columns, fk.references.table, fk.onDelete, fk.onUpdate]), [[['items_id'], 'items', 'cascade', 'restrict']]);
  assert.ok(everything.checks.some((c) => c.expression === 'json_valid(`doc`)'), 'the JSON check is kept');
});

test('hostile names, two databases with a same-named table, engines, system versioning, views', async () => {
  const [url] = await databases();
  const snapshot = await introspect({ url: url as string, schemas: ['crudgen_test_edge', 'crudgen_test_edge_other'] });
  assert.equal(
    snapshot.schema.tables.filter((t) => t.name === 'items').map((t) => [t.namespace, t.columns.map((c) => c.name)]),
    [
      ['crudgen_test_edge', ['id', 'name']],
      ['crudgen_test_edge_other', ['code']],
    ],
  );
  const select = tableOf(snapshot, 'select');
  assert.equal([select.comment, select.columns.map((c) => c.name)], ['reserved words', ['from', 'a`b', 'Mixed Case']]);
  assert.equal(tableOf(snapshot, 'a`b').foreignKeys.map((fk) => [fk.name, fk.references, fk.onDelete]), [
    ['fk a`b', { namespace: 'crudgen_test_edge', table: 'select', columns: ['from'] }, 'set_null'],
  ]);
  assert.equal(tableOf(snapshot, 'history').traits, ['system_versioned']);
  const selected = snapshot.schema.views.find((v) => v.name === 'selected');
  // The server itself derives view columns' nullability from the base columns and the joins.
  assert.equal(selected?.columns.map((c) => [c.name, c.nullable]), [['from', false], ['a`b', true], ['Mixed Case', true]]);
  assert.match(selected?.definition ?? '', 'from `select`');
  assert.equal(
    snapshot.warnings.filter((w) => w.code === 'STORAGE_ENGINE_LIMITED').map((w) => w.object),
    ['table crudgen_test_edge.legacy'],
  );
});

test('the number of catalog queries does not grow with the schema', async () => {
  const counts: number[] = [];
  for (const name of ['chinook', 'sakila']) {
    counts.push(await countQueries(mysql.Connection.prototype, async () => {
      assert.ok((await introspect({ url: mysqlCorpus(name) })).schema.tables.length > 0);
    }));
  }
  assert.is(counts[0], counts[1], `chinook (11 tables) and sakila (16 + 7 views) take the same number of queries: ${counts.join(' vs ')}`);
  assert.ok((counts[0] ?? 0) <= 12, `few queries: ${counts[0]}`);
});

test('connection failures name the server and the cause, never the password', async () => {
  const cases: Array<[string, string, RegExp]> = [
    ['mysql://root:hunter2@127.0.0.1:1/test', 'CONNECTION_FAILED', /127\.0\.0\.1:1 .*nothing accepts connections/],
    [mysqlUrl('crudgen_no_such_database'), 'DATABASE_NOT_FOUND', /no database "crudgen_no_such_database"/],
    [mysqlUrl('test').replace('root@', 'root:hunter2@'), 'CONNECTION_FAILED', /refused user "root"/],
    ['mariadb://root@127.0.0.1:3306', 'URL_INVALID', /names no database/],
  ];
  for (const [url, code, message] of cases) {
    const error = await failedIntrospection({ url });
    assert.is(error.code, code, url);
    assert.match(error.message, message);
  }
  const missing = await failedIntrospection({ url: mysqlUrl('test'), schemas: ['test', 'crudgen_nope'] });
  assert.is(missing.code, 'DATABASE_NOT_FOUND');
  assert.match(missing.message, 'no database "crudgen_nope"');
});

test.run();
