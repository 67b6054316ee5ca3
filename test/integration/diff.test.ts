import { readFileSync, writeFileSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffReport, diffReportJsonSchema, type DiffReport } from '../../src/diff/report.js';
import { RULES } from '../../src/diff/rules.js';
import { apiImpact } from '../../src/operations/api-impact.js';
import { diff } from '../../src/operations/diff.js';
import { introspect } from '../../src/operations/introspect.js';
import type { Snapshot } from '../../src/snapshot/version.js';
import { runCli } from '../helpers/cli.js';
import { ROOT, tempDir } from '../helpers/paths.js';
import { execute, fresh, MARIADB, POSTGRES, SQLITE } from '../helpers/schema-changes.js';

const codes = (report: DiffReport): string[] => report.changes.map((change) => `${change.code} ${change.object}`).sort();
const source = (snapshot: Snapshot, name: string) => ({ snapshot, source: name });

test('diff on every engine: real ALTERs between two introspections give every change kind its code; renames found as candidates, then confirmed', async () => {
  for (const scenario of [SQLITE, POSTGRES, MARIADB]) {
    const url = await fresh(scenario, 'kinds');
    const before = await introspect({ url });
    await execute(scenario.engine, url, scenario.alter);
    const after = await introspect({ url });

    const report = await diff({ from: source(before, 'a.json'), to: source(after, 'b.json') });
    assert.equal(codes(report), [...scenario.expected].sort(), `${scenario.engine}: codes`);
    // The report plans only the relations that differ (unless enums, domains or capabilities do);
    // planning every one, which a capability the planner ignores forces, must say the same.
    const planEverything = { ...after, capabilities: { ...after.capabilities, unusedByThePlanner: true } } as Snapshot;
    assert.equal(report.api, apiImpact(before, planEverything), `${scenario.engine}: the API impact of the relations that differ is the whole schema's`);
    if (scenario.engine === 'sqlite') {
      // Settings written for the new schema (here a soft-delete column the change adds) must not make the old side's plan refuse them.
      const settings = { tables: { author: { softDeleteColumn: 'website' } } };
      assert.ok(apiImpact(before, after, settings).changes.some((change) => change.message.startsWith('`AuthorRow.website` added')), 'config for the new schema');
    }
    assert.ok(diffReport.safeParse(report).success, `${scenario.engine}: the report has its documented shape`);
    assert.equal(
      report.renameCandidates.map((candidate) => `${candidate.kind} ${candidate.from}=${candidate.to}`),
      ['table audit=audit_log', 'column author.bio=author.biography'],
      `${scenario.engine}: the renamed table and column are candidates, and nothing else is`,
    );
    assert.equal(diffReport.parse(report).summary.highest, 'destructive');

    const confirmed = await diff({ from: source(before, 'a.json'), to: source(after, 'b.json'), renames: [['audit', 'audit_log'], ['author.bio', 'author.biography']] });
    const renamed = codes(confirmed);
    assert.ok(renamed.includes('table-renamed audit_log') && renamed.includes('column-renamed author.biography'), `${scenario.engine}: ${renamed.join(', ')}`);
    assert.not.ok(renamed.some((code) => / (audit|audit_log|author\.bio|author\.biography)$/.test(code) && /dropped|added/.test(code)), `${scenario.engine}: a confirmed rename is no drop and add`);
    assert.equal(confirmed.renameCandidates, []);
    if (scenario.engine === 'postgres') {
      // What the changes do to the generated code, as a reviewer reads it: planned for both schemas.
      const api = confirmed.api?.changes.map((change) => `${change.breaking ? 'breaking' : 'compatible'}: ${change.message}`) ?? [];
      for (const expected of [
        'breaking: `AuditRepository` is now `AuditLogRepository` (`repositories.audit` → `repositories.auditLog`)',
        'breaking: `AuthorRow.bio` is now `AuthorRow.biography`',
        'breaking: `AuthorRow.rating` is now `string | null` (was `number | null`)',
        'breaking: `AuthorRow.born` removed (and from `NewAuthor`, `AuthorUpdate`)',
        'compatible: `AuthorRow.website` added (`string | null`), optional in `NewAuthor`',
        'breaking: `BookRow.title` is now `string | null` (was `string`)',
        'compatible: `BookRow.isbn` is now `string` (was `string | null`)',
        'breaking: `BookRepository.create` now requires `note`',
        'breaking: `DraftRepository.create` now requires `owner` (`number`)',
        'breaking: `LegacyRepository` removed (`repositories.legacy`, types `LegacyRow`, `NewLegacy`, `LegacyUpdate`)',
        'breaking: `PairRepository.findById` now takes `{ readonly a: number; readonly b: number }` (was `number`)',
        'compatible: `TagRepository` added (`repositories.tag`)',
        "breaking: `Level` loses value 'mid'",
        "compatible: `Mood` gains value 'ecstatic'",
      ]) {
        assert.ok(api.includes(expected), `API impact: ${expected}\n${api.join('\n')}`);
      }
      assert.equal(confirmed.api?.files.removed, ['repositories/audit.ts', 'repositories/legacy.ts', 'repositories/old-view.ts']);
    }

    // Nothing changed: nothing to report.
    const same = await diff({ from: source(after, 'b.json'), to: source(after, 'b.json') });
    assert.is(same.summary.total, 0);
  }
});

