import { CURRENT_CONFIG_VERSION } from './schema.js';

/** A key of an older config version that still loads, with where it lives now. */
export interface Deprecation {
  readonly path: string;
  readonly replacement: string;
}

export interface Migrated {
  readonly config: Record<string, unknown>;
  readonly fromVersion: number;
  readonly deprecations: readonly Deprecation[];
}

/**
 * Upgrade steps, one per version: step `n` turns a version-n object into version n+1. A file
 * without `version` predates the key and is version 1. Steps only move keys; validation happens
 * after, on the current shape.
 */
const STEPS: ReadonlyArray<(config: Record<string, unknown>, deprecations: Deprecation[]) => Record<string, unknown>> = [
  // 1 → 2: `outDir` became `output.dir`; the flat `idStrategies` map became `tables.<t>.idStrategy`.
  (config, deprecations) => {
    const { outDir, idStrategies, ...rest } = config;
    const next: Record<string, unknown> = { ...rest };
    if (outDir !== undefined) {
      deprecations.push({ path: 'outDir', replacement: 'output.dir' });
      next['output'] = { ...asRecord(rest['output']), dir: outDir };
    }
    if (idStrategies !== undefined) {
      deprecations.push({ path: 'idStrategies', replacement: 'tables.<table>.idStrategy' });
      const tables = { ...asRecord(rest['tables']) };
      for (const [table, strategy] of Object.entries(asRecord(idStrategies))) {
        tables[table] = { ...asRecord(tables[table]), idStrategy: strategy };
      }
      next['tables'] = tables;
    }
    return next;
  },
];

/** Brings a parsed config object to the current version; unknown future versions are left for validation to refuse. */
export function migrateConfig(input: Record<string, unknown>): Migrated {
  const declared = input['version'];
  const fromVersion = declared === undefined ? 1 : declared;
  if (typeof fromVersion !== 'number' || !Number.isInteger(fromVersion) || fromVersion < 1 || fromVersion > CURRENT_CONFIG_VERSION) {
    return { config: input, fromVersion: typeof fromVersion === 'number' ? fromVersion : CURRENT_CONFIG_VERSION, deprecations: [] };
  }
  const deprecations: Deprecation[] = [];
  let config = input;
  for (let version = fromVersion; version < CURRENT_CONFIG_VERSION; version++) {
    config = (STEPS[version - 1] as (typeof STEPS)[number])(config, deprecations);
  }
  return { config: { ...config, version: CURRENT_CONFIG_VERSION }, fromVersion, deprecations };
}

function asRecord(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
