import type { GenerationPlan } from '../src/generate/plan.js';
import type { ColumnComparison, ColumnDescriptor, IdDescriptor, IndexDescriptor, TableDescriptor } from '../src/runtime/table-descriptor.js';
import { propertyKey } from '../src/generate/naming.js';
import { RUNTIME_VERSION } from '../src/runtime/version.js';

/**
 * The shape of `tables.ts`: one descriptor constant per table and view, typed as the runtime's
 * `TableDescriptor` (an annotation, not `as const`: literal types of every descriptor would make
 * the user's compiler do several times the work, and the row types live in db.ts anyway), a
 * `tables` map keyed like `DB`, and the runtime version canary. One column per line keeps
 * diffs of schema changes small.
 */
export function renderTableDescriptors(plan: GenerationPlan, header: string, runtimeModule: string): string {
  const from = JSON.stringify(runtimeModule);
  const out: string[] = [header, '', `import type { TableDescriptor } from ${from};`];
  // The compiler reports a runtime of another version on the canary's import line, so the line
  // above it is what a user reads next to the error.
  const canary = `CrudgenRuntimeV${RUNTIME_VERSION}`;
  out.push(`// Generated for crudgen runtime version ${RUNTIME_VERSION}. If the next line fails to compile, the installed crudgen has another version: run \`crudgen generate\` with it.`);
  out.push(`import type { ${canary} } from ${from};`, '', `export type RuntimeVersion = ${canary};`);
  for (const { descriptorName, descriptor } of plan.tables) {
    out.push('', `export const ${descriptorName}: TableDescriptor = {`);
    out.push(...fields(descriptor));
    out.push('};');
  }
  out.push('', 'export const tables = {');
  for (const table of plan.tables) out.push(`  ${propertyKey(table.dbKey)}: ${table.descriptorName},`);
  out.push('};');
  return `${out.join('\n')}\n`;
}

const text = (value: unknown): string => JSON.stringify(value);

function fields(table: TableDescriptor): string[] {
  return [
    `  name: ${text(table.name)},`,
    `  schema: ${text(table.schema)},`,
    `  key: ${text(table.key)},`,
    `  kind: ${text(table.kind)},`,
    '  columns: [',
    ...table.columns.map((column) => `    ${columnLine(column)},`),
    '  ],',
    `  primaryKey: ${text(table.primaryKey)},`,
    `  id: ${idLine(table.id)},`,
    `  uniqueKeys: ${text(table.uniqueKeys)},`,
    table.indexes.length === 0 ? '  indexes: [],' : '  indexes: [',
    ...(table.indexes.length === 0 ? [] : [...table.indexes.map((index) => `    ${indexLine(index)},`), '  ],']),
    `  versionColumn: ${text(table.versionColumn)},`,
    `  softDeleteColumn: ${text(table.softDeleteColumn)},`,
    ...(table.comparisons === undefined ? [] : ['  comparisons: [', ...table.comparisons.map((c) => `    ${comparisonLine(c)},`), '  ],']),
  ];
}

function columnLine(column: ColumnDescriptor): string {
  const parts = [
    `name: ${text(column.name)}`,
    `property: ${text(column.property)}`,
    `family: ${text(column.family)}`,
    `nativeType: ${text(column.nativeType)}`,
    `nullable: ${column.nullable}`,
    `value: ${text(column.value)}`,
    `insert: ${text(column.insert)}`,
    `update: ${column.update}`,
  ];
  // The optional facts, in the order the descriptor type declares them.
  const optional: ReadonlyArray<keyof ColumnDescriptor> = ['arrayDimensions', 'length', 'precision', 'scale', 'allowedValues', 'min', 'minExclusive', 'max', 'maxExclusive', 'minLength'];
  for (const key of optional) if (column[key] !== undefined) parts.push(`${key}: ${text(column[key])}`);
  return `{ ${parts.join(', ')} }`;
}

function idLine(id: IdDescriptor): string {
  const parts = [`strategy: ${text(id.strategy)}`];
  if (id.bytes === true) parts.push('bytes: true');
  if (id.fallback !== undefined) parts.push(`fallback: ${text(id.fallback)}`);
  return `{ ${parts.join(', ')} }`;
}

function comparisonLine(comparison: ColumnComparison): string {
  return `{ left: ${text(comparison.left)}, operator: ${text(comparison.operator)}, right: ${text(comparison.right)} }`;
}

function indexLine(index: IndexDescriptor): string {
  return `{ name: ${text(index.name)}, columns: ${text(index.columns)}, unique: ${index.unique}, partial: ${index.partial} }`;
}
