import type { GenerationSettings } from '../config/schema.js';
import type { RenameMap } from '../diff/diff-table.js';
import type { ApiImpact } from '../diff/report.js';
import type { GenerationPlan, PlannedColumn, PlannedTable } from '../generate/plan.js';
import type { GeneratedFile } from '../generate/writer.js';
import type { Snapshot } from '../snapshot/version.js';
import { compareCodePoints } from '../util/code-point.js';
import { planGeneration, relationNames } from '../generate/plan.js';
import { renderPlan } from './generate.js';

/** One change to what the generated code offers, as a reviewer would read it; `breaking` when code written against the old API may stop compiling or working. */
type ApiChange = ApiImpact['changes'][number];

/**
 * What a schema change does to the generated API, found by planning the code for both schemas
 * with the project's settings and comparing the plans: repositories, id types, row, `New…` and
 * `…Update` members, required fields, enum values, and the files that would change. Confirmed
 * renames are applied, so a renamed table or column is compared with itself.
 */
export function apiImpact(from: Snapshot, to: Snapshot, settings: GenerationSettings = {}, renames: RenameMap = { tables: new Map(), columns: new Map() }): ApiImpact {
  const differing = differingRelations(from, to, settings);
  const before = planGeneration(from, settings, differing, 'ignore');
  const after = planGeneration(to, settings, differing);
  const changes: ApiChange[] = [];
  const current = new Map(after.tables.map((table) => [table.dbKey, table]));
  const seen = new Set<string>();
  for (const old of before.tables) {
    const table = renamedTo(old, after, renames.tables) ?? current.get(old.dbKey);
    if (table === undefined) {
      changes.push({ breaking: true, message: `\`${old.repository.className}\` removed (\`repositories.${old.repository.key}\`, types \`${old.rowType}\`${old.readOnly ? '' : `, \`${old.insertType}\`, \`${old.updateType}\``})` });
      continue;
    }
    seen.add(table.dbKey);
    compareTables(old, table, columnRenames(table, renames), changes);
  }
  for (const table of after.tables) {
    if (!seen.has(table.dbKey)) changes.push({ breaking: false, message: `\`${table.repository.className}\` added (\`repositories.${table.repository.key}\`)` });
  }
  compareEnums(before, after, changes);
  return { files: fileChanges(renderPlan(before, settings), renderPlan(after, settings)), changes };
}

/** Deep equality of JSON data (what snapshots hold): faster than comparing their JSON text, since it builds none. */
function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return false;
  const [x, y] = [a as Record<string, unknown>, b as Record<string, unknown>];
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  for (const key of keys) if (!(key in y) || !sameData(x[key], y[key])) return false;
  return true;
}

/**
 * The relations (`namespace.name`) whose generated code can differ: those whose definition or
 * names differ, or every one (undefined) when what all of them depend on differs: enums, domains,
 * namespaces, the server's capabilities. A table's plan and code follow from these alone, so the
 * others come out alike on both sides, and a 20-table change in a 2,000-table schema plans and
 * renders 20 tables, not 4,000.
 */
function differingRelations(from: Snapshot, to: Snapshot, settings: GenerationSettings): ReadonlySet<string> | undefined {
  const common = (snapshot: Snapshot): string => JSON.stringify([snapshot.dialect, snapshot.capabilities, snapshot.schema.namespaces, snapshot.schema.enums, snapshot.schema.domains]);
  if (common(from) !== common(to)) return undefined;
  const definitions = (snapshot: Snapshot): Map<string, unknown> => new Map([...snapshot.schema.tables, ...snapshot.schema.views].map((relation) => [`${relation.namespace}.${relation.name}`, relation]));
  const [oldDefinitions, newDefinitions] = [definitions(from), definitions(to)];
  const [oldNames, newNames] = [relationNames(from, settings), relationNames(to, settings)];
  const differing = new Set<string>();
  for (const key of new Set([...oldDefinitions.keys(), ...newDefinitions.keys()])) {
    const [was, now] = [oldNames.get(key), newNames.get(key)];
    const renamed = was?.interfaceName !== now?.interfaceName || was?.repositoryFile !== now?.repositoryFile || was?.repositoryKey !== now?.repositoryKey;
    if (renamed || !sameData(oldDefinitions.get(key), newDefinitions.get(key))) differing.add(key);
  }
  return differing;
}

