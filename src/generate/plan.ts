import type { ConfigSettings, GenerationSettings } from '../config/schema.js';
import { formatProblem, type ConfigProblem } from '../config/validate.js';
import { ConfigError } from '../runtime/errors/classes.js';
import { isGeneratedId } from '../runtime/ids/generate-id.js';
import { softDeleteMarker } from '../runtime/repository/soft-delete.js';
import type { ColumnDescriptor, IdDescriptor, TableDescriptor, ValueKind } from '../runtime/table-descriptor.js';
import type { Column, Table, View } from '../schema/model.js';
import type { Snapshot } from '../snapshot/version.js';
import { compareCodePoints } from '../util/code-point.js';
import { arrayParts, columnTypes, type ColumnTypes } from './column-types.js';
import { planId } from './id-strategy.js';
import { camelCase, distinctFileNames, kebabCase, pascalCase, propertyKey, singular, uniqueNames } from './naming.js';
import { DEFAULT_NAMESPACE, HELPER_NAMES, TYPE_TABLES, type HelperName } from './type-tables.js';
import { validationRules, valueKindOf, type TableRules } from './validation-rules.js';

/**
 * The generation plan: every decision about names and types, made once, before any text is
 * rendered. Templates only print what the plan says.
 */
export interface GenerationPlan {
  readonly dialect: Snapshot['dialect'];
  readonly enums: readonly PlannedEnum[];
  readonly tables: readonly PlannedTable[];
  /** Helper types the tables use, in a fixed order. */
  readonly helpers: readonly HelperName[];
  /** Custom type imports from the config, by module. */
  readonly imports: ReadonlyMap<string, readonly string[]>;
  /** Names that had to change to stay distinct, for the report. */
  readonly renamed: readonly string[];
  /** The configuration's `runtime` section, keys sorted: the generated `databaseDefaults`. */
  readonly databaseDefaults: Readonly<Record<string, unknown>>;
  /** Each environment overlay's `runtime` part, names and keys sorted: `databaseDefaultsByEnvironment`. */
  readonly databaseDefaultsByEnvironment: Readonly<Record<string, unknown>>;
}

export interface PlannedEnum {
  readonly typeName: string;
  readonly values: readonly string[];
}

export interface PlannedColumn extends ColumnTypes {
  readonly name: string;
  /** The key in the table interface. */
  readonly key: string;
}

export interface PlannedTable {
  /** The key in `DB`: the table name, qualified with its schema outside the default one. */
  readonly dbKey: string;
  /** The names of the exported descriptor and validators constants. */
  readonly descriptorName: string;
  readonly validatorsName: string;
  readonly descriptor: TableDescriptor;
  readonly interfaceName: string;
  readonly rowType: string;
  readonly insertType: string;
  readonly updateType: string;
  readonly readOnly: boolean;
  readonly columns: readonly PlannedColumn[];
  /** CHECK constraints the validators leave to the database. */
  readonly untranslatedChecks: readonly string[];
  readonly repository: PlannedRepository;
}

export interface PlannedRepository {
  readonly className: string;
  /** Path inside the output folder, e.g. `repositories/order-line.ts`. */
  readonly file: string;
  /** Its key in the object `createRepositories` returns. */
  readonly key: string;
  /** `view` (reads), `keyless` (writes without by-id methods) or `keyed`. */
  readonly kind: 'keyed' | 'keyless' | 'view';
  /** The type `findById` takes: the key column's value, or an object of the key columns. */
  readonly idType: string | null;
}

type Source = { readonly relation: Table | View; readonly readOnly: boolean };
type TableSettings = NonNullable<ConfigSettings['tables']>[string];

// Compiled once: a schema of 2,000 tables has some 20,000 columns to test.
const HELPER_PATTERNS = HELPER_NAMES.map((helper) => [helper, new RegExp(`\\b${helper}\\b`)] as const);

// Names the generated file declares itself; tables must not take them.
const RESERVED_TYPE_NAMES = [
  'DB',
  'Generated',
  'GeneratedAlways',
  'JsonArray',
  'JsonObject',
  'JsonPrimitive',
  'JsonValue',
  'Repositories',
  'RuntimeVersion',
  ...HELPER_NAMES,
];

/** The names a table's interface name brings with it into the generated modules. */
function derivedNames(name: string): string[] {
  return [`${name}Row`, `New${name}`, `${name}Update`, `${name}Repository`];
}

