import type { Snapshot } from './version.js';

export interface SnapshotCounts {
  readonly tables: number;
  readonly views: number;
  readonly columns: number;
  readonly enums: number;
  readonly domains: number;
  readonly warnings: number;
}

/** How many objects a snapshot holds, for one-line summaries and `--json` output. */
export function countObjects(snapshot: Snapshot): SnapshotCounts {
  const { schema } = snapshot;
  return {
    tables: schema.tables.length,
    views: schema.views.length,
    columns: schema.tables.reduce((sum, table) => sum + table.columns.length, 0),
    enums: schema.enums.length,
    domains: schema.domains.length,
    warnings: snapshot.warnings.length,
  };
}

/** `sqlite 3.53.2: 11 tables, 1 view, 64 columns` */
export function describeSnapshot(snapshot: Snapshot): string {
  const counts = countObjects(snapshot);
  const parts = [plural(counts.tables, 'table'), plural(counts.views, 'view'), plural(counts.columns, 'column')];
  return `${snapshot.server.flavour} ${snapshot.server.version}: ${parts.join(', ')}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
