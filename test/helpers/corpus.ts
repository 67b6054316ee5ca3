import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS } from './paths.js';

export interface CorpusOptions {
  /** Also load the entry's small data slice (a database or file of its own). */
  readonly data?: boolean;
  /** A separate copy for a test that writes, named `<name>_<copy>`. */
  readonly copy?: string;
  /** The seed of a synthetic schema (`synth<N>`); load.sh's default is 1. */
  readonly seed?: number;
}

/** Environment for load.sh. */
export function corpusEnv(options: CorpusOptions): Record<string, string> {
  return { LOAD_DATA: options.data ? '1' : '0', ...(options.seed === undefined ? {} : { SYNTH_SEED: String(options.seed) }) };
}

/** The name a corpus entry is loaded under for these options. */
export function corpusKey(name: string, options: CorpusOptions): string {
  return [name, ...(options.seed === undefined ? [] : [`s${options.seed}`]), ...(options.data ? ['data'] : []), ...(options.copy === undefined ? [] : [options.copy])].join('_');
}

const CACHE = join(tmpdir(), `crudgen-corpus-${process.pid}`);

/**
 * Loads a corpus entry (e.g. `chinook`, `synth500`) into a SQLite file with the corpus's own
 * load.sh, once per test process.
 */
export function sqliteCorpus(name: string, options: CorpusOptions = {}): string {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `${corpusKey(name, options)}.sqlite`);
  if (!existsSync(file)) {
    execFileSync('bash', [join(CORPUS, 'load.sh'), name, 'sqlite', file], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: { ...process.env, ...corpusEnv(options) },
    });
  }
  return file;
}
