import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from './paths.js';

export interface CorpusOptions {
  /** Also load the entry's small data slice (a database or file of its own). */
  readonly data?: boolean;
}

const CACHE = join(tmpdir(), `crudgen-corpus-${process.pid}`);

/**
 * Loads a corpus entry (e.g. `chinook`, `synth500`) into a SQLite file with the corpus's own
 * load.sh, once per test process.
 */
export function sqliteCorpus(name: string, options: CorpusOptions = {}): string {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `${name}${options.data ? '_data' : ''}.sqlite`);
  if (!existsSync(file)) {
    execFileSync('bash', [join(CORPUS, 'load.sh'), name, 'sqlite', file], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, LOAD_DATA: options.data ? '1' : '0' },
    });
  }
  return file;
}
