import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from './paths.js';

/** The packages a user installs beside crudgen, at the versions this repository tests with. */
const COMPANIONS = ['kysely', 'pg', 'mysql2', 'better-sqlite3', 'typescript', '@types/node'];

function installedVersion(name: string): string {
  return (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}

function checked(what: string, result: SpawnSyncReturns<string>): string {
  if (result.status !== 0) throw new Error(`${what} failed (${result.status ?? result.signal}):\n${result.stderr}\n${result.stdout}`);
  return result.stdout;
}

export interface PackedProject {
  readonly dir: string;
  /** The tarball `npm pack` made, inside `dir`: what the registry would hold. */
  readonly tarball: string;
}

/**
 * A user's project with crudgen installed from the tarball `npm pack` makes, as a user installs
 * it from the registry: only what `files` ships, resolved through `exports`, with the
 * dependencies its package.json names. Made once per test process.
 *
 * npm runs no install scripts here, so better-sqlite3 is not compiled again (minutes on a machine
 * without a prebuilt binary); its binary is copied from this repository's install of the same
 * version instead. The npm cache that `npm ci` filled serves the rest.
 */
export function packedProject(): PackedProject {
  const dir = tempDir('project');
  const packed = checked('npm pack', spawnSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8' }));
  const tarball = (JSON.parse(packed) as Array<{ filename: string }>)[0]?.filename;
  if (tarball === undefined) throw new Error(`npm pack named no file: ${packed}`);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'shop', private: true, type: 'module' }, null, 2)}\n`);
  checked(
    'npm install',
    spawnSync('npm', ['install', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund', `./${tarball}`, ...COMPANIONS.map((name) => `${name}@${installedVersion(name)}`)], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 300_000,
    }),
  );
  const release = join('node_modules', 'better-sqlite3', 'build', 'Release');
  mkdirSync(join(dir, release), { recursive: true });
  for (const file of readdirSync(join(ROOT, release)).filter((name) => name.endsWith('.node'))) copyFileSync(join(ROOT, release, file), join(dir, release, file));
  return { dir, tarball: join(dir, tarball) };
}

/** The files a tarball holds, as paths inside the package (npm puts them under `package/`). */
export function tarballFiles(tarball: string): string[] {
  return checked('tar', spawnSync('tar', ['-tzf', tarball], { encoding: 'utf8' }))
    .split('\n')
    .filter((line) => line !== '' && !line.endsWith('/'))
    .map((line) => line.replace(/^package\//, ''))
    .sort();
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program of the project (`node_modules/.bin/…` or node) in `cwd` with exactly `env` added to a clean environment. */
export function runIn(cwd: string, command: string, args: readonly string[], env: Record<string, string> = {}): RunResult {
  const base: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'TMPDIR', 'LANG']) {
    const value = process.env[key];
    if (value !== undefined) base[key] = value;
  }
  const result = spawnSync(command, args, { cwd, env: { ...base, ...env }, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