/** The new plan's table a confirmed rename makes of `old`, if one does. */
function renamedTo(old: PlannedTable, after: GenerationPlan, renames: ReadonlyMap<string, string>): PlannedTable | undefined {
  for (const [from, to] of renames) {
    const [namespace, name] = splitQualified(from);
    if (name !== old.descriptor.name || (old.descriptor.schema !== null && old.descriptor.schema !== namespace)) continue;
    const [newNamespace, newName] = splitQualified(to);
    return after.tables.find((table) => table.descriptor.name === newName && (table.descriptor.schema === null || table.descriptor.schema === newNamespace));
  }
  return undefined;
}

/** Old column name → new one for a table of the new plan. */
function columnRenames(table: PlannedTable, renames: RenameMap): ReadonlyMap<string, string> {
  for (const [qualified, columns] of renames.columns) {
    const [namespace, name] = splitQualified(qualified);
    if (name === table.descriptor.name && (table.descriptor.schema === null || table.descriptor.schema === namespace)) return columns;
  }
  return new Map();
}

function splitQualified(qualified: string): [string, string] {
  const dot = qualified.indexOf('.');
  return [qualified.slice(0, dot), qualified.slice(dot + 1)];
}

function compareTables(old: PlannedTable, table: PlannedTable, renamed: ReadonlyMap<string, string>, out: ApiChange[]): void {
  const repository = table.repository.className;
  if (old.repository.className !== repository) out.push({ breaking: true, message: `\`${old.repository.className}\` is now \`${repository}\` (\`repositories.${old.repository.key}\` → \`repositories.${table.repository.key}\`)` });
  if (old.repository.kind === 'keyed' && table.repository.kind !== 'keyed') out.push({ breaking: true, message: `\`${repository}\` loses findById, update and delete by id (no primary key)` });
  else if (old.repository.kind !== 'keyed' && table.repository.kind === 'keyed') out.push({ breaking: false, message: `\`${repository}\` gains findById, update and delete by id` });
  else if (old.repository.idType !== table.repository.idType) out.push({ breaking: true, message: `\`${repository}.findById\` now takes \`${table.repository.idType}\` (was \`${old.repository.idType}\`)` });

  const columns = new Map(table.columns.map((column) => [column.name, column]));
  const oldNames = new Set(old.columns.map((column) => renamed.get(column.name) ?? column.name));
  for (const column of old.columns) {
    const now = columns.get(renamed.get(column.name) ?? column.name);
    if (now === undefined) out.push({ breaking: true, message: `\`${table.rowType}.${column.key}\` removed${old.readOnly ? '' : ` (and from \`${old.insertType}\`, \`${old.updateType}\`)`}` });
    else compareColumn(table, column, now, out);
  }
  for (const column of table.columns) {
    if (oldNames.has(column.name)) continue;
    if (column.insert !== null && !column.insert.optional) out.push({ breaking: true, message: `\`${repository}.create\` now requires \`${column.key}\` (\`${column.insert.type}\`)` });
    else out.push({ breaking: false, message: `\`${table.rowType}.${column.key}\` added (\`${column.select}\`)${column.insert === null ? '' : `, optional in \`${table.insertType}\``}` });
  }
}

function compareColumn(table: PlannedTable, old: PlannedColumn, now: PlannedColumn, out: ApiChange[]): void {
  const member = `\`${table.rowType}.${now.key}\``;
  if (old.key !== now.key) out.push({ breaking: true, message: `\`${table.rowType}.${old.key}\` is now ${member}` });
  if (old.select !== now.select) {
    const values = literalChanges(old.select, now.select);
    if (values !== null) {
      if (values.lost.length > 0) out.push({ breaking: true, message: `${member} loses ${plural('value', values.lost)} ${values.lost.join(', ')}` });
      if (values.gained.length > 0) out.push({ breaking: false, message: `${member} gains ${plural('value', values.gained)} ${values.gained.join(', ')}` });
    } else {
      // Losing `| null` only narrows what readers get; any other change can break readers or writers.
      const narrowed = old.select === `${now.select} | null`;
      out.push({ breaking: !narrowed, message: `${member} is now \`${now.select}\` (was \`${old.select}\`)` });
    }
  }
  if (old.insert !== null && now.insert !== null && old.insert.optional && !now.insert.optional) {
    out.push({ breaking: true, message: `\`${table.repository.className}.create\` now requires \`${now.key}\`` });
  } else if (old.insert !== null && now.insert !== null && !old.insert.optional && now.insert.optional) {
    out.push({ breaking: false, message: `\`${table.insertType}.${now.key}\` is now optional` });
  } else if (old.insert !== null && now.insert === null) {
    out.push({ breaking: true, message: `\`${table.insertType}.${now.key}\` removed: the database makes the value` });
  } else if (old.insert === null && now.insert !== null) {
    out.push({ breaking: !now.insert.optional, message: `\`${table.insertType}.${now.key}\` added${now.insert.optional ? ' (optional)' : ': create now requires it'}` });
  }
}

function compareEnums(before: GenerationPlan, after: GenerationPlan, out: ApiChange[]): void {
  const current = new Map(after.enums.map((item) => [item.typeName, item]));
  const old = new Set(before.enums.map((item) => item.typeName));
  for (const item of before.enums) {
    const now = current.get(item.typeName);
    if (now === undefined) {
      out.push({ breaking: true, message: `enum type \`${item.typeName}\` removed` });
      continue;
    }
    const lost = item.values.filter((value) => !now.values.includes(value));
    const gained = now.values.filter((value) => !item.values.includes(value));
    if (lost.length > 0) out.push({ breaking: true, message: `\`${item.typeName}\` loses ${plural('value', lost)} ${lost.map(quote).join(', ')}` });
    if (gained.length > 0) out.push({ breaking: false, message: `\`${item.typeName}\` gains ${plural('value', gained)} ${gained.map(quote).join(', ')}` });
  }
  for (const item of after.enums) if (!old.has(item.typeName)) out.push({ breaking: false, message: `enum type \`${item.typeName}\` added` });
}

/** For two unions of string literals (inline enums), the values one lost and gained; null otherwise. */
function literalChanges(from: string, to: string): { lost: string[]; gained: string[] } | null {
  const literals = (type: string): string[] | null => {
    const parts = type.split(' | ').filter((part) => part !== 'null');
    return parts.length > 0 && parts.every((part) => /^"(?:[^"\\]|\\.)*"$/.test(part)) ? parts : null;
  };
  const a = literals(from);
  const b = literals(to);
  if (a === null || b === null || from.includes('null') !== to.includes('null')) return null;
  return { lost: a.filter((value) => !b.includes(value)), gained: b.filter((value) => !a.includes(value)) };
}

function fileChanges(fromFiles: readonly GeneratedFile[], toFiles: readonly GeneratedFile[]): ApiImpact['files'] {
  const before = new Map(fromFiles.map((file) => [file.path, file.content]));
  const after = new Map(toFiles.map((file) => [file.path, file.content]));
  const sorted = (paths: string[]): string[] => paths.sort(compareCodePoints);
  return {
    added: sorted([...after.keys()].filter((path) => !before.has(path))),
    removed: sorted([...before.keys()].filter((path) => !after.has(path))),
    changed: sorted([...after.keys()].filter((path) => before.has(path) && before.get(path) !== after.get(path))),
  };
}

function plural(noun: string, items: readonly string[]): string {
  return items.length === 1 ? noun : `${noun}s`;
}

function quote(value: string): string {
  return `'${value}'`;
}
