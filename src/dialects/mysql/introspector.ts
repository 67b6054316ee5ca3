import type { ForeignKey, Index, Table, TableTrait, UniqueConstraint, View } from '../../schema/model.js';
import { makeWarning, type Warning } from '../../schema/warnings.js';
import { groupBy } from '../../util/group-by.js';
import type { IntrospectionResult } from '../dialect.js';
import { SQL_REFERENTIAL_ACTIONS } from '../referential-actions.js';
import type { Flavour } from './capabilities.js';
import type { MysqlCatalog } from './catalog.js';
import { ColumnReader } from './columns.js';
import type { RawCheck, RawForeignKeyColumn, RawIndexColumn, RawTable } from './raw-types.js';
import { parseValueList } from './type-map.js';


// Engines with transactions and enforced foreign keys; every other one gets a warning.
const FULL_ENGINES = new Set(['innodb', 'ndbcluster', 'ndb']);
const JSON_VALID = /^json_valid\(`((?:[^`]|``)+)`\)$/i;
const IN_LIST = /^`((?:[^`]|``)+)` in \((.*)\)$/is;

const key = (schema: string, table: string): string => `${schema}\0${table}`;

/** Turns the raw catalog rows into the neutral model. Pure: no queries happen here. */
export function buildSchema(
  catalog: MysqlCatalog,
  flavour: Flavour,
  namespaces: readonly string[],
  keep: (namespace: string, name: string) => boolean,
): IntrospectionResult {
  const warnings: Warning[] = [];
  const reader = new ColumnReader(flavour, warnings);
  const columnsByTable = groupBy(catalog.columns, (row) => key(row.schema, row.table_name));
  const indexesByTable = groupBy(catalog.indexColumns, (row) => key(row.schema, row.table_name));
  const foreignKeysByTable = groupBy(catalog.foreignKeyColumns, (row) => key(row.schema, row.table_name));
  const checksByTable = groupBy(catalog.checks, (row) => key(row.schema, row.table_name));
  const actions = new Map(catalog.referentialConstraints.map((row) => [`${key(row.schema, row.table_name)}\0${row.name}`, row]));
  const definitions = new Map(catalog.views.map((row) => [key(row.schema, row.name), unqualify(row.definition, row.schema)]));

  const tables: Table[] = [];
  const views: View[] = [];
  for (const entry of catalog.tables) {
    if (!keep(entry.schema, entry.name)) continue;
    const id = key(entry.schema, entry.name);
    const owner = `${entry.schema}.${entry.name}`;
    const rawColumns = columnsByTable.get(id) ?? [];
    if (entry.type === 'VIEW') {
      if (rawColumns.length === 0) warnings.push(makeWarning('VIEW_UNREADABLE', `view ${owner}`));
      views.push({
        namespace: entry.schema,
        name: entry.name,
        kind: 'view',
        comment: null,
        definition: definitions.get(id) ?? null,
        columns: rawColumns.map((raw) =>
          reader.read(raw, { owner, tableCollation: null, jsonChecked: false, checkValues: null }),
        ),
      });
      continue;
    }
    if (entry.type !== 'BASE TABLE' && entry.type !== 'SYSTEM VERSIONED') continue;
    const checks = checksByTable.get(id) ?? [];
    const { jsonColumns, valuesByColumn } = readChecks(checks);
    const traits: TableTrait[] = entry.type === 'SYSTEM VERSIONED' ? ['system_versioned'] : [];
    tables.push({
      namespace: entry.schema,
      name: entry.name,
      comment: entry.comment === '' ? null : entry.comment,
      columns: rawColumns.map((raw) =>
        reader.read(raw, {
          owner,
          tableCollation: entry.collation,
          jsonChecked: jsonColumns.has(raw.name),
          checkValues: valuesByColumn.get(raw.name) ?? null,
        }),
      ),
      ...toKeysAndIndexes(indexesByTable.get(id) ?? []),
      foreignKeys: toForeignKeys(foreignKeysByTable.get(id) ?? [], (name) => actions.get(`${id}\0${name}`)),
      checks: checks.map((check) => ({ name: check.name, expression: check.clause })),
      traits,
    });
    reportEngine(entry, owner, warnings);
  }
  for (const trigger of catalog.triggers) {
    if (!keep(trigger.schema, trigger.table_name)) continue;
    const owner = `${trigger.schema}.${trigger.table_name}`;
    warnings.push(
      makeWarning('TRIGGER_NOT_MODELLED', `trigger ${trigger.schema}.${trigger.name}`, `Trigger "${trigger.name}" on ${owner} is not modelled; generated code does not know what it changes.`),
    );
  }
  return { schema: { namespaces: [...namespaces], tables, views, enums: [], domains: [] }, warnings };
}

/** MariaDB's JSON columns (LONGTEXT + `json_valid(col)`) and one-column `col IN ('a', …)` lists. */
function readChecks(checks: readonly RawCheck[]): { jsonColumns: Set<string>; valuesByColumn: Map<string, string[]> } {
  const jsonColumns = new Set<string>();
  const valuesByColumn = new Map<string, string[]>();
  for (const { clause } of checks) {
    const json = JSON_VALID.exec(clause.trim());
    if (json !== null) {
      jsonColumns.add((json[1] as string).replaceAll('``', '`'));
      continue;
    }
    const inList = IN_LIST.exec(clause.trim());
    const values = inList === null ? null : parseValueList(`(${inList[2] as string})`);
    const column = inList?.[1]?.replaceAll('``', '`');
    if (values !== null && column !== undefined && !valuesByColumn.has(column)) valuesByColumn.set(column, values);
  }
  return { jsonColumns, valuesByColumn };
}

/** STATISTICS rows: PRIMARY is the key; unique plain-column indexes are unique constraints. */
function toKeysAndIndexes(rows: readonly RawIndexColumn[]): Pick<Table, 'primaryKey' | 'uniqueConstraints' | 'indexes'> {
  let primaryKey: Table['primaryKey'] = null;
  const uniqueConstraints: UniqueConstraint[] = [];
  const indexes: Index[] = [];
  for (const [name, parts] of groupBy(rows, (row) => row.index_name)) {
    const columns = parts.map((part) => part.column_name);
    const unique = Number((parts[0] as RawIndexColumn).non_unique) === 0;
    const plain = parts.every((part) => part.column_name !== null && part.sub_part === null && part.direction !== 'D');
    if (name === 'PRIMARY') {
      primaryKey = { name: null, columns: columns.map((c) => c ?? '') };
    } else if (unique && plain) {
      uniqueConstraints.push({ name, columns: columns.map((c) => c ?? '') });
    } else {
      indexes.push({
        name,
        parts: parts.map((part) => ({
          column: part.column_name,
          expression: part.column_name === null ? (part.expression ?? '') : null,
          descending: part.direction === 'D',
          prefixLength: part.sub_part === null ? null : Number(part.sub_part),
        })),
        unique,
        predicate: null,
        method: (parts[0] as RawIndexColumn).index_type.toLowerCase(),
      });
    }
  }
  return { primaryKey, uniqueConstraints, indexes };
}

function toForeignKeys(
  rows: readonly RawForeignKeyColumn[],
  actionsOf: (name: string) => { update_rule: string; delete_rule: string } | undefined,
): ForeignKey[] {
  return [...groupBy(rows, (row) => row.name)].map(([name, parts]) => {
    const first = parts[0] as RawForeignKeyColumn;
    const rules = actionsOf(name);
    return {
      name,
      columns: parts.map((part) => part.column_name),
      references: { namespace: first.ref_schema, table: first.ref_table, columns: parts.map((part) => part.ref_column) },
      onDelete: SQL_REFERENTIAL_ACTIONS[rules?.delete_rule ?? ''] ?? 'no_action',
      onUpdate: SQL_REFERENTIAL_ACTIONS[rules?.update_rule ?? ''] ?? 'no_action',
      deferrable: false,
      initiallyDeferred: false,
    };
  });
}

function reportEngine(entry: RawTable, owner: string, warnings: Warning[]): void {
  if (entry.engine === null || FULL_ENGINES.has(entry.engine.toLowerCase())) return;
  warnings.push(
    makeWarning(
      'STORAGE_ENGINE_LIMITED',
      `table ${owner}`,
      `Table ${owner} uses the ${entry.engine} engine, which has no transactions or foreign keys: a rollback does not undo its changes and its foreign keys are not enforced.`,
    ),
  );
}

/**
 * View bodies name every table as `db`.`table`; the database name differs between a developer's
 * machine and CI, so qualifiers of the view's own database are removed.
 */
function unqualify(definition: string, schema: string): string {
  return definition.replaceAll(`\`${schema.replaceAll('`', '``')}\`.`, '');
}
