import type { GenerationPlan, PlannedTable } from '../../src/generate/plan.js';
import type { ColumnDescriptor } from '../../src/runtime/table-descriptor.js';
import type { Table } from '../../src/schema/model.js';
import type { Snapshot } from '../../src/snapshot/version.js';

export type Row = Record<string, unknown>;

// Families a test cannot fill generically (their text syntax depends on the subtype or extension).
const UNFILLABLE = new Set(['range', 'geometric', 'unknown']);

/**
 * Valid rows for any table of a schema, from its descriptors and foreign keys: parents before
 * children, foreign-key columns copied from a parent row, every other value derived from a
 * counter so that unique keys stay unique. Tables it cannot fill are skipped with the reason.
 */
export class RowFactory {
  private readonly sources = new Map<PlannedTable, Table>();
  private counter = 0;

  constructor(
    snapshot: Snapshot,
    private readonly plan: GenerationPlan,
  ) {
    for (const table of plan.tables) {
      // The reverse lookup of tableNamed: from the plan to the snapshot's table.
      const source = snapshot.schema.tables.find((t) => t.name === table.descriptor.name && (table.descriptor.schema === null || table.descriptor.schema === t.namespace));
      if (source !== undefined && !table.readOnly) this.sources.set(table, source);
    }
  }

  /** Writable tables, parents first; tables in a cycle or with a column nothing can fill are skipped. */
  order(): { readonly tables: PlannedTable[]; readonly skipped: Array<[string, string]> } {
    const tables: PlannedTable[] = [];
    const skipped: Array<[string, string]> = [];
    const placed = new Set<PlannedTable>();
    let pending = [...this.sources.keys()];
    while (pending.length > 0) {
      const ready = pending.filter((table) => this.parentsOf(table).every((parent) => parent === table || placed.has(parent) || this.optionalReference(table, parent)));
      if (ready.length === 0) {
        for (const table of pending) skipped.push([table.dbKey, 'in a cycle of required foreign keys']);
        break;
      }
      for (const table of ready) {
        const missing = this.parentsOf(table).find((parent) => parent !== table && !tables.includes(parent) && !this.optionalReference(table, parent));
        const reason = missing === undefined ? this.unfillable(table) : `its parent ${missing.dbKey} is skipped`;
        if (reason === null) tables.push(table);
        else skipped.push([table.dbKey, reason]);
        placed.add(table);
      }
      pending = pending.filter((table) => !ready.includes(table));
    }
    return { tables, skipped };
  }

  /** A new valid row; `parents` holds one created row per parent table. */
  row(table: PlannedTable, parents: ReadonlyMap<PlannedTable, Row>): Row {
    const n = ++this.counter;
    const row: Row = {};
    const references = this.referenceValues(table, parents);
    // A unique column with a default would repeat the default: it is filled like a required one.
    const unique = new Set([...table.descriptor.uniqueKeys.flat(), ...table.descriptor.indexes.filter((i) => i.unique).flatMap((i) => i.columns)]);
    for (const column of table.descriptor.columns) {
      const fill = column.insert === 'required' || (column.insert === 'optional' && unique.has(column.name) && !table.descriptor.primaryKey.includes(column.name));
      if (!fill && !references.has(column.name)) continue;
      if (references.has(column.name)) row[column.property] = references.get(column.name);
      // Small numbers where nothing needs them distinct: a generated column may compute from them.
      else row[column.property] = valueFor(column, unique.has(column.name) || table.descriptor.primaryKey.includes(column.name) ? n : (n % 50) + 1);
    }
    return row;
  }

  /** A required parent table with no created row (it was skipped while running), or undefined. */
  missingParent(table: PlannedTable, parents: ReadonlyMap<PlannedTable, Row>): PlannedTable | undefined {
    return this.parentsOf(table).find((parent) => parent !== table && !parents.has(parent) && !this.optionalReference(table, parent));
  }

  /** A changed value for one updatable column that is no key and no reference, or null. */
  change(table: PlannedTable): Row | null {
    const references = this.referenceColumns(table);
    const keys = new Set([...table.descriptor.primaryKey, ...table.descriptor.uniqueKeys.flat()]);
    const column = table.descriptor.columns.find(
      (c) => c.update && c.insert === 'required' && !keys.has(c.name) && !references.has(c.name) && !UNFILLABLE.has(c.family) && c.value !== 'unknown',
    );
    return column === undefined ? null : { [column.property]: valueFor(column, ++this.counter) };
  }

  /** A partitioned table takes only rows inside some partition's bounds, which a generic row may miss. */
  partitioned(table: PlannedTable): boolean {
    return this.sources.get(table)?.traits.includes('partitioned') ?? false;
  }

  /**
   * Whether `count` more rows fit: no key includes a reference (all share one parent row) and
   * every key has room for that many distinct values (a TINYINT key holds 256).
   */
  fitsMany(table: PlannedTable, count: number): boolean {
    const references = this.referenceColumns(table);
    const room = (name: string): number => {
      const column = table.descriptor.columns.find((c) => c.name === name);
      if (column === undefined || (column.insert === 'optional' && table.descriptor.primaryKey.includes(name))) return Infinity;
      if (column.allowedValues !== undefined || column.value === 'boolean') return column.allowedValues?.length ?? 2;
      if (column.min !== undefined && column.max !== undefined) return Number(column.max) - Number(column.min);
      if (column.value === 'string' && column.length !== undefined) return 36 ** Math.max(0, column.length - 1);
      return Infinity;
    };
    const uniqueIndexes = table.descriptor.indexes.filter((index) => index.unique).map((index) => index.columns.filter((column) => column !== null));
    return [table.descriptor.primaryKey, ...table.descriptor.uniqueKeys, ...uniqueIndexes].every(
      (key) => !key.some((column) => references.has(column)) && key.reduce((product, column) => product * room(column), 1) > count * 2,
    );
  }

