import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { diffReport, diffReportJsonSchema, type DiffReport } from '../../src/diff/report.js';
import { RULES } from '../../src/diff/rules.js';
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

test.run();
