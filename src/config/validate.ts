import { z } from 'zod';
import { ConfigError } from '../runtime/errors/classes.js';
import { suggest } from '../runtime/fuzzy.js';
import type { Schema as DatabaseSchema } from '../schema/model.js';
import { configFile, type ConfigFile, type ConfigSettings } from './schema.js';

/** One thing wrong with a config: where, what was there, what is allowed, what was probably meant. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
  readonly value?: unknown;
  readonly allowed?: readonly string[];
  readonly suggestions?: readonly string[];
}

/** Validates a (migrated, interpolated) config object; throws one ConfigError listing every problem. */
export function validateConfig(input: unknown, source: string): ConfigFile {
  const result = configFile.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.flatMap((issue) => describeIssue(issue, input));
  throw configError(problems, source);
}

/**
 * With a snapshot at hand, table and column names in the config must exist in it; a typo gets
 * the names it was probably meant to be.
 */
export function checkNamesAgainstSchema(settings: ConfigSettings, schema: DatabaseSchema, source: string): void {
  const problems: ConfigProblem[] = [];
  const tables = new Map<string, readonly string[]>();
  for (const table of [...schema.tables, ...schema.views]) {
    const columns = table.columns.map((column) => column.name);
    tables.set(table.name, columns);
    tables.set(`${table.namespace}.${table.name}`, columns);
  }
  for (const [name, table] of Object.entries(settings.tables ?? {})) {
    const columns = tables.get(name);
    if (columns === undefined) {
      problems.push({ path: `tables.${name}`, message: `there is no table "${name}" in the snapshot`, suggestions: suggest(name, tables.keys()) });
      continue;
    }
    const named: Array<[string, string | undefined]> = [
      ['versionColumn', table.versionColumn],
      ['softDeleteColumn', table.softDeleteColumn],
      ...(table.excludeColumns ?? []).map((column, index): [string, string] => [`excludeColumns[${index}]`, column]),
      ...Object.keys(table.columns ?? {}).map((column): [string, string] => [`columns.${column}`, column]),
    ];
    for (const [key, column] of named) {
      if (column !== undefined && !columns.includes(column)) {
        problems.push({ path: `tables.${name}.${key}`, message: `table "${name}" has no column "${column}"`, value: column, suggestions: suggest(column, columns) });
      }
    }
  }
  if (problems.length > 0) throw configError(problems, source);
}

function configError(problems: readonly ConfigProblem[], source: string): ConfigError {
  const lines = problems.map(formatProblem);
  return new ConfigError(`The configuration in ${source} has ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}:\n${lines.map((line) => `  - ${line}`).join('\n')}`, {
    details: { source, problems },
    hint: 'Fix the listed keys; `crudgen config print` shows the configuration as crudgen reads it.',
  });
}

export function formatProblem(problem: ConfigProblem): string {
  let line = `${problem.path || '(top level)'}: ${problem.message}`;
  if (problem.value !== undefined) line += ` (got ${JSON.stringify(problem.value)})`;
  if (problem.allowed !== undefined && problem.allowed.length > 0) line += `; allowed: ${problem.allowed.map((value) => JSON.stringify(value)).join(', ')}`;
  if (problem.suggestions !== undefined && problem.suggestions.length > 0) line += `; did you mean ${problem.suggestions.map((value) => `"${value}"`).join(' or ')}?`;
  return line;
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): ConfigProblem[] {
  const path = issue.path.map(String);
  const where = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const known = keysAt(configFile, path);
    return issue.keys.map((key) => ({ path: where === '' ? key : `${where}.${key}`, message: 'unknown key', suggestions: suggest(key, known) }));
  }
  const value = valueAt(input, path);
  if (issue.code === 'invalid_value') {
    return [{ path: where, message: 'not an allowed value', value, allowed: issue.values.map(String), suggestions: typeof value === 'string' ? suggest(value, issue.values.map(String)) : [] }];
  }
  if (issue.code === 'invalid_type' && value === undefined) return [{ path: where, message: `is required (${issue.expected})` }];
  return [{ path: where, message: issue.message, ...(value === undefined ? {} : { value }) }];
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  let node = input;
  for (const key of path) node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** The keys an object schema allows at `path` (records and optionals looked through). */
function keysAt(schema: z.ZodType, path: readonly string[]): string[] {
  let node: z.ZodType | undefined = schema;
  for (const key of path) {
    node = unwrap(node);
    if (node instanceof z.ZodObject) node = (node.shape as Record<string, z.ZodType>)[key];
    else if (node instanceof z.ZodRecord) node = node.valueType as z.ZodType;
    else return [];
  }
  node = unwrap(node);
  return node instanceof z.ZodObject ? Object.keys(node.shape) : [];
}

function unwrap(schema: z.ZodType | undefined): z.ZodType | undefined {
  let node = schema;
  while (node instanceof z.ZodOptional || node instanceof z.ZodDefault) node = node.unwrap() as z.ZodType;
  return node;
}
