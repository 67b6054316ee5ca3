import type { Column, Table } from '../../src/schema/model.js';
import type { Snapshot } from '../../src/snapshot/version.js';

/** The table `namespace.name` of a snapshot; throws when it is missing, so tests fail by name. */
export function tableOf(snapshot: Snapshot, name: string, namespace?: string): Table {
  const found = snapshot.schema.tables.find((t) => t.name === name && (namespace === undefined || t.namespace === namespace));
  if (found === undefined) throw new Error(`no table ${namespace ?? '*'}.${name}`);
  return found;
}

export function columnOf(owner: Table, name: string): Column {
  const found = owner.columns.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no column ${owner.name}.${name}`);
  return found;
}
