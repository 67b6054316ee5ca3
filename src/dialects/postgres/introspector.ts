import type {
  CheckConstraint,
  Column,
  Domain,
  EnumType,
  ForeignKey,
  Index,
  ReferentialAction,
  Schema,
  Table,
  TableTrait,
  UniqueConstraint,
  View,
} from '../../schema/model.js';
import { makeWarning, type Warning } from '../../schema/warnings.js';
import { groupBy } from '../../util/group-by.js';
import { DefaultReader } from '../default-reader.js';
import type { IntrospectionResult } from '../dialect.js';
import type { PostgresCatalog } from './catalog.js';
import { allowedValuesOf, classifyDefault, stripOuterParens } from './expressions.js';
import type { RawColumn, RawConstraint, RawIndex, RawRelation, RawRule } from './raw-types.js';
import { decodeTypmod } from './type-map.js';
import { TypeResolver } from './types.js';
import { ViewNullability } from './view-columns.js';

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  a: 'no_action',
  r: 'restrict',
  c: 'cascade',
  n: 'set_null',
  d: 'set_default',
};

/** Turns the raw catalog rows into the neutral model. Pure: no queries happen here. */
export function buildSchema(catalog: PostgresCatalog, namespaces: readonly string[]): IntrospectionResult {
  const warnings: Warning[] = [];
  const types = new TypeResolver(catalog.types);
  const columnsByRel = groupBy(catalog.columns, (row) => row.rel);
  const names = new AttributeNames(catalog.columns);
  const constraintsByRel = groupBy(
    catalog.constraints.map((raw) => names.resolveConstraint(raw)),
    (row) => row.raw.rel,
  );
  const indexesByRel = groupBy(catalog.indexes, (row) => row.rel);
  const rulesByRel = groupBy(catalog.rules, (row) => row.rel);
  const definitions = new Map(catalog.viewDefinitions.map((row) => [row.oid, row.definition.trim()]));
  const defaults = new DefaultReader(classifyDefault);
  const viewNullability = new ViewNullability(catalog.columns, catalog.viewDefinitions);

  const tables: Table[] = [];
  const views: View[] = [];
  for (const relation of catalog.relations) {
    const owner = `${relation.namespace}.${relation.name}`;
    const rawColumns = columnsByRel.get(relation.oid) ?? [];
    const constraints = constraintsByRel.get(relation.oid) ?? [];
    reportRules(relation, rulesByRel.get(relation.oid) ?? [], warnings);
    if (relation.kind === 'v' || relation.kind === 'm') {
      views.push({
        namespace: relation.namespace,
        name: relation.name,
        kind: relation.kind === 'v' ? 'view' : 'materialized_view',
        comment: relation.comment,
        definition: definitions.get(relation.oid) ?? null,
        columns: rawColumns.map((raw, position) => ({
          ...toColumn(raw, position, null, types, defaults, owner, warnings),
          nullable: !viewNullability.isNotNull(relation.oid, raw.num),
        })),
      });
      continue;
    }
    const checks = constraints.filter((c) => c.raw.type === 'c');
    tables.push({
      namespace: relation.namespace,
      name: relation.name,
      comment: relation.comment,
      columns: rawColumns.map((raw, position) => toColumn(raw, position, checks, types, defaults, owner, warnings)),
      primaryKey: primaryKeyOf(constraints),
      foreignKeys: constraints.filter((c) => c.raw.type === 'f').map(toForeignKey),
      uniqueConstraints: constraints.filter((c) => c.raw.type === 'u').map((c): UniqueConstraint => ({ name: c.raw.name, columns: c.columns })),
      indexes: (indexesByRel.get(relation.oid) ?? []).map((raw) => toIndex(raw, names)),
      checks: checks.map((c): CheckConstraint => ({ name: c.raw.name, expression: stripOuterParens(c.raw.expression ?? '') })),
      traits: traitsOf(relation),
    });
    for (const { raw: exclusion } of constraints.filter((c) => c.raw.type === 'x')) {
      warnings.push(
        makeWarning(
          'EXCLUSION_CONSTRAINT_NOT_MODELLED',
          `constraint ${owner}.${exclusion.name}`,
          `Exclusion constraint "${exclusion.name}" on ${owner} (${exclusion.expression ?? ''}) is not modelled; the database still enforces it.`,
        ),
      );
    }
  }

  const enums: EnumType[] = [];
  const domains: Domain[] = [];
  for (const type of catalog.types) {
    if (type.type === 'e') {
      enums.push({ namespace: type.namespace, name: type.name, values: type.labels ?? [], comment: type.comment });
    } else if (type.type === 'd') {
      domains.push({
        namespace: type.namespace,
        name: type.name,
        baseType: type.base_native ?? '',
        family: types.resolve(type.oid).family,
        nullable: !type.notnull,
        default: defaults.read(type.default),
        checks: (type.checks ?? []).map((c) => ({ name: c.name, expression: stripOuterParens(c.expression) })),
        comment: type.comment,
      });
    }
  }

  const schema: Schema = { namespaces: [...namespaces], tables, views, enums, domains };
  return { schema, warnings };
}