/** The names a relation's code gets: decided over the whole schema, so that they stay distinct. */
export interface RelationNames {
  readonly interfaceName: string;
  readonly repositoryFile: string;
  readonly repositoryKey: string;
}

/** Every relation's names, by `namespace.name`: what a change elsewhere in the schema can move. */
export function relationNames(snapshot: Snapshot, settings: GenerationSettings = {}): ReadonlyMap<string, RelationNames> {
  const { sources, names } = nameRelations(snapshot, settings);
  return new Map(sources.map(({ relation }, index) => [`${relation.namespace}.${relation.name}`, names[index] as RelationNames]));
}

type Naming = ReturnType<typeof nameSchema>;

// Comparing two schemas names each one twice (relationNames, then planGeneration): once is enough.
const namings = new WeakMap<Snapshot, { readonly settings: GenerationSettings; readonly naming: Naming }>();

function nameRelations(snapshot: Snapshot, settings: GenerationSettings): Naming {
  const cached = namings.get(snapshot);
  if (cached?.settings === settings) return cached.naming;
  const naming = nameSchema(snapshot, settings);
  namings.set(snapshot, { settings, naming });
  return naming;
}

function nameSchema(snapshot: Snapshot, settings: GenerationSettings) {
  const defaultNamespace = DEFAULT_NAMESPACE[snapshot.dialect] ?? (snapshot.schema.namespaces.length === 1 ? snapshot.schema.namespaces[0] : null);
  const qualified = (namespace: string, name: string): string => (namespace === defaultNamespace ? name : `${namespace}.${name}`);
  const renamed: string[] = [];

  const enumNames = uniqueNames(
    snapshot.schema.enums.map((e) => pascalCase(e.namespace === defaultNamespace ? e.name : `${e.namespace}_${e.name}`)),
    RESERVED_TYPE_NAMES,
  );
  const enumTypeOf = new Map(snapshot.schema.enums.map((e, index) => [`${e.namespace}.${e.name}`, enumNames.names[index] as string]));
  const enumValuesOf = new Map(snapshot.schema.enums.map((e) => [`${e.namespace}.${e.name}`, e.values]));
  const enums = snapshot.schema.enums.map((e, index) => ({ typeName: enumNames.names[index] as string, values: e.values }));

  const sources: Source[] = [
    ...snapshot.schema.tables.map((relation) => ({ relation, readOnly: false })),
    ...snapshot.schema.views.map((relation) => ({ relation, readOnly: true })),
  ].sort((a, b) => compareCodePoints(qualified(a.relation.namespace, a.relation.name), qualified(b.relation.namespace, b.relation.name)));
  const singularNames = settings.naming?.singularClassNames === true;
  const interfaceNames = uniqueNames(
    sources.map(({ relation }) => pascalCase(qualified(relation.namespace, singularNames ? singular(relation.name) : relation.name).replace('.', '_'))),
    [...RESERVED_TYPE_NAMES, ...enumNames.names],
    derivedNames,
  );
  for (const [from, to] of [...enumNames.collisions, ...interfaceNames.collisions]) renamed.push(`type ${from} → ${to}`);

  const repositoryFiles = distinctFileNames(interfaceNames.names.map(kebabCase));
  // `createRepositories` returns the repositories beside its own `transaction()`.
  const repositoryKeys = uniqueNames(interfaceNames.names.map(lowerFirst), ['transaction']);
  for (const [from, to] of repositoryKeys.collisions) renamed.push(`repository ${from} → ${to}`);
  const names = sources.map(
    (_, index): RelationNames => ({
      interfaceName: interfaceNames.names[index] as string,
      repositoryFile: repositoryFiles[index] as string,
      repositoryKey: repositoryKeys.names[index] as string,
    }),
  );
  return { defaultNamespace, qualified, renamed: renamed as readonly string[], enumTypeOf, enumValuesOf, enums, sources, names };
}

/**
 * Plans the generated code for a snapshot. With `only` (`namespace.name` keys), just those
 * relations are planned, under the names the whole schema gives them: what comparing two schemas
 * needs when most tables are the same on both sides. `configProblems: 'ignore'` plans past id
 * strategies and soft-delete columns the schema cannot serve: the old side of a comparison, which
 * the configuration was not written for (it may name a column the change adds).
 */
