import type { CheckConstraint, Column, Domain, EnumType, ForeignKey, Index, UniqueConstraint } from '../schema/model.js';

/** A table, view, enum or domain as a diff names it: namespace and name. */
export interface ObjectName {
  readonly namespace: string;
  readonly name: string;
}

/** How a column's type moved: to a type that holds every old value, to one that may not, or to another kind. */
export type TypeDirection = 'widened' | 'narrowed' | 'changed';

/**
 * One difference between two schemas, as data. `diffSchemas` returns these in a stable order;
 * classification, evidence and reports only read them. Where a change concerns a column of a
 * table, `table` and `column` name it; `from`/`to` hold the two sides that differ.
 */
export type Change =
  | { readonly kind: 'table_added'; readonly table: ObjectName; readonly columns: readonly string[] }
  | { readonly kind: 'table_dropped'; readonly table: ObjectName; readonly columns: readonly Column[] }
  | { readonly kind: 'table_renamed'; readonly table: ObjectName; readonly from: ObjectName }
  | { readonly kind: 'table_traits_changed'; readonly table: ObjectName; readonly from: readonly string[]; readonly to: readonly string[] }
  | { readonly kind: 'view_added'; readonly view: ObjectName }
  | { readonly kind: 'view_dropped'; readonly view: ObjectName }
  | { readonly kind: 'view_definition_changed'; readonly view: ObjectName; readonly materialized: boolean }
  | { readonly kind: 'view_column_added'; readonly view: ObjectName; readonly column: Column }
  | { readonly kind: 'view_column_dropped'; readonly view: ObjectName; readonly column: Column }
  | { readonly kind: 'view_column_type_changed'; readonly view: ObjectName; readonly column: string; readonly from: Column; readonly to: Column }
  | { readonly kind: 'column_added'; readonly table: ObjectName; readonly column: Column }
  | { readonly kind: 'column_dropped'; readonly table: ObjectName; readonly column: Column }
  | { readonly kind: 'column_renamed'; readonly table: ObjectName; readonly from: string; readonly column: Column }
  | { readonly kind: 'column_type_changed'; readonly table: ObjectName; readonly column: string; readonly from: Column; readonly to: Column; readonly direction: TypeDirection }
  | { readonly kind: 'column_nullability_changed'; readonly table: ObjectName; readonly column: string; readonly nullable: boolean; readonly to: Column }
  | { readonly kind: 'column_default_changed'; readonly table: ObjectName; readonly column: string; readonly from: string | null; readonly to: string | null; readonly nullable: boolean }
  | { readonly kind: 'column_identity_changed'; readonly table: ObjectName; readonly column: string; readonly from: string | null; readonly to: string | null }
  | { readonly kind: 'column_generated_changed'; readonly table: ObjectName; readonly column: string; readonly from: string | null; readonly to: string | null }
  | { readonly kind: 'column_collation_changed'; readonly table: ObjectName; readonly column: string; readonly from: string | null; readonly to: string | null }
  | { readonly kind: 'column_values_added'; readonly table: ObjectName; readonly column: string; readonly values: readonly string[]; readonly atEnd: boolean }
  | { readonly kind: 'column_values_removed'; readonly table: ObjectName; readonly column: string; readonly values: readonly string[] }
  | { readonly kind: 'primary_key_added'; readonly table: ObjectName; readonly columns: readonly string[] }
  | { readonly kind: 'primary_key_dropped'; readonly table: ObjectName; readonly columns: readonly string[] }
  | { readonly kind: 'primary_key_changed'; readonly table: ObjectName; readonly from: readonly string[]; readonly columns: readonly string[] }
  | { readonly kind: 'foreign_key_added'; readonly table: ObjectName; readonly foreignKey: ForeignKey }
  | { readonly kind: 'foreign_key_dropped'; readonly table: ObjectName; readonly foreignKey: ForeignKey }
  | { readonly kind: 'foreign_key_changed'; readonly table: ObjectName; readonly from: ForeignKey; readonly foreignKey: ForeignKey }
  | { readonly kind: 'unique_added'; readonly table: ObjectName; readonly unique: UniqueConstraint }
  | { readonly kind: 'unique_dropped'; readonly table: ObjectName; readonly unique: UniqueConstraint }
  | { readonly kind: 'index_added'; readonly table: ObjectName; readonly index: Index }
  | { readonly kind: 'index_dropped'; readonly table: ObjectName; readonly index: Index }
  | { readonly kind: 'check_added'; readonly table: ObjectName; readonly check: CheckConstraint }
  | { readonly kind: 'check_dropped'; readonly table: ObjectName; readonly check: CheckConstraint }
  | { readonly kind: 'enum_added'; readonly enum: EnumType }
  | { readonly kind: 'enum_dropped'; readonly enum: EnumType }
  | { readonly kind: 'enum_values_added'; readonly enum: ObjectName; readonly values: readonly string[]; readonly atEnd: boolean }
  | { readonly kind: 'enum_values_removed'; readonly enum: ObjectName; readonly values: readonly string[] }
  | { readonly kind: 'domain_added'; readonly domain: Domain }
  | { readonly kind: 'domain_dropped'; readonly domain: Domain }
  | { readonly kind: 'domain_changed'; readonly domain: ObjectName; readonly from: Domain; readonly to: Domain }
  | { readonly kind: 'comment_changed'; readonly target: 'table' | 'column' | 'view' | 'enum' | 'domain'; readonly object: ObjectName; readonly column?: string; readonly from: string | null; readonly to: string | null };

export type ChangeKind = Change['kind'];
