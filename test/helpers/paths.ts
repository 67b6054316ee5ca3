import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (tests run from dist/test/…). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The shared corpus of sample schemas; CI has it beside the clone, as developers do. */
export const CORPUS = process.env['CRUDGEN_CORPUS'] ?? resolve(ROOT, '..', 'shared', 'corpus');

export const FIXTURES = join(ROOT, 'test', 'fixtures');

/** A fresh temporary directory for one test file. */
export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `crudgen-${label}-`));
}