export function planGeneration(snapshot: Snapshot, settings: GenerationSettings = {}, only?: ReadonlySet<string>, configProblems: 'ignore' | 'throw' = 'throw'): GenerationPlan {
  const dialect = snapshot.dialect;
  const types = TYPE_TABLES[dialect];
  const naming = nameRelations(snapshot, settings);
  const { defaultNamespace, qualified, enumTypeOf, enumValuesOf, enums, sources, names } = naming;
  const renamed = [...naming.renamed];
  const helpers = new Set<HelperName>();
  const imports = new Map<string, Set<string>>();
  const problems: ConfigProblem[] = [];
  const softDeleteProblems: ConfigProblem[] = [];
  const chosen = sources.flatMap((source, index) => (only === undefined || only.has(`${source.relation.namespace}.${source.relation.name}`) ? [{ ...source, index }] : []));
  const tables = chosen.map(({ relation, readOnly, index }): PlannedTable => {
    const dbKey = qualified(relation.namespace, relation.name);
    const tableSettings = settings.tables?.[dbKey] ?? settings.tables?.[`${relation.namespace}.${relation.name}`];
    const excluded = new Set(tableSettings?.excludeColumns ?? []);
    const kept = relation.columns.filter((column) => !excluded.has(column.name));
    const primaryKey = 'primaryKey' in relation ? (relation.primaryKey?.columns ?? []) : [];
    const planned = planId(dbKey, primaryKey.map((name) => relation.columns.find((column) => column.name === name) as Column), tableSettings?.idStrategy);
    if ('path' in planned) problems.push(planned);
    const softDelete = softDeleteProblem(dbKey, relation.columns, excluded, tableSettings?.softDeleteColumn, snapshot.capabilities.temporalTypes);
    if (softDelete !== null) softDeleteProblems.push(softDelete);
    const id: IdDescriptor = 'path' in planned ? { strategy: 'caller' } : planned;
    // A key the runtime makes is optional to the caller, whatever the column says.
    const madeByRuntime = (column: Column): boolean => isGeneratedId(id.strategy) && column.name === primaryKey[0];
    const insertRuleOf = (column: Column) => (madeByRuntime(column) ? 'optional' : insertRule(column, readOnly));
    const keys = propertyNames(kept, settings.naming?.properties === 'camelCase');
    if (keys.fellBack) renamed.push(`properties of ${dbKey} keep the database's spelling: camelCase would give two columns the same name`);
    const { interfaceName, repositoryFile, repositoryKey } = names[index] as RelationNames;
    const overrides = kept.map((column) => tableSettings?.columns?.[column.name] ?? settings.types?.[column.nativeType]);
    const bases = kept.map((column, position) => overrides[position]?.type ?? valueType(column, types, enumTypeOf));
    const values = kept.map((column, position) => {
      const { element, dimensions } = arrayParts(bases[position] as string);
      return valueKindOf(column, element, dimensions > 0, overrides[position]?.type !== undefined);
    });
    const rules = validationRules(relation, kept, snapshot.capabilities, snapshot.schema.domains);
    const allowed = kept.map((column) => column.allowedValues ?? (column.enumRef === null ? null : (enumValuesOf.get(`${column.enumRef.namespace}.${column.enumRef.name}`) ?? null)));
    const schema = relation.namespace === defaultNamespace ? null : relation.namespace;
    const columns = kept.map((column, position): PlannedColumn => {
      const override = overrides[position];
      if (override?.import !== undefined) {
        const names = imports.get(override.import.from) ?? new Set<string>();
        names.add(override.import.name);
        imports.set(override.import.from, names);
      }
      const base = bases[position] as string;
      for (const [helper, pattern] of HELPER_PATTERNS) if (pattern.test(base)) helpers.add(helper);
      const types = columnTypes(column, base, insertRule(column, readOnly), override?.type !== undefined, madeByRuntime(column));
      return { name: column.name, key: propertyKey(keys.names[position] as string), ...types };
    });
    const descriptor = describe(relation, schema, dbKey, readOnly, kept, { properties: keys.names, values, allowed, rules, id, insertRuleOf }, tableSettings);
    return {
      dbKey,
      descriptorName: `${lowerFirst(interfaceName)}Table`,
      validatorsName: `${lowerFirst(interfaceName)}Validators`,
      descriptor,
      interfaceName,
      rowType: `${interfaceName}Row`,
      insertType: `New${interfaceName}`,
      updateType: `${interfaceName}Update`,
      readOnly,
      untranslatedChecks: rules.untranslated,
      columns,
      repository: {
        className: `${interfaceName}Repository`,
        file: `repositories/${repositoryFile}.ts`,
        key: repositoryKey,
        kind: readOnly ? 'view' : descriptor.primaryKey.length === 0 ? 'keyless' : 'keyed',
        idType: idTypeOf(descriptor.primaryKey, columns),
      },
    };
  });

  if (configProblems === 'throw') {
    refuse('id strategies', problems, 'Set each idStrategy to one of the strategies listed for it, or remove it to let crudgen decide from the column.');
    refuse('soft-delete columns', softDeleteProblems, 'Name a timestamp or date column that allows NULL, or a boolean or integer column.');
  }
  return {
    dialect,
    enums,
    tables,
    helpers: HELPER_NAMES.filter((helper) => helpers.has(helper)),
    imports: new Map([...imports].sort(([a], [b]) => compareCodePoints(a, b)).map(([from, names]) => [from, [...names].sort(compareCodePoints)])),
    renamed,
    databaseDefaults: sortedKeys(settings.runtime ?? {}) as Record<string, unknown>,
    databaseDefaultsByEnvironment: sortedKeys(settings.runtimeByEnvironment ?? {}) as Record<string, unknown>,
  };
}

