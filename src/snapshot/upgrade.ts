import { CrudgenError } from '../runtime/errors/crudgen-error.js';
import { CURRENT_FORMAT_VERSION } from './version.js';

/** A pure function that turns a snapshot document of version `from` into version `from + 1`. */
export interface UpgradeStep {
  readonly from: number;
  readonly up: (document: Readonly<Record<string, unknown>>) => Record<string, unknown>;
}

/**
 * The chain of upgrades, oldest first. Format 1 is the first public format, so the chain is
 * empty; the next format change appends `{ from: 1, up }` and a version-1 fixture stays in the
 * tests to prove old files still load.
 */
export const UPGRADE_STEPS: readonly UpgradeStep[] = [];

/**
 * Brings a parsed snapshot document up to `target` by applying each step in turn. Versions newer
 * than this crudgen knows fail with a message that says so.
 */
export function upgradeDocument(
  document: Readonly<Record<string, unknown>>,
  file: string,
  steps: readonly UpgradeStep[] = UPGRADE_STEPS,
  target: number = CURRENT_FORMAT_VERSION,
): Record<string, unknown> {
  const version = document['formatVersion'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new CrudgenError('SNAPSHOT_INVALID', `The snapshot "${file}" has no valid formatVersion (found ${JSON.stringify(version) ?? 'nothing'}).`, {
      details: { file, formatVersion: version ?? null },
    });
  }
  if (version > target) {
    throw new CrudgenError(
      'SNAPSHOT_VERSION_UNSUPPORTED',
      `The snapshot "${file}" has formatVersion ${version}, but this crudgen reads versions up to ${target}; it was written by a newer crudgen.`,
      { details: { file, formatVersion: version, supported: target } },
    );
  }
  let current: Record<string, unknown> = { ...document };
  for (let from = version; from < target; from++) {
    const step = steps.find((s) => s.from === from);
    if (step === undefined) {
      throw new CrudgenError('SNAPSHOT_VERSION_UNSUPPORTED', `The snapshot "${file}" has formatVersion ${version}, which this crudgen cannot upgrade.`, {
        details: { file, formatVersion: version, supported: target },
      });
    }
    current = { ...step.up(current), formatVersion: from + 1 };
  }
  return current;
}
