import type { ObjectName } from '../../diff/changes.js';
import { dependencyOrder as orderByDependency } from '../dependency-order.js';
import type { MigrationGuide } from '../dialect.js';
import { compareCodePoints } from '../../util/code-point.js';
import { key, type Part } from './migration-writer.js';

/**
 * Every change becomes one or more parts, each in the phase where it can run; the guides are the
 * parts sorted by phase, in diff order within one. A change whose statements belong to two
 * phases (a changed key: dropped early, added late) is in two guides.
 */
export const PHASE = {
  dropView: 0, // a column cannot change type under a view that reads it
  types: 1,
  remakeType: 1.1, // a remade domain may be based on a new enum
  rename: 2, // before anything names a table by its new name
  dropForeignKey: 3, // before the keys they reference
  dropConstraint: 3.1,
  clashingTableDrop: 3.2,
  createTable: 4,
  columnFirst: 5, // DROP IDENTITY / EXPRESSION, before a default or type is set
  addColumn: 5.1,
  columnType: 5.2,
  columnDefault: 5.3,
  columnNull: 5.4,
  columnLast: 5.5, // identities, once the default is gone and NOT NULL holds
  dropColumn: 5.6,
  addPrimaryKey: 6,
  addUnique: 6.1,
  addIndex: 6.2,
  addCheck: 6.3,
  tightenDomain: 6.4,
  addForeignKey: 6.5, // last: it may reference a key added just before
  comment: 7,
  createView: 8,
  dropTable: 9,
  dropDomain: 9.1,
  dropType: 9.2,
} as const;

export function inPhaseOrder(parts: readonly Part[]): MigrationGuide[] {
  return parts
    .map((part, order) => ({ part, order }))
    .sort((a, b) => a.part.phase - b.part.phase || a.order - b.order)
    .map(({ part: { changes, steps, rollout, warnings } }) => ({ changes, steps, rollout, warnings }));
}

/** Items after those they depend on; ties, and cycles a false `mentions` match may make, by name. */
export function dependencyOrder<T extends ObjectName>(items: readonly T[], dependsOn: (item: T, other: T) => boolean): T[] {
  return orderByDependency([...items].sort((a, b) => compareCodePoints(key(a), key(b))), dependsOn);
}