  /** The planned table of a name; a table in the default namespace has no schema in its descriptor. */
  private tableNamed(namespace: string, name: string): PlannedTable | undefined {
    return this.plan.tables.find((t) => t.descriptor.name === name && (t.descriptor.schema === null || t.descriptor.schema === namespace));
  }

  /** The table's foreign-key columns. */
  private referenceColumns(table: PlannedTable): Set<string> {
    return new Set(this.sources.get(table)?.foreignKeys.flatMap((fk) => fk.columns) ?? []);
  }

  private parentsOf(table: PlannedTable): PlannedTable[] {
    const source = this.sources.get(table);
    return (source?.foreignKeys ?? []).flatMap((fk) => {
      const parent = this.tableNamed(fk.references.namespace, fk.references.table);
      return parent === undefined ? [] : [parent];
    });
  }

  private optionalReference(table: PlannedTable, parent: PlannedTable): boolean {
    const source = this.sources.get(table);
    const fks = (source?.foreignKeys ?? []).filter((fk) => fk.references.table === parent.descriptor.name);
    return fks.every((fk) => fk.columns.every((name) => table.descriptor.columns.find((c) => c.name === name)?.nullable === true));
  }

  private unfillable(table: PlannedTable): string | null {
    const references = this.referenceColumns(table);
    for (const column of table.descriptor.columns) {
      if (column.insert !== 'required' || references.has(column.name)) continue;
      if (UNFILLABLE.has(column.family) || column.value === 'unknown') return `column ${column.name} (${column.nativeType}) has no generic value`;
    }
    return null;
  }

  /** Values of foreign-key columns, copied from the parent rows (null for a missing optional parent). */
  private referenceValues(table: PlannedTable, parents: ReadonlyMap<PlannedTable, Row>): Map<string, unknown> {
    const values = new Map<string, unknown>();
    for (const fk of this.sources.get(table)?.foreignKeys ?? []) {
      const parent = this.tableNamed(fk.references.namespace, fk.references.table);
      const parentRow = parent === undefined || parent === table ? undefined : parents.get(parent);
      fk.columns.forEach((name, index) => {
        const referenced = parent?.descriptor.columns.find((c) => c.name === fk.references.columns[index]);
        values.set(name, parentRow === undefined || referenced === undefined ? null : parentRow[referenced.property]);
      });
    }
    return values;
  }
}

/** A valid value for a column, distinct for each n: within its length, bounds and allowed values. */
export function valueFor(column: ColumnDescriptor, n: number): unknown {
  if ((column.arrayDimensions ?? 0) > 0 && column.value !== 'array_literal') return [];
  if (column.allowedValues !== undefined && column.allowedValues.length > 0) {
    if (column.family === 'set') return column.allowedValues[0];
    const value = column.allowedValues[n % column.allowedValues.length] as string;
    return column.value === 'integer' || column.value === 'number' ? Number(value) : value;
  }
  switch (column.value) {
    case 'array_literal':
      return '{}';
    case 'boolean':
      return n % 2 === 0;
    case 'integer':
    case 'number':
    case 'int8':
    case 'numeric': {
      const min = column.min === undefined ? -Infinity : Number(column.min) + (column.minExclusive ? 1 : 0);
      const max = column.max === undefined ? Infinity : Number(column.max) - (column.maxExclusive ? 1 : 0);
      const digits = column.precision === undefined ? Infinity : 10 ** (column.precision - (column.scale ?? 0)) - 1;
      // Small positive values: far from 64-bit bounds that a double cannot hold exactly.
      const bottom = Math.max(min, column.family === 'year' ? 1901 : 1);
      const top = Math.min(max, digits, 2_000_000_000);
      const value = bottom + (n % Math.max(1, Math.floor(top - bottom) + 1));
      return column.value === 'int8' ? String(value) : value;
    }
    case 'timestamp':
      // Within MySQL's TIMESTAMP range (up to 2038), whatever n.
      return new Date(Date.UTC(2020, 0, 1) + (n % 3000) * 86_400_000);
    case 'json':
      return JSON.stringify({ n });
    case 'binary':
      // MySQL's BIT(1) holds one bit.
      return new Uint8Array([column.family === 'bit' ? 1 : n % 256]);
    default:
      return stringFor(column, n);
  }
}

function stringFor(column: ColumnDescriptor, n: number): string {
  switch (column.family) {
    case 'uuid':
      return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    case 'date':
    case 'timestamp':
    case 'timestamptz':
      return new Date(Date.UTC(2020, 0, 1) + (n % 3000) * 86_400_000).toISOString().slice(0, column.family === 'date' ? 10 : 19).replace('T', ' ');
    case 'time':
      return '12:34:56';
    case 'interval':
      return '1 day';
    case 'network':
      return column.nativeType.startsWith('mac') ? '08:00:2b:01:02:03' : '127.0.0.1';
    case 'fulltext':
      return 'word';
    case 'xml':
      return '<a/>';
    case 'money':
      return '1.00';
    case 'bit':
      return '1'.repeat(column.length ?? 1);
    default: {
      const text = `v${n.toString(36)}`;
      const limit = column.length ?? 64;
      return text.length <= limit ? text.padEnd(Math.min(column.minLength ?? 0, limit), 'x') : text.slice(-limit);
    }
  }
}
