import type { Change, ChangeKind, ObjectName } from '../../diff/changes.js';
import type { MigrationContext, MigrationGuide, MigrationStep } from '../dialect.js';
import type { Column, Table } from '../../schema/model.js';
import { piece, type Piece } from './migration-steps.js';

/** A guide and the phase it runs in (see PHASE in migration-order.ts). */
export interface Part extends MigrationGuide {
  readonly phase: number;
}

export type Of<K extends ChangeKind> = Extract<Change, { kind: K }>;

/**
 * One migration being written: its parts so far and the changes they cover, so that none is
 * written twice (a writer that remakes a column or type claims the changes it takes along), and
 * the look-ups in both schemas that the writers of every kind of object share.
 */
export class Writer {
  readonly parts: Part[] = [];
  readonly covered = new Set<Change>();
  readonly major: number;
  /** New table name → old, for renamed tables. */
  private readonly oldNames = new Map<string, ObjectName>();

  constructor(readonly changes: readonly Change[], readonly context: MigrationContext) {
    // An unknown version is taken to be a current one.
    const major = Number.parseInt(context.server.version, 10);
    this.major = Number.isNaN(major) ? Number.POSITIVE_INFINITY : major;
    for (const change of changes) if (change.kind === 'table_renamed') this.oldNames.set(key(change.table), change.from);
  }

  add(phase: number, changes: Change | readonly Change[], what: Piece | readonly (string | MigrationStep)[]): void {
    const list = 'kind' in changes ? [changes] : changes;
    for (const change of list) this.covered.add(change);
    this.parts.push({ phase, changes: list, ...('steps' in what ? what : piece(what)) });
  }

  /** The changes of `kinds` to one column not written yet, now counted as written by the caller. */
  claim(table: ObjectName, column: string, kinds: readonly ChangeKind[], test: (change: Change) => boolean = () => true): Change[] {
    const claimed = this.changes.filter((change) =>
      kinds.includes(change.kind) && 'table' in change && 'column' in change && change.column === column && key(change.table) === key(table) && !this.covered.has(change) && test(change));
    for (const change of claimed) this.covered.add(change);
    return claimed;
  }

  /** Columns that use a type in tables on both sides, except those this diff adds or retypes itself. */
  columnsUsing(type: ObjectName): Array<{ table: ObjectName; column: Column }> {
    const uses = (ref: ObjectName | null): boolean => ref !== null && key(ref) === key(type);
    const own = new Set(this.changes.flatMap((change) => (change.kind === 'column_added' ? [columnKey(change.table, change.column.name)] : change.kind === 'column_type_changed' ? [columnKey(change.table, change.column)] : [])));
    const added = new Set(this.changes.flatMap((change) => (change.kind === 'table_added' ? [key(change.table)] : [])));
    return this.context.to.tables
      .filter((table) => !added.has(key(table)))
      .flatMap((table) => table.columns
        .filter((column) => (uses(column.enumRef) || uses(column.domainRef)) && !own.has(columnKey(table, column.name)))
        .map((column) => ({ table: { namespace: table.namespace, name: table.name }, column })));
  }

  oldName(table: ObjectName): ObjectName {
    return this.oldNames.get(key(table)) ?? table;
  }

  toTable(name: ObjectName): Table | undefined {
    return this.context.to.tables.find((table) => key(table) === key(name));
  }

  fromTable(name: ObjectName): Table | undefined {
    return this.context.from.tables.find((table) => key(table) === key(this.oldName(name)));
  }

  toColumn(table: ObjectName, column: string): Column | undefined {
    return this.toTable(table)?.columns.find((item) => item.name === column);
  }
}

export function key(object: ObjectName): string {
  return JSON.stringify([object.namespace, object.name]);
}

function columnKey(table: ObjectName, column: string): string {
  return JSON.stringify([table.namespace, table.name, column]);
}

export function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new TypeError(`The migration context has no such ${what}: the changes must come from diffing context.from against context.to.`);
  return value;
}
