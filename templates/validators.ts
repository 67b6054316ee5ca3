import type { GenerationPlan, PlannedTable } from '../src/generate/plan.js';

/**
 * The shape of `validators.ts`: one constant per table (insert, update and row schemas) or view
 * (row schema), built by the runtime from the table's descriptor and typed with the Kysely types
 * of db.ts. Declared types keep the user's compiler from inferring a zod type per column; CHECK
 * constraints the validators leave to the database are listed above their table.
 */
export function renderValidators(plan: GenerationPlan, header: string, runtimeModule: string): string {
  const hasTables = plan.tables.some((table) => !table.readOnly);
  const hasViews = plan.tables.some((table) => table.readOnly);
  const runtimeNames = [
    ...(hasTables ? ['tableValidators', 'type TableValidators'] : []),
    ...(hasViews ? ['viewValidators', 'type ViewValidators'] : []),
  ];
  const typeNames = plan.tables.flatMap((table) => (table.readOnly ? [table.rowType] : [table.insertType, table.updateType, table.rowType]));
  const out: string[] = [header, ''];
  if (plan.tables.length > 0) {
    out.push(`import { ${runtimeNames.join(', ')} } from ${JSON.stringify(runtimeModule)};`);
    out.push(`import type { ${typeNames.join(', ')} } from "./db.js";`);
    out.push(`import { ${plan.tables.map((table) => table.descriptorName).join(', ')} } from "./tables.js";`);
  }
  for (const table of plan.tables) {
    out.push('', ...comment(table), declaration(table));
  }
  return `${out.join('\n')}\n`;
}

function declaration(table: PlannedTable): string {
  return table.readOnly
    ? `export const ${table.validatorsName}: ViewValidators<${table.rowType}> = viewValidators(${table.descriptorName});`
    : `export const ${table.validatorsName}: TableValidators<${table.insertType}, ${table.updateType}, ${table.rowType}> = tableValidators(${table.descriptorName});`;
}

function comment(table: PlannedTable): string[] {
  if (table.untranslatedChecks.length === 0) return [];
  return [
    `/**`,
    ` * ${table.dbKey}: checked by the database only (these CHECKs do not translate safely):`,
    ...table.untranslatedChecks.map((check) => ` *   ${check.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')}`),
    ' */',
  ];
}
