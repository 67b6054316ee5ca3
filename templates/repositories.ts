import { propertyKey } from '../src/generate/naming.js';
import type { GenerationPlan, PlannedTable } from '../src/generate/plan.js';

/**
 * The shape of `repositories/<table>.ts`: one class per table or view over the runtime's
 * repository base, typed with db.ts, wired to its descriptor and validators. All behaviour lives
 * in the runtime; the class only names its types.
 */
export function renderRepository(table: PlannedTable, header: string, runtimeModule: string): string {
  const { repository } = table;
  const runtime = JSON.stringify(nested(runtimeModule));
  const out = [header, ''];
  if (repository.kind === 'view') {
    out.push(`import { ReadRepository, type RepositoryOptions, type RepositorySource } from ${runtime};`);
    out.push(`import type { DB, ${table.rowType} } from "../db.js";`);
    out.push(`import { ${table.descriptorName} } from "../tables.js";`, '');
    out.push(`/** Reads of the view ${JSON.stringify(table.dbKey)}. */`);
    out.push(`export class ${repository.className} extends ReadRepository<DB, ${JSON.stringify(table.dbKey)}, ${table.rowType}> {`);
    out.push('  constructor(source: RepositorySource<DB>, options: RepositoryOptions = {}) {', `    super(source, ${table.descriptorName}, options);`, '  }', '}');
    return `${out.join('\n')}\n`;
  }
  const keyed = repository.kind === 'keyed';
  const base = keyed ? 'TableRepository' : 'WriteRepository';
  const types = [table.rowType, table.insertType, table.updateType];
  out.push(`import { ${base}, type RepositoryOptions, type RepositorySource } from ${runtime};`);
  out.push(`import type { DB, ${types.join(', ')} } from "../db.js";`);
  out.push(`import { ${table.descriptorName} } from "../tables.js";`);
  out.push(`import { ${table.validatorsName} } from "../validators.js";`, '');
  out.push(keyed ? `/** Reads and writes of ${JSON.stringify(table.dbKey)}, by id (${table.descriptor.primaryKey.join(', ')}) and by filter. */` : `/** Reads and writes of ${JSON.stringify(table.dbKey)}; it has no primary key, so nothing goes by id. */`);
  const generics = [`DB`, JSON.stringify(table.dbKey), ...types, ...(keyed ? [repository.idType as string] : [])];
  out.push(`export class ${repository.className} extends ${base}<${generics.join(', ')}> {`);
  out.push('  constructor(source: RepositorySource<DB>, options: RepositoryOptions = {}) {');
  out.push(`    super(source, ${table.descriptorName}, ${table.validatorsName}, options);`, '  }', '}');
  return `${out.join('\n')}\n`;
}

/**
 * The shape of `index.ts`: everything generated, re-exported, and `createRepositories`, which
 * builds every repository over one database (or transaction).
 */
export function renderIndex(plan: GenerationPlan, header: string, runtimeModule: string): string {
  const out = [header, ''];
  out.push(`import { createDatabase, defaultsForEnvironment, repositoriesOver, repositoryOptions, withDefaults, type Database, type DatabaseDefaults, type DatabaseOptions, type RepositoriesOptions, type RepositorySource, type Transactional } from ${JSON.stringify(runtimeModule)};`);
  out.push(`import type { DB } from "./db.js";`);
  for (const table of plan.tables) out.push(`import { ${table.repository.className} } from ${JSON.stringify(`./${table.repository.file.replace(/\.ts$/, '.js')}`)};`);
  out.push('', 'export * from "./db.js";', 'export * from "./tables.js";', 'export * from "./validators.js";');
  if (plan.tables.length > 0) out.push(`export { ${plan.tables.map((table) => table.repository.className).join(', ')} };`);
  out.push('', '/** One repository per table and view, and `transaction()` binding them all to one transaction. */', 'export interface Repositories extends Transactional<Repositories> {');
  for (const table of plan.tables) out.push(`  readonly ${table.repository.key}: ${table.repository.className};`);
  out.push('}', '');
  out.push('/**');
  out.push(' * Every repository over one database from `createDatabase` (or one bound to a transaction).');
  const example = plan.tables[0]?.repository.key ?? 'name';
  out.push(` * \`options\` apply to all, \`options.repositories\` to single ones: \`{ repositories: { ${example}: { validate: false } } }\`.`);
  out.push(' */');
  out.push('export function createRepositories(source: RepositorySource<DB>, options: RepositoriesOptions<Repositories> = {}): Repositories {');
  out.push('  return repositoriesOver<Repositories, DB>(source, {');
  for (const table of plan.tables) {
    out.push(`    ${table.repository.key}: new ${table.repository.className}(source, repositoryOptions(options, ${JSON.stringify(table.repository.key)})),`);
  }
  out.push('  }, options);', '}', '');
  out.push('/** The configuration\'s `runtime` section when this code was generated: what `connect` starts from. */');
  out.push(`export const databaseDefaults: DatabaseDefaults = ${literal(plan.databaseDefaults)};`, '');
  out.push('/** The `runtime` part of each `env` overlay of the configuration; `connect` applies the one CRUDGEN_ENV, else NODE_ENV, names. */');
  out.push(`export const databaseDefaultsByEnvironment: Readonly<Record<string, DatabaseDefaults>> = ${literal(plan.databaseDefaultsByEnvironment)};`, '');
  out.push('/**');
  out.push(' * A database over these tables: `databaseDefaults`, then the overlay of the environment the');
  out.push(' * process runs in, then `options`, which win (objects such as `monitoring` merge key by key).');
  out.push(' */');
  out.push(
    'export function connect(options: DatabaseOptions): Database<DB> {',
    '  return createDatabase<DB>(withDefaults(defaultsForEnvironment(databaseDefaults, databaseDefaultsByEnvironment), options));',
    '}',
  );
  return `${out.join('\n')}\n`;
}

/** A JSON value as a TypeScript literal on one line: identifiers unquoted, as a person writes it. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value !== 'object' || value === null) return JSON.stringify(value);
  const entries = Object.entries(value).map(([key, item]) => `${propertyKey(key)}: ${literal(item)}`);
  return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
}

/** The runtime's module as seen from the repositories/ folder: a relative copy is one level up. */
function nested(runtimeModule: string): string {
  return runtimeModule.startsWith('./') ? `../${runtimeModule.slice(2)}` : runtimeModule;
}
