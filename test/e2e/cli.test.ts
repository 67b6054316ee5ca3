import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ANSI, runCli, runCliOnTerminal } from '../helpers/cli.js';
import { sqliteCorpus } from '../helpers/corpus.js';
import { FIXTURES, ROOT, tempDir } from '../helpers/paths.js';
import { mysqlCorpus } from '../helpers/mysql.js';
import { postgresCorpus } from '../helpers/postgres.js';

const dir = tempDir('cli');
const chinook = sqliteCorpus('chinook');
const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

test('--help, --version and per-command help follow commander conventions and list the exit codes', () => {
  const help = runCli(['--help']);
  assert.is(help.code, 0);
  assert.match(help.stdout, 'Usage: crudgen');
  assert.match(help.stdout, 'introspect');
  assert.match(help.stdout, /Exit codes:\n\s+0\s+success\n\s+1\s+.*found.*\n\s+2\s+usage, configuration, connection or input error/);
  const versionRun = runCli(['--version']);
  assert.equal([versionRun.code, versionRun.stdout.trim()], [0, version]);
  for (const args of [['introspect', '--help'], ['help', 'introspect'], ['show', '--help']]) {
    const run = runCli(args);
    assert.is(run.code, 0, args.join(' '));
    assert.match(run.stdout, 'Exit codes:', args.join(' '));
  }
  assert.match(runCli(['introspect', '--help']).stdout, '--include <glob...>');
});

test('usage errors exit 2', () => {
  for (const args of [['--bogus'], ['introspect', '--bogus'], ['frobnicate'], ['introspect', '--url'], []]) {
    const run = runCli(args);
    assert.is(run.code, 2, `crudgen ${args.join(' ')}: ${run.stderr}`);
    assert.ok(run.stderr.length > 0, args.join(' '));
  }
  assert.match(runCli(['introspec']).stderr, "Did you mean introspect?");
});

test('every input error exits 2 with one clear sentence and a hint, and never shows a password', () => {
  const notADatabase = join(dir, 'notes.db');
  writeFileSync(notADatabase, 'this is not a database, just text that happens to end in .db\n'.repeat(20));
  const corrupted = join(dir, 'corrupted.json');
  writeFileSync(corrupted, '{"formatVersion": 1, "dialect": ');
  const future = join(dir, 'future.json');
  writeFileSync(future, JSON.stringify({ formatVersion: 99 }));
  const cases: Array<[string[], RegExp]> = [
    [['introspect'], /^error No database URL was given to introspect\.$/],
    [['introspect', '--url', 'postgres://admin:hunter2@localhost:notaport/db'], /^error The database URL "postgres:\/\/admin:\*\*\*@localhost:notaport\/db" is malformed: it is not a well-formed URL\.$/],
    [['introspect', '--url', 'mongodb://admin:hunter2@localhost/db'], /^error The database URL ".*" uses the unsupported scheme "mongodb:"\.$/],
    [['introspect', '--url', 'postgres://admin:hunter2@127.0.0.1:1/db'], /^error Could not connect to PostgreSQL at 127\.0\.0\.1:1 \(database "db", user "admin"\): nothing accepts connections there\.$/],
    [['introspect', '--url', 'mysql://admin:hunter2@127.0.0.1:1/db'], /^error Could not connect to MySQL at 127\.0\.0\.1:1 \(database "db", user "admin"\): nothing accepts connections there\.$/],
    [['introspect', '--url', join(dir, 'missing.db')], /^error The SQLite database file ".*missing\.db" does not exist\.$/],
    [['introspect', '--url', notADatabase], /^error Could not open the SQLite database ".*notes\.db": it is not a SQLite database\.$/],
    [['introspect', '--url', chinook, '--schema', 'public'], /^error The SQLite database has no schema named "public"\.$/],
    [['show', '--snapshot', join(dir, 'missing.json')], /^error The snapshot ".*missing\.json" does not exist\.$/],
    [['show', '--snapshot', corrupted], /^error The snapshot ".*corrupted\.json" is not valid JSON: .*\.$/],
    [['show', '--snapshot', future], /^error The snapshot ".*future\.json" has formatVersion 99, but this crudgen reads versions up to 1; it was written by a newer crudgen\.$/],
  ];
  for (const [args, message] of cases) {
    const run = runCli(args, { cwd: dir });
    const [first = '', second = '', ...rest] = run.stderr.trimEnd().split('\n');
    assert.is(run.code, 2, args.join(' '));
    assert.match(first, message, args.join(' '));
    assert.match(second, /^hint: \S/, args.join(' '));
    assert.equal(rest, [], `no stack trace without --debug: ${args.join(' ')}`);
    assert.not.match(run.stderr + run.stdout, 'hunter2');
  }
  const debug = runCli(['introspect', '--debug', '--url', notADatabase]);
  assert.match(debug.stderr, /\n\s+at /);
  assert.match(debug.stderr, 'caused by: SqliteError');
});

