import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load as parseYaml } from 'js-yaml';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfig } from '../../src/config/load.js';
import { validateConfig } from '../../src/config/validate.js';
import { rejection } from '../helpers/errors.js';
import { runCli } from '../helpers/cli.js';
import { sqliteCorpus } from '../helpers/corpus.js';
import { tempDir } from '../helpers/paths.js';

/** A fresh project folder (a package.json marks its root) holding the given files. */
function project(files: Readonly<Record<string, string>>): string {
  const dir = tempDir('config');
  writeFileSync(join(dir, 'package.json'), files['package.json'] ?? '{ "name": "app", "private": true }\n');
  for (const [name, content] of Object.entries(files)) {
    if (name === 'package.json') continue;
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

test('every file format is found and loaded, TypeScript included, from the project root down', async () => {
  const json = (dir: string) => JSON.stringify({ version: 2, output: { dir } });
  const yaml = (dir: string) => `version: 2\noutput:\n  dir: ${dir}\n`;
  const esm = (dir: string) => `export default ${json(dir)};\n`;
  const cjs = (dir: string) => `module.exports = ${json(dir)};\n`;
  const ts = (dir: string) => `interface Config { version: 2; output: { dir: string } }\nconst config: Config = ${json(dir)};\nexport default config;\n`;
  const cases: Array<[string, (dir: string) => string]> = [
    ['package.json', (dir) => JSON.stringify({ name: 'app', crudgen: { version: 2, output: { dir } } })],
    ['.crudgenrc', json],
    ['.crudgenrc', yaml],
    ['.crudgenrc.json', json],
    ['.crudgenrc.yaml', yaml],
    ['.crudgenrc.yml', yaml],
    ['.crudgenrc.js', cjs],
    ['.crudgenrc.cjs', cjs],
    ['.crudgenrc.mjs', esm],
    ['.crudgenrc.ts', ts],
    ['crudgen.config.js', cjs],
    ['crudgen.config.cjs', cjs],
    ['crudgen.config.mjs', esm],
    ['crudgen.config.ts', ts],
  ];
  for (const [index, [name, content]] of cases.entries()) {
    const expected = `out-${index}`;
    const dir = project({ [name]: content(expected), 'src/nested/.keep': '' });
    // Searched from a folder below the project root, as a command run there would.
    const loaded = await loadConfig({ cwd: join(dir, 'src', 'nested'), env: {} });
    assert.is(loaded.file, join(dir, name), name);
    assert.is(loaded.settings.output?.dir, expected, name);
  }
  const explicit = project({ 'configs/team.yaml': yaml('explicit') });
  assert.is((await loadConfig({ cwd: explicit, file: 'configs/team.yaml', env: {} })).settings.output?.dir, 'explicit');
  const none = project({});
  assert.equal((await loadConfig({ cwd: none, env: {} })).file, null, 'no file: defaults');
});

test('an invalid config reports every problem with its path, the allowed values and suggestions; exit 2', async () => {
  const dir = project({
    '.crudgenrc.yaml': [
      'version: 2',
      'databse:',
      '  url: postgres://app:hunter2@db/app',
      'naming:',
      '  properties: camel',
      '  singularClasNames: true',
      'tables:',
      '  Track:',
      '    idStrategy: uuid7',
      '  Albums:',
      '    versionColumn: Versoin',
      'runtime:',
      '  pool:',
      '    max: 0',
    ].join('\n'),
  });
  const run = runCli(['config', 'print'], { cwd: dir });
  assert.is(run.code, 2);
  const expectedLines = [
    '- databse: unknown key; did you mean "database"?',
    '- naming.singularClasNames: unknown key; did you mean "singularClassNames"?',
    '- naming.properties: not an allowed value (got "camel"); allowed: "camelCase", "preserve"',
    '- tables.Track.idStrategy: not an allowed value (got "uuid7"); allowed: "auto", "database", "uuid_v4", "uuid_v7", "ulid", "cuid2", "nanoid", "manual"; did you mean "uuid_v7"?',
    '- runtime.pool.max: ',
  ];
  for (const line of expectedLines) assert.match(run.stderr, line);
  assert.match(run.stderr, 'has 5 problems');
  assert.not.match(run.stderr, 'hunter2');

  // With a snapshot at hand, table and column names are checked too.
  const named = project({ '.crudgenrc.yaml': 'version: 2\ntables:\n  Albm:\n    idStrategy: database\n  Track:\n    versionColumn: Milisecond\n' });
  const snapshot = runCli(['introspect', '--url', sqliteCorpus('chinook')], { cwd: named });
  assert.is(snapshot.code, 0, snapshot.stderr);
  const checked = runCli(['config', 'print'], { cwd: named });
  assert.is(checked.code, 2);
  assert.match(checked.stderr, '- tables.Albm: there is no table "Albm" in the snapshot; did you mean "Album"?');
  assert.match(checked.stderr, '- tables.Track.versionColumn: table "Track" has no column "Milisecond" (got "Milisecond"); did you mean "Milliseconds"?');
  // generate refuses them too, rather than writing code that silently lacks the setting.
  const generated = runCli(['generate'], { cwd: named });
  assert.is(generated.code, 2);
  assert.match(generated.stderr, '- tables.Track.versionColumn: table "Track" has no column "Milisecond"');
});

test('environments overlay the base, variables are interpolated (.env included), production refuses development-only settings', async () => {
  const dir = project({
    '.crudgenrc.yaml': [
      'version: 2',
      'database:',
      '  url: postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST:-localhost}/app',
      'include: ["a*", "b*"]',
      'runtime:',
      '  statementTimeoutMs: 1000',
      '  pool: { min: 1, max: 5 }',
      'env:',
      '  test:',
      '    include: ["t*"]',
      '    runtime:',
      '      pool: { max: 2 }',
      '  production:',
      '    runtime:',
      '      statementTimeoutMs: 5000',
    ].join('\n'),
    '.env': 'DB_USER=app\nDB_PASSWORD=from-dotenv\n',
  });
  const base = await loadConfig({ cwd: dir, env: {} });
  assert.equal([base.environment, base.settings.database?.url], [null, 'postgres://app:from-dotenv@localhost/app']);
  const testing = await loadConfig({ cwd: dir, env: { NODE_ENV: 'test', DB_PASSWORD: 'from-env', DB_HOST: 'db' } });
  assert.equal(testing.environment, 'test');
  assert.equal(testing.settings.include, ['t*'], 'arrays replace');
  assert.equal(testing.settings.runtime, { statementTimeoutMs: 1000, pool: { min: 1, max: 2 } }, 'objects merge');
  assert.is(testing.settings.database?.url, 'postgres://app:from-env@db/app', 'the environment wins over .env');
  const production = await loadConfig({ cwd: dir, environment: 'production', env: { NODE_ENV: 'test' } });
  assert.equal([production.environment, production.settings.runtime?.statementTimeoutMs], ['production', 5000], '--env wins over NODE_ENV');
  assert.is((await loadConfig({ cwd: dir, env: { CRUDGEN_ENV: 'production', NODE_ENV: 'test' } })).environment, 'production', 'CRUDGEN_ENV wins over NODE_ENV');
  assert.is((await loadConfig({ cwd: dir, env: { NODE_ENV: 'staging' } })).environment, null, 'an unknown NODE_ENV is ignored');
  assert.match((await rejection(loadConfig({ cwd: dir, environment: 'prodution', env: {} }))).message, 'no environment "prodution". Did you mean "production"?');
  const bare = project({});
  assert.is((await loadConfig({ cwd: bare, env: { CRUDGEN_ENV: 'production' } })).environment, null, 'without a file, CRUDGEN_ENV (set for the application) names nothing');
  assert.match((await rejection(loadConfig({ cwd: bare, environment: 'production', env: {} }))).message, 'no environment "production"');

  const missing = project({ '.crudgenrc.json': JSON.stringify({ version: 2, database: { url: '${NOT_SET_ANYWHERE}' } }) });
  const unset = (await loadConfig({ cwd: missing, env: {} })).databaseProblem;
  assert.equal([unset?.code, unset?.message], ['CONFIG_INVALID', 'The configuration uses environment variables that are not set: database.url: ${NOT_SET_ANYWHERE} is not set.']);
  // Only a command that connects through the file's database needs its variables: generate and --url work without them.
  const chinook = sqliteCorpus('chinook');
  assert.match(runCli(['introspect'], { cwd: missing }).stderr, 'database.url: ${NOT_SET_ANYWHERE} is not set');
  const introspected = runCli(['introspect', '--url', chinook], { cwd: missing });
  assert.is(introspected.code, 0, introspected.stderr);
  const generated = runCli(['generate'], { cwd: missing });
  assert.is(generated.code, 0, generated.stderr);
  const unsetElsewhere = await rejection(loadConfig({ cwd: project({ '.crudgenrc.json': JSON.stringify({ version: 2, output: { dir: '${OUT_DIR}' } }) }), env: {} }));
  assert.match(unsetElsewhere.message, 'output.dir: ${OUT_DIR} is not set');

  const unsafe = project({ '.crudgenrc.json': JSON.stringify({ version: 2, env: { production: { runtime: { monitoring: { logParameters: true } } } } }) });
  assert.match((await rejection(loadConfig({ cwd: unsafe, env: { NODE_ENV: 'production' } }))).message, 'production environment enables development-only behaviour');
});

test('a version-1 file loads with one warning per deprecated key, and config migrate writes a current file', async () => {
  const v1 = 'outDir: generated\nidStrategies:\n  users: uuid_v7\n  orders: database\ntables:\n  users:\n    versionColumn: version\n';
  const dir = project({ '.crudgenrc.yaml': v1 });
  const loaded = await loadConfig({ cwd: dir, env: {} });
  assert.equal(loaded.fromVersion, 1);
  assert.equal(loaded.settings.output, { dir: 'generated' });
  assert.equal(loaded.settings.tables, { users: { versionColumn: 'version', idStrategy: 'uuid_v7' }, orders: { idStrategy: 'database' } });
  const printed = runCli(['config', 'print', '--json'], { cwd: dir });
  assert.is(printed.code, 0, printed.stderr);
  const warnings = printed.stderr.split('\n').filter((line) => line.startsWith('warning'));
  assert.equal(warnings.length, 2);
  assert.match(warnings[0] ?? '', '"outDir" is deprecated since config version 2; write "output.dir" instead');

  const preview = runCli(['config', 'migrate'], { cwd: dir });
  assert.is(preview.code, 0, preview.stderr);
  assert.ok(validateConfig(parseYaml(preview.stdout), 'preview'), 'the printed file is a valid current config');
  assert.is(readFileSync(join(dir, '.crudgenrc.yaml'), 'utf8'), v1, 'without --write nothing changes');
  assert.is(runCli(['config', 'migrate', '--write'], { cwd: dir }).code, 0);
  const written = parseYaml(readFileSync(join(dir, '.crudgenrc.yaml'), 'utf8')) as Record<string, unknown>;
  assert.equal([written['version'], written['outDir'], written['output']], [2, undefined, { dir: 'generated' }]);
  const again = runCli(['config', 'print'], { cwd: dir });
  assert.equal([again.code, again.stderr.includes('deprecated')], [0, false]);

  const code = project({ 'crudgen.config.mjs': `export default ${JSON.stringify({ outDir: 'x' })};\n` });
  const refused = runCli(['config', 'migrate', '--write'], { cwd: code });
  assert.is(refused.code, 2);
  assert.match(refused.stderr, 'crudgen.config.mjs is code; crudgen does not rewrite it.');
});

test('init writes a starter that references DATABASE_URL without copying it, never overwrites, and prints with secrets masked', () => {
  const dir = project({});
  const env = { DATABASE_URL: 'postgres://app:hunter2@db.internal:5432/shop' };
  const init = runCli(['init'], { cwd: dir, env });
  assert.is(init.code, 0, init.stderr);
  const file = readFileSync(join(dir, '.crudgenrc.yaml'), 'utf8');
  assert.match(file, 'url: ${DATABASE_URL}');
  assert.match(file, '# schemas: [public]');
  assert.not.match(file, /hunter2|db\.internal/);
  assert.is(runCli(['init'], { cwd: dir, env }).code, 2, 'no overwrite without --force');
  assert.is(runCli(['init', '--force'], { cwd: dir, env }).code, 0);

  writeFileSync(join(dir, '.crudgenrc.yaml'), `${file}\n`.replace('url: ${DATABASE_URL}', 'dialect: postgres\n  host: db\n  user: app\n  password: ${DB_PASSWORD}\n  database: shop'));
  const printed = runCli(['config', 'print', '--json'], { cwd: dir, env: { DB_PASSWORD: 'hunter2' } });
  assert.is(printed.code, 0, printed.stderr);
  assert.not.match(printed.stdout + printed.stderr, 'hunter2');
  assert.is((JSON.parse(printed.stdout) as { settings: { database: { password: string } } }).settings.database.password, '***');
  const yaml = runCli(['config', 'print'], { cwd: dir, env: { DB_PASSWORD: 'hunter2' } });
  assert.match(yaml.stdout, "password: '***'");
  assert.not.match(yaml.stdout, 'hunter2');
});

test.run();
