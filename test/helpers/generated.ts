import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ConfigSettings } from '../../src/config/schema.js';
import { generate } from '../../src/operations/generate.js';
import type { Snapshot } from '../../src/snapshot/version.js';

/**
 * Generates the code for a snapshot into `dir`, transpiles each file as a user's build would,
 * and imports `index.js`: the tests run the generated code itself, with `crudgen/runtime`
 * resolving to this package's build (so `dir` must lie inside the repository).
 */
export async function loadGenerated<T = Record<string, unknown>>(snapshot: Snapshot, dir: string, settings: ConfigSettings = {}): Promise<T> {
  const { ts } = await import('ts-morph');
  for (const file of generate(snapshot, settings).files) {
    const { outputText } = ts.transpileModule(file.content, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
    const path = join(dir, file.path.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, outputText);
  }
  return (await import(pathToFileURL(join(dir, 'index.js')).href)) as T;
}