function refuse(what: string, problems: readonly ConfigProblem[], hint: string): void {
  if (problems.length === 0) return;
  throw new ConfigError(`The ${what} in the configuration cannot work for ${problems.length === 1 ? 'one table' : `${problems.length} tables`}:\n${problems.map((problem) => `  - ${formatProblem(problem)}`).join('\n')}`, {
    details: { problems },
    hint,
  });
}

/**
 * Why a configured soft-delete column cannot mark rows, or null. Reads and writes must agree on
 * what "deleted" is (see soft-delete.ts); a time column that cannot be NULL would hide every row.
 * Without temporal types (SQLite, where a STRICT table cannot even declare DATETIME) times are
 * text, so a text column holds the time of deletion; elsewhere text is refused.
 */
function softDeleteProblem(table: string, columns: readonly Column[], excluded: ReadonlySet<string>, name: string | undefined, temporalTypes: boolean): ConfigProblem | null {
  if (name === undefined) return null;
  const path = `tables.${table}.softDeleteColumn`;
  const column = columns.find((candidate) => candidate.name === name);
  if (column === undefined) return { path, message: `table "${table}" has no column "${name}"`, value: name };
  if (excluded.has(name)) return { path, message: `column "${name}" is in excludeColumns, so the repository could not read or set it` };
  const textTime = !temporalTypes && column.family === 'text' && column.arrayDimensions === 0;
  const marker = softDeleteMarker(column) ?? (textTime ? 'time' : null);
  if (marker === null) {
    const times = !temporalTypes ? 'a timestamp, date or text column' : 'a timestamp or date column';
    return { path, message: `column "${name}" is ${column.nativeType}; a soft-delete column must be ${times} (NULL while the row lives), a boolean or an integer` };
  }
  if (marker === 'time' && !column.nullable) {
    return { path, message: `column "${name}" is ${column.nativeType} NOT NULL; a timestamp soft-delete column must allow NULL, which marks the rows that live` };
  }
  return null;
}

/** Objects with their keys in code-point order, so the generated text does not follow the config file's order. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort(compareCodePoints)
      .map((key) => [key, sortedKeys((value as Record<string, unknown>)[key])]),
  );
}

/** What findById takes: the key column's written value, or an object of the key columns. */
function idTypeOf(primaryKey: readonly string[], columns: readonly PlannedColumn[]): string | null {
  const keyColumns = primaryKey.map((name) => columns.find((column) => column.name === name));
  if (keyColumns.length === 0 || keyColumns.some((column) => column === undefined)) return null;
  if (keyColumns.length === 1) return (keyColumns[0] as PlannedColumn).write;
  return `{ ${(keyColumns as PlannedColumn[]).map((column) => `readonly ${column.key}: ${column.write}`).join('; ')} }`;
}

function lowerFirst(name: string): string {
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
}

// What Kysely's CamelCasePlugin turns back into the same column name: lower snake_case.
const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;

/**
 * Property names: the column names, or with `camelCase` their camelCase form where Kysely's
 * CamelCasePlugin maps it back to the same column. When two columns would meet in one name the
 * whole table keeps the database's spelling: a renamed property would query the wrong column.
 */