test('diff counts on the live database what a change would lose: values in a dropped column, rows of a dropped table, nulls and repeats', async () => {
  for (const scenario of [SQLITE, POSTGRES, MARIADB]) {
    const url = await fresh(scenario, 'evidence');
    const target = await introspect({ url });
    // The live database moves on from the target: a column with values, an empty and a full table.
    await execute(scenario.engine, url, `ALTER TABLE author ADD COLUMN nickname varchar(20);
      UPDATE author SET nickname = 'ada' WHERE name = 'Ada';
      ALTER TABLE book ADD COLUMN subtitle varchar(20);
      CREATE TABLE scratch (id int PRIMARY KEY);
      ALTER TABLE book ADD COLUMN series varchar(20);
      UPDATE book SET series = 'same';`);
    const live = await introspect({ url });
    // Going back to the target drops them: the database still holds what would be lost.
    const report = await diff({ from: { snapshot: live, source: url, url }, to: source(target, 'target.json') });
    const evidence = new Map(report.changes.map((change) => [`${change.code} ${change.object}`, change.evidence?.text ?? null]));
    assert.is(evidence.get('column-dropped author.nickname'), '1 non-null value in 2 rows', scenario.engine);
    assert.is(evidence.get('column-dropped book.subtitle'), 'no row holds a value (3 rows)', scenario.engine);
    assert.is(evidence.get('table-dropped scratch'), 'the table is empty', scenario.engine);
    assert.is(evidence.get('column-dropped book.series'), '3 non-null values in 3 rows', scenario.engine);
    assert.is(report.from.kind, 'database');

    // Data-dependent questions: the same rows asked whether a new unique key and NOT NULL would hold.
    const withRules = { ...target, schema: { ...target.schema, tables: target.schema.tables.map((table) => (table.name !== 'book' ? table : { ...table, uniqueConstraints: [...table.uniqueConstraints, { name: 'book_series_key', columns: ['series'] }], columns: [...table.columns, { ...(table.columns.find((column) => column.name === 'title') as (typeof table.columns)[number]), name: 'series', ordinal: 99, nullable: false, default: null }] })) } };
    const stricter = await diff({ from: { snapshot: live, source: url, url }, to: source(withRules, 'stricter.json') });
    const said = new Map(stricter.changes.map((change) => [`${change.code} ${change.object}`, change.evidence?.text ?? null]));
    assert.is(said.get('unique-added book'), '1 value repeats', `${scenario.engine}: ${JSON.stringify([...said])}`);
  }
});

