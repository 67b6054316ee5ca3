import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareCodePoints } from '../util/code-point.js';
import type { GeneratedFile } from './writer.js';

/** Where the copied runtime goes inside the output folder, and how generated code imports it. */
export const RUNTIME_COPY_DIR = 'runtime';
export const RUNTIME_COPY_MODULE = `./${RUNTIME_COPY_DIR}/index.js`;

/**
 * The runtime's compiled files (JavaScript and declarations) for `output.runtime: "copy"`, each
 * with crudgen's header so the writer keeps them in sync and removes them when copying stops.
 */
export async function runtimeCopyFiles(header: string): Promise<GeneratedFile[]> {
  const root = fileURLToPath(new URL('../runtime/', import.meta.url));
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: GeneratedFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !(entry.name.endsWith('.js') || entry.name.endsWith('.d.ts'))) continue;
    const path = join(entry.parentPath, entry.name);
    const content = await readFile(path, 'utf8');
    files.push({ path: `${RUNTIME_COPY_DIR}/${relative(root, path).split('\\').join('/')}`, content: `${header}\n${content}` });
  }
  return files.sort((a, b) => compareCodePoints(a.path, b.path));
}