function toColumn(
  raw: RawColumn,
  position: number,
  checks: readonly Constraint[] | null,
  types: TypeResolver,
  defaults: DefaultReader,
  owner: string,
  warnings: Warning[],
): Column {
  const type = types.resolve(raw.type);
  if (type.problem !== null) {
    warnings.push(
      makeWarning(type.problem.code, `column ${owner}.${raw.name}`, `Column ${owner}.${raw.name} is typed as unknown: ${type.problem.reason}; its native type "${raw.native}" is kept.`),
    );
  }
  const modifiers = decodeTypmod(type.baseName, raw.typmod >= 0 ? raw.typmod : type.typmod);
  const generated = raw.generated === 's' || raw.generated === 'v';
  const identity =
    raw.identity === 'a'
      ? 'always'
      : raw.identity === 'd'
        ? 'by_default'
        : raw.default !== null && /^nextval\(/i.test(raw.default) && isInteger(type.family) && !type.isArray
          ? 'serial'
          : null;
  return {
    name: raw.name,
    // Dense positions: a dropped column leaves a gap in attnum that the schema should not show.
    ordinal: position + 1,
    nativeType: raw.native,
    family: type.family,
    affinity: null,
    nullable: !raw.notnull,
    default: generated ? null : defaults.read(raw.default),
    identity,
    generated: generated ? { expression: raw.default ?? '', storage: raw.generated === 's' ? 'stored' : 'virtual' } : null,
    enumRef: type.enumRef,
    domainRef: type.domainRef,
    allowedValues: allowedValues(raw.name, checks, type.domainRef === null ? null : types, raw.type),
    arrayDimensions: type.isArray ? Math.max(raw.dims, 1) : 0,
    length: modifiers.length,
    precision: modifiers.precision,
    scale: modifiers.scale,
    unsigned: false,
    collation: raw.collation,
    comment: raw.comment,
  };
}

function isInteger(family: string): boolean {
  return family === 'integer' || family === 'bigint' || family === 'smallint';
}

/** From a one-column `CHECK (col IN (…))` on the table, else from such a CHECK on its domain. */
function allowedValues(column: string, checks: readonly Constraint[] | null, types: TypeResolver | null, typeOid: number): string[] | null {
  for (const check of checks ?? []) {
    if (check.columns.length !== 1 || check.columns[0] !== column || check.raw.expression === null) continue;
    const values = allowedValuesOf(check.raw.expression, column);
    if (values !== null) return values;
  }
  for (let type = types?.get(typeOid); type !== undefined && type.type === 'd'; type = types?.get(type.base)) {
    for (const check of type.checks ?? []) {
      const values = allowedValuesOf(check.expression, 'VALUE');
      if (values !== null) return values;
    }
  }
  return null;
}

function primaryKeyOf(constraints: readonly Constraint[]): Table['primaryKey'] {
  const primary = constraints.find((c) => c.raw.type === 'p');
  return primary === undefined ? null : { name: primary.raw.name, columns: primary.columns };
}

function toForeignKey({ raw, columns, refColumns }: Constraint): ForeignKey {
  return {
    name: raw.name,
    columns,
    references: { namespace: raw.ref_namespace ?? '', table: raw.ref_table ?? '', columns: refColumns },
    onDelete: ACTIONS[raw.on_delete] ?? 'no_action',
    onUpdate: ACTIONS[raw.on_update] ?? 'no_action',
    deferrable: raw.deferrable,
    initiallyDeferred: raw.deferred,
  };
}

function toIndex(raw: RawIndex, names: AttributeNames): Index {
  const options = numbers(raw.options);
  return {
    name: raw.name,
    parts: numbers(raw.keys).slice(0, raw.key_count).map((attnum, k) => {
      const descending = ((options[k] ?? 0) & 1) === 1;
      if (attnum === 0) return { column: null, expression: raw.expressions?.[k] ?? '', descending, prefixLength: null };
      return { column: names.of(raw.rel, attnum), expression: null, descending, prefixLength: null };
    }),
    unique: raw.unique,
    predicate: raw.predicate,
    method: raw.method,
  };
}

/** A constraint with its key columns named. */
interface Constraint {
  readonly raw: RawConstraint;
  readonly columns: string[];
  readonly refColumns: string[];
}

/** Column names by relation and attribute number, from the columns query. */
class AttributeNames {
  private readonly byRel = new Map<number, Map<number, string>>();

  constructor(columns: readonly RawColumn[]) {
    for (const column of columns) {
      let names = this.byRel.get(column.rel);
      if (names === undefined) this.byRel.set(column.rel, (names = new Map()));
      names.set(column.num, column.name);
    }
  }

  of(rel: number, attnum: number): string {
    return this.byRel.get(rel)?.get(attnum) ?? `#${attnum}`;
  }

  resolveConstraint(raw: RawConstraint): Constraint {
    return {
      raw,
      columns: (raw.keys ?? []).map((num) => this.of(raw.rel, num)),
      refColumns: raw.ref_columns ?? (raw.ref_keys ?? []).map((num) => this.of(raw.ref_rel, num)),
    };
  }
}

function numbers(vector: string): number[] {
  return vector === '' ? [] : vector.split(' ').map(Number);
}

function traitsOf(relation: RawRelation): TableTrait[] {
  const traits: TableTrait[] = [];
  if (relation.kind === 'p') traits.push('partitioned');
  if (relation.kind === 'f') traits.push('foreign');
  if (relation.persistence === 'u') traits.push('unlogged');
  return traits;
}

function reportRules(relation: RawRelation, rules: readonly RawRule[], warnings: Warning[]): void {
  const owner = `${relation.namespace}.${relation.name}`;
  const policies = rules.filter((r) => r.kind === 'policy').map((r) => `"${r.name}"`);
  if (relation.rls || policies.length > 0) {
    const state = relation.rls ? 'Row-level security is enabled' : 'Row-level security policies exist but are not enabled';
    const list = policies.length > 0 ? ` (policies ${policies.join(', ')})` : ' (no policies: only the owner and superusers see rows)';
    warnings.push(
      makeWarning('ROW_LEVEL_SECURITY', `table ${owner}`, `${state} on ${owner}${list}; generated code does not know which rows the connecting role may see or change.`),
    );
  }
  for (const rule of rules) {
    if (rule.kind === 'trigger') {
      warnings.push(makeWarning('TRIGGER_NOT_MODELLED', `trigger ${owner}.${rule.name}`, `Trigger "${rule.name}" on ${owner} is not modelled; generated code does not know what it changes.`));
    } else if (rule.kind === 'rule') {
      warnings.push(makeWarning('RULE_NOT_MODELLED', `rule ${owner}.${rule.name}`, `Rule "${rule.name}" on ${owner} is not modelled; statements on it may be rewritten.`));
    }
  }
}
