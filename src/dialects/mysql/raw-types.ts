/** Rows as the MySQL/MariaDB catalog queries in `catalog.ts` return them (aliases in lower case). */

export interface RawTable {
  readonly name: string;
  /** BASE TABLE, VIEW, SYSTEM VERSIONED (MariaDB), SEQUENCE (MariaDB). */
  readonly type: string;
  readonly engine: string | null;
  readonly collation: string | null;
  readonly comment: string;
  readonly schema: string;
}

export interface RawColumn {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly ordinal: number;
  /** MariaDB: an SQL expression (`'text'`, `NULL`, `current_timestamp()`); MySQL: the bare value. */
  readonly default: string | null;
  readonly nullable: 'NO' | 'YES';
  readonly data_type: string;
  readonly column_type: string;
  readonly max_length: number | string | null;
  readonly precision: number | string | null;
  readonly scale: number | string | null;
  readonly datetime_precision: number | string | null;
  readonly collation: string | null;
  readonly extra: string;
  readonly comment: string;
  readonly generation: string | null;
}

export interface RawIndexColumn {
  readonly schema: string;
  readonly table_name: string;
  readonly index_name: string;
  readonly non_unique: number | string;
  readonly seq: number;
  readonly column_name: string | null;
  readonly sub_part: number | string | null;
  /** BTREE, HASH, FULLTEXT, SPATIAL, RTREE. */
  readonly index_type: string;
  /** A ascending, D descending, null when not sorted (FULLTEXT, HASH). */
  readonly direction: string | null;
  /** MySQL 8 functional key parts; always null on MariaDB. */
  readonly expression: string | null;
}

export interface RawForeignKeyColumn {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly column_name: string;
  readonly position: number;
  readonly ref_schema: string;
  readonly ref_table: string;
  readonly ref_column: string;
}

export interface RawReferentialConstraint {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly update_rule: string;
  readonly delete_rule: string;
}

export interface RawCheck {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
  readonly clause: string;
}

export interface RawView {
  readonly schema: string;
  readonly name: string;
  readonly definition: string;
}

export interface RawTrigger {
  readonly schema: string;
  readonly table_name: string;
  readonly name: string;
}
