import type { ObjectName } from '../../diff/changes.js';
import { step, type MigrationStep } from '../dialect.js';

/**
 * What the writers of each kind of change hand back, and the sentences their rollouts and
 * warnings share, so that one lock or one caveat reads the same wherever it comes up.
 */

/** What one change needs: statements, the rollout that replaces them (empty when they are it), warnings. */
export interface Piece {
  readonly steps: readonly MigrationStep[];
  readonly rollout: readonly MigrationStep[];
  readonly warnings: readonly string[];
}

export function piece(steps: readonly (string | MigrationStep)[], rollout: readonly MigrationStep[] = [], warnings: readonly string[] = []): Piece {
  return { steps: steps.map((sql) => (typeof sql === 'string' ? step(sql) : sql)), rollout, warnings };
}

export const BATCH = 10_000;
export const EXCLUSIVE = 'takes an ACCESS EXCLUSIVE lock: brief, but it waits for running queries on the table and blocks every query behind it (set lock_timeout and retry)';
export const CONCURRENTLY = 'does not block writes, but cannot run inside a transaction block; a failed build leaves an INVALID index to drop before retrying';
export const NOT_VALID = 'holds for new and changed rows from now on; reads no rows, so its lock is brief';
export const VALIDATE = 'checks the existing rows without blocking reads or writes (SHARE UPDATE EXCLUSIVE lock)';

/** An object (or column) as warnings name it: unquoted, for people. */
export function show(object: ObjectName, column?: string): string {
  return `${object.namespace}.${object.name}${column === undefined ? '' : `.${column}`}`;
}
