/** Rows as SQLite's catalog queries return them, before conversion to the neutral model. */

export interface RawObject {
  readonly type: 'index' | 'table' | 'trigger' | 'view';
  readonly name: string;
  readonly tbl_name: string;
  readonly sql: string | null;
}

export interface RawTableListEntry {
  readonly name: string;
  readonly type: 'shadow' | 'table' | 'view' | 'virtual';
  /** 1 for WITHOUT ROWID tables. */
  readonly wr: number;
  readonly strict: number;
}

export interface RawColumn {
  readonly table_name: string;
  readonly cid: number;
  readonly name: string;
  readonly type: string;
  readonly notnull: number;
  readonly dflt_value: string | null;
  /** Position in the primary key, 1-based; 0 when not part of it. */
  readonly pk: number;
  /** 0 normal, 1 hidden (virtual tables), 2 generated VIRTUAL, 3 generated STORED. */
  readonly hidden: number;
}

export interface RawForeignKey {
  readonly table_name: string;
  readonly id: number;
  readonly seq: number;
  readonly table: string;
  readonly from: string;
  /** Null when the constraint references the parent's primary key implicitly. */
  readonly to: string | null;
  readonly on_update: string;
  readonly on_delete: string;
}

export interface RawIndexColumn {
  readonly table_name: string;
  readonly index_name: string;
  readonly unique: number;
  /** `c` CREATE INDEX, `u` UNIQUE constraint, `pk` PRIMARY KEY. */
  readonly origin: 'c' | 'pk' | 'u';
  readonly partial: number;
  readonly seqno: number;
  /** -1 the rowid, -2 an expression. */
  readonly cid: number;
  readonly column_name: string | null;
  readonly desc: number;
}
