import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ROOT } from '../helpers/paths.js';

/**
 * The rules of the house that keep the code base in shape, checked on the source: no import
 * cycles, the runtime stands alone, drivers stay behind the dialect boundary and are loaded lazily.
 */

const SRC = join(ROOT, 'src');
const DRIVERS = ['pg', 'mysql2', 'better-sqlite3'];

interface ImportEdge {
  readonly specifier: string;
  readonly dynamic: boolean;
  readonly typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(file, 'utf8');
  const edges: ImportEdge[] = [];
  for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+'([^']+)'/gm)) {
    edges.push({ specifier: match[3] as string, dynamic: false, typeOnly: match[2] !== undefined });
  }
  for (const match of text.matchAll(/^\s*import\s+'([^']+)'/gm)) edges.push({ specifier: match[1] as string, dynamic: false, typeOnly: false });
  for (const match of text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)) edges.push({ specifier: match[1] as string, dynamic: true, typeOnly: false });
  return edges;
}

/** The source file a relative import points to (`./x.js` → `x.ts`). */
function resolveLocal(from: string, specifier: string): string {
  return resolve(dirname(from), specifier).replace(/\.js$/, '.ts');
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));
const rel = (file: string): string => relative(SRC, file);

test('src has no import cycles (type-only imports included)', () => {
  const state = new Map<string, 'visiting' | 'done'>();
  const cycles: string[] = [];
  const visit = (file: string, path: string[]): void => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'visiting') {
      cycles.push([...path.slice(path.indexOf(file)), file].map(rel).join(' → '));
      return;
    }
    state.set(file, 'visiting');
    for (const edge of graph.get(file) ?? []) {
      if (edge.specifier.startsWith('.')) visit(resolveLocal(file, edge.specifier), [...path, file]);
    }
    state.set(file, 'done');
  };
  for (const file of files) visit(file, []);
  assert.equal(cycles, []);
});

test('module boundaries: runtime stands alone, drivers only lazily inside their dialect, no cross-dialect imports', () => {
  const violations: string[] = [];
  for (const [file, edges] of graph) {
    const path = rel(file);
    // Driver code lives in src/dialects/<name>/ (introspection) and src/runtime/dialects/<name>/ (runtime).
    const dialect = /^(?:runtime\/)?dialects\/(\w+)\//.exec(path)?.[1];
    for (const edge of edges) {
      if (edge.specifier.startsWith('.')) {
        const target = rel(resolveLocal(file, edge.specifier));
        if (path.startsWith('runtime/') && !target.startsWith('runtime/')) violations.push(`${path} imports ${target} (runtime must stand alone)`);
        const targetDialect = /^(?:runtime\/)?dialects\/(\w+)\//.exec(target)?.[1];
        if (dialect !== undefined && targetDialect !== undefined && targetDialect !== dialect) {
          violations.push(`${path} imports ${target} (dialects must not import each other)`);
        }
      } else if (DRIVERS.includes(edge.specifier.split('/')[0] as string) && !edge.typeOnly) {
        if (dialect === undefined) violations.push(`${path} imports the driver ${edge.specifier} outside a dialects/<name>/ folder`);
        else if (!edge.dynamic) violations.push(`${path} imports the driver ${edge.specifier} eagerly (use await import)`);
      }
    }
  }
  assert.equal(violations, []);
});

test('no dialect-name checks outside the dialect folders (differences travel as capabilities)', () => {
  const offenders = files
    .filter((file) => !/^(runtime\/)?dialects\//.test(rel(file)))
    .filter((file) => /(===|!==)\s*'(sqlite|postgres|mysql|mariadb)'|'(sqlite|postgres|mysql|mariadb)'\s*(===|!==)/.test(readFileSync(file, 'utf8')))
    .map(rel);
  assert.equal(offenders, []);
});

test.run();