test('crudgen diff on the command line: exit codes for each --fail-on level, --json in its documented schema, --markdown, renames from the config', async () => {
  const dir = tempDir('diff-cli');
  const url = await fresh(SQLITE, 'cli');
  const snapshot = (name: string) => join(dir, `${name}.json`);
  assert.is(runCli(['introspect', '--url', url, '--out', snapshot('a')]).code, 0);
  await execute('sqlite', url, 'CREATE INDEX author_name ON author (name);');
  assert.is(runCli(['introspect', '--url', url, '--out', snapshot('safe')]).code, 0);
  await execute('sqlite', url, SQLITE.alter);

  // Only an index added (safe), then every kind up to destructive, against the live database.
  const exits = (from: string, ...flags: string[]) => runCli(['diff', '--from', from, '--url', url, ...flags]).code;
  assert.equal(
    ['safe', 'data-dependent', 'breaking', 'destructive'].map((level) => runCli(['diff', '--from', snapshot('a'), '--to', snapshot('safe'), '--fail-on', level]).code),
    [1, 0, 0, 0],
    'a safe change fails only --fail-on safe',
  );
  assert.equal(
    ['safe', 'data-dependent', 'breaking', 'destructive'].map((level) => exits(snapshot('a'), '--fail-on', level)),
    [1, 1, 1, 1],
    'a destructive change fails every level',
  );
  assert.is(exits(snapshot('a')), 0, 'without --fail-on a run that worked exits 0');
  assert.is(exits(snapshot('a'), '--exit-code'), 1, '--exit-code: any change');
  const unchanged = runCli(['diff', '--from', snapshot('a'), '--to', snapshot('a'), '--exit-code']);
  assert.is(unchanged.code, 0);
  assert.match(unchanged.stdout, 'No changes: the schemas are the same.');
  assert.is(exits(join(dir, 'missing.json')), 2, 'a missing snapshot is an error');
  assert.is(exits(snapshot('a'), '--fail-on', 'fatal'), 2, 'an unknown level is a usage error');
  const unmatched = runCli(['diff', '--from', snapshot('a'), '--url', url, '--rename', 'author.bi=author.biography']);
  assert.is(unmatched.code, 2);
  assert.match(unmatched.stderr, 'The rename author.bi=author.biography does not match the schemas: "author" has no column "bi" that only the old schema has. Did you mean "bio"?');

  const json = runCli(['diff', '--from', snapshot('a'), '--url', url, '--json', '--rename', 'audit=audit_log']);
  const report = diffReport.parse(JSON.parse(json.stdout));
  assert.is(report.summary.highest, 'destructive');
  assert.ok(report.changes.some((change) => change.code === 'table-renamed' && change.object === 'audit_log'), 'the confirmed table rename');
  assert.equal(report.renameCandidates.map((candidate) => candidate.confirm), ['--rename author.bio=author.biography']);
  assert.equal(JSON.parse(readFileSync(join(ROOT, 'docs', 'diff-report.schema.json'), 'utf8')), diffReportJsonSchema(), 'docs/diff-report.schema.json is the schema the report is checked with');
  const documented = readFileSync(join(ROOT, 'docs', 'diff.md'), 'utf8');
  for (const [code, rule] of Object.entries(RULES)) assert.ok(documented.includes(`| \`${code}\` | ${rule.level} | ${rule.reason} |`), `docs/diff.md documents ${code} as it is`);

  // Renames and levels from the configuration; a code switched off leaves the report.
  writeFileSync(join(dir, '.crudgenrc.json'), JSON.stringify({ version: 2, renames: { 'author.bio': 'author.biography' }, diff: { rules: { 'index-added': 'off', 'view-dropped': 'safe' } } }));
  const markdown = runCli(['diff', '--from', snapshot('a'), '--url', url, '--markdown'], { cwd: dir });
  assert.is(markdown.code, 0);
  assert.match(markdown.stdout, '| column author.bio renamed to biography | `column-renamed` |');
  assert.not.match(markdown.stdout, 'index-added');
  assert.match(markdown.stdout, /### Safe[^#]*view old_view dropped/);
});

/** Runs statements one by one on one connection, as a migration tool runs a script. */
async function executeEach(engine: string, url: string, statements: readonly string[]): Promise<void> {
  if (engine === 'sqlite') {
    const db = new BetterSqlite3(url.replace(/^sqlite:/, ''));
    try {
      for (const statement of statements) db.exec(statement);
    } finally {
      db.close();
    }
  } else if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      for (const statement of statements) await client.query(statement);
    } finally {
      await client.end();
    }
  } else {
    const connection = await mysql.createConnection({ uri: url });
    try {
      for (const statement of statements) await connection.query(statement);
    } finally {
      await connection.end();
    }
  }
}