function propertyNames(columns: readonly Column[], camel: boolean): { names: string[]; fellBack: boolean } {
  const original = columns.map((column) => column.name);
  if (!camel) return { names: original, fellBack: false };
  const names = original.map((name) => (SNAKE_CASE.test(name) ? camelCase(name) : name));
  return new Set(names).size === names.length ? { names, fellBack: false } : { names: original, fellBack: true };
}

/** The type of a value as the driver returns it, before nullability and insert rules. */
function valueType(column: Column, types: Readonly<Record<string, string>>, enumTypeOf: ReadonlyMap<string, string>): string {
  let base: string;
  const enumType = column.enumRef === null ? undefined : enumTypeOf.get(`${column.enumRef.namespace}.${column.enumRef.name}`);
  if (enumType !== undefined) base = enumType;
  else if (column.allowedValues !== null && column.family !== 'set' && column.allowedValues.length > 0 && isTextual(types[column.family])) {
    base = column.allowedValues.map((value) => JSON.stringify(value)).join(' | ');
  } else base = types[column.family] ?? 'unknown';
  if (column.arrayDimensions === 0) return base;
  // node-postgres parses arrays of built-in types, but an array of an enum arrives as the text "{a,b}".
  if (enumType !== undefined) return 'string';
  const element = base.includes('|') ? `(${base})` : base;
  return element + '[]'.repeat(column.arrayDimensions);
}

function isTextual(type: string | undefined): boolean {
  return type === 'string';
}

/**
 * The insert rule: a column the database fills (a default, an identity, a sequence, a rowid) is
 * optional; one it computes (a generated column, identity ALWAYS) or any view column cannot be
 * written at all.
 */
function insertRule(column: Column, readOnly: boolean): ColumnDescriptor['insert'] {
  if (readOnly || column.generated !== null || column.identity === 'always') return 'never';
  if (column.default !== null || column.identity !== null) return 'optional';
  return 'required';
}

function describe(
  relation: Table | View,
  schema: string | null,
  key: string,
  readOnly: boolean,
  columns: readonly Column[],
  derived: {
    readonly properties: readonly string[];
    readonly values: readonly ValueKind[];
    /** CHECK-enum, SET or enum values. */
    readonly allowed: readonly (readonly string[] | null)[];
    readonly rules: TableRules;
    readonly id: IdDescriptor;
    readonly insertRuleOf: (column: Column) => ColumnDescriptor['insert'];
  },
  settings: TableSettings | undefined,
): TableDescriptor {
  const table = 'primaryKey' in relation ? relation : null;
  const primaryKey = table?.primaryKey?.columns ?? [];
  const described = columns.map((column, position): ColumnDescriptor => ({
    name: column.name,
    property: derived.properties[position] as string,
    family: column.family,
    nativeType: column.nativeType,
    nullable: column.nullable,
    value: derived.values[position] as ValueKind,
    insert: derived.insertRuleOf(column),
    update: insertRule(column, readOnly) !== 'never',
    ...(column.arrayDimensions > 0 ? { arrayDimensions: column.arrayDimensions } : {}),
    ...(derived.allowed[position] == null ? {} : { allowedValues: derived.allowed[position] }),
    ...derived.rules.columns.get(column.name),
  }));
  return {
    name: relation.name,
    schema,
    key,
    kind: readOnly ? 'view' : 'table',
    columns: described,
    primaryKey,
    id: derived.id,
    uniqueKeys: (table?.uniqueConstraints ?? []).map((unique) => unique.columns),
    indexes: (table?.indexes ?? []).map((index) => ({
      name: index.name,
      columns: index.parts.map((part) => part.column),
      unique: index.unique,
      partial: index.predicate !== null,
    })),
    versionColumn: readOnly ? null : (settings?.versionColumn ?? conventionalVersionColumn(columns)),
    softDeleteColumn: settings?.softDeleteColumn ?? null,
    ...(derived.rules.comparisons.length > 0 ? { comparisons: derived.rules.comparisons } : {}),
  };
}

const VERSION_NAMES = ['version', 'lock_version'];
const VERSION_FAMILIES: ReadonlySet<string> = new Set(['smallint', 'integer', 'bigint']);

/** Without a configured one, an integer column named `version` or `lock_version` is the table's version. */
function conventionalVersionColumn(columns: readonly Column[]): string | null {
  const found = columns.find((column) => VERSION_NAMES.includes(column.name) && VERSION_FAMILIES.has(column.family) && column.arrayDimensions === 0 && column.generated === null);
  return found?.name ?? null;
}
