import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mysqlScratch } from '../helpers/mysql.js';
import { ROOT, tempDir } from '../helpers/paths.js';
import { postgresScratch } from '../helpers/postgres.js';

// The examples are compiled inside the repository, where `crudgen/runtime` resolves to this
// package's build and `kysely` to its node_modules, as in an application that installed crudgen.
const OUTPUT = join(ROOT, '.test-output', `examples-${process.pid}`);
const EXAMPLES = join(ROOT, 'examples', 'best-practices');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');
const DIALECTS = ['sqlite', 'postgres', 'mysql'] as const;
type Dialect = (typeof DIALECTS)[number];

/** The example programs: every .ts file but the one that picks the generated code. */
const PROGRAMS = readdirSync(EXAMPLES)
  .filter((file) => file.endsWith('.ts') && file !== 'generated.ts')
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

const schema = (dialect: Exclude<Dialect, 'sqlite'>): string => readFileSync(join(ROOT, 'examples', 'schema', `${dialect}.sql`), 'utf8');

/**
 * One tree per engine, as three applications would hold it: the examples with generated.ts
 * pointing at that engine's generated code. demo-app.ts is `npm run demo`'s program, written for
 * SQLite alone, so it goes into the SQLite tree only, beside the generated folder it imports.
 */
function layOut(dialect: Dialect): string[] {
  const tree = join(OUTPUT, dialect);
  const generated = join(ROOT, 'generated-example', dialect);
  cpSync(generated, join(tree, 'generated-example', dialect), { recursive: true });
  cpSync(EXAMPLES, join(tree, 'examples', 'best-practices'), { recursive: true, filter: (path) => path === EXAMPLES || path.endsWith('.ts') });
  const pick = join(tree, 'examples', 'best-practices', 'generated.ts');
  const line = "from '../../generated-example/sqlite/index.js'";
  const source = readFileSync(pick, 'utf8');
  assert.is(source.split(line).length, 2, 'generated.ts imports the SQLite generation once');
  writeFileSync(pick, source.replace(line, `from '../../generated-example/${dialect}/index.js'`));
  const programs = PROGRAMS.map((name) => join(tree, 'examples', 'best-practices', `${name}.ts`));
  if (dialect !== 'sqlite') return programs;
  cpSync(generated, join(tree, '.crudgen', 'generated'), { recursive: true });
  cpSync(join(ROOT, 'examples', 'demo-app.ts'), join(tree, 'examples', 'demo-app.ts'));
  return [...programs, join(tree, 'examples', 'demo-app.ts')];
}

const { buildSqliteExample } = (await import(pathToFileURL(join(ROOT, 'examples', 'example-databases.mjs')).href)) as { buildSqliteExample: (file: string) => void };

/** A fresh database holding the example schema, for one program on one engine. */
async function freshDatabase(dialect: Dialect, program: string): Promise<string> {
  const name = `example_${program.replace(/\W/g, '_')}`;
  if (dialect === 'postgres') return postgresScratch(name, schema(dialect));
  if (dialect === 'mysql') return (await mysqlScratch([name], `USE crudgen_test_${name}; ${schema(dialect)}`))[0] as string;
  const file = join(tempDir('examples'), `${name}.sqlite`);
  buildSqliteExample(file);
  return `sqlite:${file}`;
}

interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function execute(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Run> {
  return new Promise((resolve) => {
    // A program that leaves a pool or a server open never ends: that fails it too.
    const child = spawn(command, args, { env, timeout: 30_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Fresh databases for every program on one engine, one after another (PostgreSQL copies template1 for each). */
async function freshDatabases(dialect: Dialect): Promise<Map<string, string>> {
  const urls = new Map<string, string>();
  for (const program of PROGRAMS) urls.set(program, await freshDatabase(dialect, program));
  return urls;
}

test('the examples compile under the strictest settings against the code generated for every engine, and print the expected transcript on each', async () => {
  rmSync(OUTPUT, { recursive: true, force: true });
  mkdirSync(OUTPUT, { recursive: true });
  const entries = DIALECTS.flatMap((dialect) => layOut(dialect));
  // The examples' own settings (the strictest), without the output folder they use when run.mjs builds them.
  const { rootDir: _rootDir, outDir: _outDir, ...strictest } = (JSON.parse(readFileSync(join(EXAMPLES, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> }).compilerOptions;
  assert.is(strictest['skipLibCheck'], false, 'the libraries are type-checked too');
  writeFileSync(join(OUTPUT, 'tsconfig.json'), JSON.stringify({ compilerOptions: strictest, files: entries }));
  // One compiler run for the three trees, so each example is checked against each engine's
  // types; the databases are made meanwhile.
  const [compiled, databases] = await Promise.all([
    execute(TSC, ['-p', join(OUTPUT, 'tsconfig.json'), '--pretty', 'false']),
    Promise.all(DIALECTS.map(freshDatabases)),
  ]);
  assert.is(compiled.code, 0, `${compiled.stdout}${compiled.stderr}`.slice(0, 4000));

  // Deployed as in production: NODE_ENV decides the mode, and development would log every statement.
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  delete env['CRUDGEN_ENV'];
  // The engines side by side; on each, the programs one after another.
  const failures = await Promise.all(
    DIALECTS.map(async (dialect, index) => {
      const problems: string[] = [];
      for (const program of PROGRAMS) {
        const script = join(OUTPUT, dialect, 'examples', 'best-practices', `${program}.js`);
        const result = await execute(process.execPath, [script, databases[index]?.get(program) as string], env);
        const expected = readFileSync(join(EXAMPLES, `${program}.expected.txt`), 'utf8');
        if (result.code !== 0 || result.stdout !== expected) {
          problems.push(`${program} on ${dialect} (exit ${result.code}):\n--- expected\n${expected}--- printed\n${result.stdout}--- stderr\n${result.stderr}`);
        }
      }
      return problems;
    }),
  );
  assert.equal(failures.flat(), [], failures.flat().join('\n'));
  rmSync(OUTPUT, { recursive: true, force: true });
});

test.run();