test('--json puts machine output on stdout, for results and for errors', () => {
  const out = join(dir, 'chinook.json');
  const run = runCli(['introspect', '--url', `sqlite:${chinook}`, '--out', out, '--json']);
  assert.is(run.code, 0, run.stderr);
  const result = JSON.parse(run.stdout) as Record<string, unknown>;
  assert.equal(result['counts'], { columns: 64, domains: 0, enums: 0, tables: 11, views: 0, warnings: 0 });
  assert.is(result['dialect'], 'sqlite');
  const postgres = runCli(['introspect', '--url', postgresCorpus('chinook'), '--out', join(dir, 'chinook-pg.json'), '--json']);
  assert.is(postgres.code, 0, postgres.stderr);
  const postgresResult = JSON.parse(postgres.stdout) as { counts: Record<string, number>; dialect: string };
  assert.equal([postgresResult.dialect, postgresResult.counts['tables'], postgresResult.counts['columns']], ['postgres', 11, 64]);
  const mariadb = runCli(['introspect', '--url', mysqlCorpus('chinook').replace(/^mysql:/, 'mariadb:'), '--out', join(dir, 'chinook-my.json'), '--json']);
  assert.is(mariadb.code, 0, mariadb.stderr);
  assert.equal((JSON.parse(mariadb.stdout) as { counts: Record<string, number> }).counts['tables'], 11);
  const failed = runCli(['introspect', '--url', 'mongodb://admin:hunter2@h/db', '--json']);
  assert.is(failed.code, 2);
  const error = (JSON.parse(failed.stdout) as { error: { code: string; message: string } }).error;
  assert.is(error.code, 'URL_UNSUPPORTED_SCHEME');
  assert.not.match(failed.stdout, 'hunter2');
  // The configuration's snapshot path is the default for show, as for generate and diff.
  const project = tempDir('cli-show');
  writeFileSync(join(project, '.crudgenrc.json'), JSON.stringify({ version: 2, snapshot: join(FIXTURES, 'snapshots', 'format-1.json') }));
  const shown = runCli(['show', '--json'], { cwd: project });
  assert.equal((JSON.parse(shown.stdout) as { tables: string[] }).tables, ['main.author', 'main.book', 'main.book_tag']);
});

test('DATABASE_URL is used when --url is absent, and --out - writes the snapshot to stdout', () => {
  const run = runCli(['introspect', '--out', '-'], { env: { DATABASE_URL: `file:${chinook}` } });
  assert.is(run.code, 0, run.stderr);
  const snapshot = JSON.parse(run.stdout) as { formatVersion: number; schema: { tables: unknown[] } };
  assert.is(snapshot.formatVersion, 1);
  assert.is(snapshot.schema.tables.length, 11);
});

test('colours and progress appear on a terminal only, and never with NO_COLOR or --no-color', () => {
  const args = ['introspect', '--url', chinook, '--out', join(dir, 'tty.json')];
  const plain = runCli([...args, '--url', 'nope.db']);
  assert.not.match(plain.stderr, ANSI, 'piped stderr');
  assert.not.match(plain.stderr, 'introspecting');
  const terminal = runCliOnTerminal(args);
  assert.is(terminal.code, 0, terminal.stdout);
  assert.match(terminal.stdout, ANSI, 'a terminal gets colour');
  assert.match(terminal.stdout, 'introspecting: ');
  for (const [extra, env] of [[[], { NO_COLOR: '1' }], [['--no-color'], {}]] as const) {
    const run = runCliOnTerminal([...args, ...extra], env);
    assert.is(run.code, 0, run.stdout);
    // Only the progress line's cursor control remains; no colour (SGR) sequences.
    assert.not.match(run.stdout, /\u001b\[[0-9;]*m/, JSON.stringify(env));
  }
});

test.run();
