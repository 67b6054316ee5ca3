import type { GenerationPlan, PlannedTable } from '../src/generate/plan.js';
import type { HelperName } from '../src/generate/type-tables.js';
import { propertyKey } from '../src/generate/naming.js';
import { isGeneratedId } from '../src/runtime/ids/generate-id.js';

/**
 * The shape of `db.ts`: the `DB` interface for `new Kysely<DB>()`, one interface per table and
 * view, enums as unions, as kysely-codegen lays them out, so switching needs no change to queries.
 * Then per table the `…Row`, `New…` and `…Update` interfaces: exactly Kysely's `Selectable`,
 * `Insertable` and `Updateable` of the table, written out, because resolving those mapped types
 * for every table was most of the compiler's time on generated code.
 */
export function renderDbTypes(plan: GenerationPlan, header: string): string {
  const out: string[] = [header, ''];
  out.push(`import type { ColumnType } from 'kysely';`);
  for (const [from, names] of plan.imports) out.push(`import type { ${names.join(', ')} } from ${JSON.stringify(from)};`);
  out.push('');
  out.push('/** Filled by the database when left out of an insert. */');
  out.push('export type Generated<T> = T extends ColumnType<infer S, infer I, infer U> ? ColumnType<S, I | undefined, U> : ColumnType<T, T | undefined, T>;');
  out.push('');
  out.push('/** Computed by the database (generated columns, identity ALWAYS, views): read-only. */');
  out.push('export type GeneratedAlways<T> = ColumnType<T extends ColumnType<infer S, unknown, unknown> ? S : T, never, never>;');
  for (const helper of plan.helpers) out.push('', ...HELPERS[helper]);
  for (const entry of plan.enums) {
    out.push('', `export type ${entry.typeName} = ${entry.values.length === 0 ? 'never' : entry.values.map((value) => JSON.stringify(value)).join(' | ')};`);
  }
  for (const table of plan.tables) {
    out.push('', `${table.readOnly ? '/** A view: read-only. */\n' : ''}export interface ${table.interfaceName} {`);
    for (const column of table.columns) out.push(`  ${column.key}: ${column.db};`);
    out.push('}');
  }
  out.push('', 'export interface DB {');
  for (const table of plan.tables) out.push(`  ${propertyKey(table.dbKey)}: ${table.interfaceName};`);
  out.push('}');
  for (const table of plan.tables) out.push('', ...rowInterfaces(table));
  return `${out.join('\n')}\n`;
}

/** `Selectable`, `Insertable` and `Updateable` of one table, written out. */
function rowInterfaces(table: PlannedTable): string[] {
  const out = [`/** A row of ${JSON.stringify(table.dbKey)} as selected: \`Selectable<${table.interfaceName}>\`. */`, `export interface ${table.rowType} {`];
  for (const column of table.columns) out.push(`  ${column.key}: ${column.select};`);
  out.push('}');
  if (table.readOnly) return out;
  const { id, primaryKey } = table.descriptor;
  const made = isGeneratedId(id.strategy) ? table.columns.find((column) => column.name === primaryKey[0]) : undefined;
  const about = made === undefined ? '' : ` with \`${made.name}\` optional: the repository makes a ${id.strategy} id when none is given`;
  out.push('', `/** A new row: \`Insertable<${table.interfaceName}>\`${about}. */`, `export interface ${table.insertType} {`);
  for (const column of table.columns) {
    if (column.insert !== null) out.push(`  ${column.key}${column.insert.optional ? '?' : ''}: ${column.insert.type};`);
  }
  out.push('}', '', `/** A change to a row: \`Updateable<${table.interfaceName}>\`. */`, `export interface ${table.updateType} {`);
  for (const column of table.columns) if (column.update !== null) out.push(`  ${column.key}?: ${column.update};`);
  out.push('}');
  return out;
}

const HELPERS: Readonly<Record<HelperName, readonly string[]>> = {
  Int8: ['/** A 64-bit integer, returned as a string so that no precision is lost. */', 'export type Int8 = ColumnType<string, bigint | number | string, bigint | number | string>;'],
  Interval: [
    '/** An interval as node-postgres parses it. */',
    'export interface Interval {',
    '  years?: number;',
    '  months?: number;',
    '  days?: number;',
    '  hours?: number;',
    '  minutes?: number;',
    '  seconds?: number;',
    '  milliseconds?: number;',
    '}',
  ],
  Json: [
    'export type JsonPrimitive = boolean | number | string | null;',
    'export type JsonArray = JsonValue[];',
    'export type JsonObject = { [key: string]: JsonValue | undefined };',
    'export type JsonValue = JsonArray | JsonObject | JsonPrimitive;',
    '/**',
    ' * Returned parsed; written as JSON text (`JSON.stringify(value)`): node-postgres would send a',
    ' * JavaScript array as a PostgreSQL array, and mysql2 cannot send an object at all.',
    ' */',
    'export type Json = ColumnType<JsonValue, string, string>;',
  ],
  Numeric: ['/** An exact decimal, returned as a string so that no precision is lost. */', 'export type Numeric = ColumnType<string, number | string, number | string>;'],
  Timestamp: ['/** Returned as a Date; accepts a Date or an ISO string. */', 'export type Timestamp = ColumnType<Date, Date | string, Date | string>;'],
};