/** The same schema in another namespace: MySQL names its namespace after the database. */
function inNamespace(snapshot: Snapshot, namespace: string): Snapshot {
  const single = snapshot.schema.namespaces[0];
  const move = (name: string): string => (name === single ? namespace : name);
  const { schema } = snapshot;
  return {
    ...snapshot,
    schema: {
      ...schema,
      namespaces: schema.namespaces.map(move),
      tables: schema.tables.map((table) => ({ ...table, namespace: move(table.namespace), foreignKeys: table.foreignKeys.map((key) => ({ ...key, references: { ...key.references, namespace: move(key.references.namespace) } })) })),
      views: schema.views.map((view) => ({ ...view, namespace: move(view.namespace) })),
      enums: schema.enums.map((item) => ({ ...item, namespace: move(item.namespace) })),
      domains: schema.domains.map((domain) => ({ ...domain, namespace: move(domain.namespace) })),
    },
  };
}

test('the migration SQL crudgen suggests, run for real on a copy of the old database, leaves exactly the new schema, on every engine', async () => {
  for (const scenario of [SQLITE, POSTGRES, MARIADB]) {
    for (const renames of [[['audit', 'audit_log'], ['author.bio', 'author.biography']] as const, []]) {
      const name = renames.length > 0 ? 'renamed' : 'plain';
      const oldUrl = await fresh(scenario, `mig_${name}_a`);
      const newUrl = await fresh(scenario, `mig_${name}_b`);
      await execute(scenario.engine, newUrl, scenario.alter);
      const before = await introspect({ url: oldUrl });
      const target = inNamespace(await introspect({ url: newUrl }), before.schema.namespaces[0] as string);
      const report = await diff({ from: { snapshot: before, source: oldUrl, url: oldUrl }, to: source(target, 'target.json'), renames });
      const steps = report.migration?.guides.flatMap((guide) => guide.steps.map((step) => step.sql)).filter((sql) => sql !== '') ?? [];
      assert.ok(steps.length > 10, `${scenario.engine}: a migration was written`);
      await executeEach(scenario.engine, oldUrl, steps);
      const after = await introspect({ url: oldUrl });
      const left = await diff({ from: source(after, 'migrated'), to: source(target, 'target.json') });
      assert.equal(left.changes.map((change) => change.message), [], `${scenario.engine} (${name}): the migrated database is the target\n${report.migration?.script}`);
    }
  }
});

test('crudgen check in a CI script: fresh → 0, stale generated code → 1, a drifted database → 1, below --fail-on → 0, an unreachable database → 2', async () => {
  const dir = tempDir('check');
  const url = await fresh(SQLITE, 'check');
  writeFileSync(join(dir, '.crudgenrc.json'), JSON.stringify({ version: 2, database: { url }, snapshot: 'schema.json', output: { dir: 'db' } }));
  const crudgen = (...args: string[]) => runCli(args, { cwd: dir });
  assert.is(crudgen('introspect').code, 0);
  assert.is(crudgen('generate').code, 0);

  const fresh0 = crudgen('check');
  assert.is(fresh0.code, 0, fresh0.stderr);
  assert.match(fresh0.stderr, 'generated code in db matches schema.json');
  assert.match(fresh0.stderr, 'the database matches schema.json');

  writeFileSync(join(dir, 'db', 'tables.ts'), `${readFileSync(join(dir, 'db', 'tables.ts'), 'utf8')}// edited by hand\n`);
  const stale = crudgen('check', '--json');
  assert.is(stale.code, 1);
  const staleResult = JSON.parse(stale.stdout) as { generated: { stale: boolean; written: string[] }; database: { drifted: boolean } };
  assert.equal([staleResult.generated.stale, staleResult.generated.written, staleResult.database.drifted], [true, ['tables.ts'], false]);
  assert.is(crudgen('generate').code, 0);

  await execute('sqlite', url, 'ALTER TABLE author ADD COLUMN website TEXT;');
  const drifted = crudgen('check');
  assert.is(drifted.code, 1, 'a column the snapshot does not know is drift');
  assert.match(drifted.stdout, 'column author.website added (TEXT) [column-added-nullable]');
  assert.match(drifted.stderr, 'the database has drifted from schema.json (changes at or above safe)');
  assert.is(crudgen('check', '--fail-on', 'breaking').code, 0, 'a safe change is below --fail-on breaking');

  const unreachable = crudgen('check', '--url', 'postgres://app:secret@127.0.0.1:1/app');
  assert.is(unreachable.code, 2);
  assert.not.match(unreachable.stderr, 'secret');
});

test.run();
