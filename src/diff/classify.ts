import type { Column } from '../schema/model.js';
import type { Change, ObjectName } from './changes.js';
import { RULES, type Level, type RuleCode } from './rules.js';

/** A change with its diagnostic code, level, and the line a report shows. */
export interface ClassifiedChange {
  readonly change: Change;
  readonly code: RuleCode;
  readonly level: Level;
  /** The object changed, as people name it: `users.nickname`, `order_status`. */
  readonly object: string;
  readonly message: string;
  readonly reason: string;
}

/** What a project set for a code in `diff.rules`: another level, or off. */
export type RuleSetting = Level | 'off';

/**
 * Gives every change its code and level, dropping the codes a project switched off. `display`
 * names objects the way the report shows them (without the default namespace).
 */
export function classifyChanges(changes: readonly Change[], display: (object: ObjectName) => string, settings: Readonly<Partial<Record<string, RuleSetting>>> = {}): ClassifiedChange[] {
  const out: ClassifiedChange[] = [];
  for (const change of changes) {
    const { code, object, message } = describe(change, display);
    const setting = settings[code];
    if (setting === 'off') continue;
    out.push({ change, code, level: setting ?? RULES[code].level, object, message, reason: RULES[code].reason });
  }
  return out;
}

function describe(change: Change, display: (object: ObjectName) => string): { code: RuleCode; object: string; message: string } {
  const of = (table: ObjectName, column: string): string => `${display(table)}.${column}`;
  switch (change.kind) {
    case 'table_added':
      return { code: 'table-added', object: display(change.table), message: `table ${display(change.table)} added (${change.columns.length} ${change.columns.length === 1 ? "column" : "columns"})` };
    case 'table_dropped':
      return { code: 'table-dropped', object: display(change.table), message: `table ${display(change.table)} dropped` };
    case 'table_renamed':
      return { code: 'table-renamed', object: display(change.table), message: `table ${display(change.from)} renamed to ${display(change.table)}` };
    case 'table_traits_changed':
      return { code: 'table-traits-changed', object: display(change.table), message: `table ${display(change.table)} storage changed from [${change.from.join(', ')}] to [${change.to.join(', ')}]` };
    case 'view_added':
      return { code: 'view-added', object: display(change.view), message: `view ${display(change.view)} added` };
    case 'view_dropped':
      return { code: 'view-dropped', object: display(change.view), message: `view ${display(change.view)} dropped` };
    case 'view_definition_changed':
      return { code: 'view-definition-changed', object: display(change.view), message: `${change.materialized ? 'materialized view' : 'view'} ${display(change.view)} has a new definition` };
    case 'view_column_added':
      return { code: 'view-column-added', object: of(change.view, change.column.name), message: `view column ${of(change.view, change.column.name)} added (${change.column.nativeType})` };
    case 'view_column_dropped':
      return { code: 'view-column-dropped', object: of(change.view, change.column.name), message: `view column ${of(change.view, change.column.name)} dropped` };
    case 'view_column_type_changed':
      return { code: 'view-column-type-changed', object: of(change.view, change.column), message: `view column ${of(change.view, change.column)} changed from ${typeText(change.from)} to ${typeText(change.to)}` };
    case 'column_added': {
      const column = change.column;
      const filled = column.default !== null || column.identity !== null || column.generated !== null;
      const code: RuleCode = column.nullable ? 'column-added-nullable' : filled ? 'column-added-with-default' : 'column-added-required';
      return { code, object: of(change.table, column.name), message: `column ${of(change.table, column.name)} added (${typeText(column)})` };
    }
    case 'column_dropped':
      return { code: 'column-dropped', object: of(change.table, change.column.name), message: `column ${of(change.table, change.column.name)} dropped (${typeText(change.column)})` };
    case 'column_renamed':
      return { code: 'column-renamed', object: of(change.table, change.column.name), message: `column ${of(change.table, change.from)} renamed to ${change.column.name}` };
    case 'column_type_changed': {
      const code: RuleCode = change.direction === 'widened' ? 'column-type-widened' : change.direction === 'narrowed' ? 'column-type-narrowed' : 'column-type-changed';
      return { code, object: of(change.table, change.column), message: `column ${of(change.table, change.column)} type ${change.from.nativeType} → ${change.to.nativeType}` };
    }
    case 'column_nullability_changed':
      return change.nullable
        ? { code: 'column-made-nullable', object: of(change.table, change.column), message: `column ${of(change.table, change.column)} is now nullable` }
        : { code: 'column-made-not-null', object: of(change.table, change.column), message: `column ${of(change.table, change.column)} is now NOT NULL` };
    case 'column_default_changed': {
      const dropped = change.to === null && !change.nullable;
      return { code: dropped ? 'column-default-dropped' : 'column-default-changed', object: of(change.table, change.column), message: `column ${of(change.table, change.column)} default ${change.from ?? 'none'} → ${change.to ?? 'none'}` };
    }
    case 'column_identity_changed':
      return { code: change.to === null ? 'column-identity-dropped' : 'column-identity-changed', object: of(change.table, change.column), message: `column ${of(change.table, change.column)} identity ${change.from ?? 'none'} → ${change.to ?? 'none'}` };
    case 'column_generated_changed': {
      const both = change.from !== null && change.to !== null;
      return { code: both ? 'column-generated-expression-changed' : 'column-generated-changed', object: of(change.table, change.column), message: `column ${of(change.table, change.column)} generated ${change.from ?? 'no'} → ${change.to ?? 'no'}` };
    }
    case 'column_collation_changed':
      return { code: 'column-collation-changed', object: of(change.table, change.column), message: `column ${of(change.table, change.column)} collation ${change.from ?? 'default'} → ${change.to ?? 'default'}` };
    case 'column_values_added':
      return { code: change.atEnd ? 'column-values-appended' : 'column-values-inserted', object: of(change.table, change.column), message: `column ${of(change.table, change.column)} allows ${quoted(change.values)}` };
    case 'column_values_removed':
      return { code: 'column-values-removed', object: of(change.table, change.column), message: `column ${of(change.table, change.column)} no longer allows ${quoted(change.values)}` };
    case 'primary_key_added':
      return { code: 'primary-key-added', object: display(change.table), message: `table ${display(change.table)} primary key (${change.columns.join(', ')}) added` };
    case 'primary_key_dropped':
      return { code: 'primary-key-dropped', object: display(change.table), message: `table ${display(change.table)} primary key (${change.columns.join(', ')}) dropped` };
    case 'primary_key_changed':
      return { code: 'primary-key-changed', object: display(change.table), message: `table ${display(change.table)} primary key (${change.from.join(', ')}) → (${change.columns.join(', ')})` };
    case 'foreign_key_added':
      return { code: 'foreign-key-added', object: display(change.table), message: `foreign key ${display(change.table)} (${change.foreignKey.columns.join(', ')}) → ${referenced(change.foreignKey.references, display)} added` };
    case 'foreign_key_dropped':
      return { code: 'foreign-key-dropped', object: display(change.table), message: `foreign key ${display(change.table)} (${change.foreignKey.columns.join(', ')}) → ${referenced(change.foreignKey.references, display)} dropped` };
    case 'foreign_key_changed':
      return { code: 'foreign-key-changed', object: display(change.table), message: `foreign key ${display(change.table)} (${change.foreignKey.columns.join(', ')}) on delete ${change.from.onDelete} → ${change.foreignKey.onDelete}, on update ${change.from.onUpdate} → ${change.foreignKey.onUpdate}` };
    case 'unique_added':
      return { code: 'unique-added', object: display(change.table), message: `unique (${change.unique.columns.join(', ')}) on ${display(change.table)} added` };
    case 'unique_dropped':
      return { code: 'unique-dropped', object: display(change.table), message: `unique (${change.unique.columns.join(', ')}) on ${display(change.table)} dropped` };
    case 'index_added':
      return { code: change.index.unique ? 'unique-index-added' : 'index-added', object: display(change.table), message: `${change.index.unique ? 'unique index' : 'index'} ${change.index.name} on ${display(change.table)} (${indexParts(change.index.parts)}) added` };
    case 'index_dropped':
      return { code: 'index-dropped', object: display(change.table), message: `index ${change.index.name} on ${display(change.table)} dropped` };
    case 'check_added':
      return { code: 'check-added', object: display(change.table), message: `check on ${display(change.table)} added: ${change.check.expression}` };
    case 'check_dropped':
      return { code: 'check-dropped', object: display(change.table), message: `check on ${display(change.table)} dropped: ${change.check.expression}` };
    case 'enum_added':
      return { code: 'enum-added', object: display(change.enum), message: `enum ${display(change.enum)} added (${quoted(change.enum.values)})` };
    case 'enum_dropped':
      return { code: 'enum-dropped', object: display(change.enum), message: `enum ${display(change.enum)} dropped` };
    case 'enum_values_added':
      return { code: change.atEnd ? 'enum-values-appended' : 'enum-values-inserted', object: display(change.enum), message: `enum ${display(change.enum)} gains ${quoted(change.values)}` };
    case 'enum_values_removed':
      return { code: 'enum-values-removed', object: display(change.enum), message: `enum ${display(change.enum)} loses ${quoted(change.values)}` };
    case 'domain_added':
      return { code: 'domain-added', object: display(change.domain), message: `domain ${display(change.domain)} added` };
    case 'domain_dropped':
      return { code: 'domain-dropped', object: display(change.domain), message: `domain ${display(change.domain)} dropped` };
    case 'domain_changed':
      return { code: 'domain-changed', object: display(change.domain), message: `domain ${display(change.domain)} changed` };
    case 'comment_changed': {
      const object = change.column === undefined ? display(change.object) : of(change.object, change.column);
      return { code: 'comment-changed', object, message: `comment on ${change.target} ${object} changed` };
    }
  }
}

function typeText(column: Column): string {
  return `${column.nativeType}${column.nullable ? '' : ' NOT NULL'}`;
}

function quoted(values: readonly string[]): string {
  return values.map((value) => `'${value}'`).join(', ');
}

function referenced(references: { namespace: string; table: string; columns: readonly string[] }, display: (object: ObjectName) => string): string {
  return `${display({ namespace: references.namespace, name: references.table })}(${references.columns.join(', ')})`;
}

function indexParts(parts: readonly { column: string | null; expression: string | null }[]): string {
  return parts.map((part) => part.column ?? part.expression ?? '?').join(', ');
}
