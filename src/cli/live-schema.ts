import type { ConfigSettings } from '../config/schema.js';
import { introspect } from '../operations/introspect.js';
import type { Snapshot } from '../snapshot/version.js';
import type { Reporter } from './reporter.js';

/**
 * Reads a live database for a command that compares or generates from it, with the
 * configuration's schemas and include/exclude globs, so every command sees the same tables as
 * `crudgen introspect` writes into the snapshot; progress on the terminal.
 */
export async function readLiveSchema(url: string, settings: ConfigSettings, reporter: Reporter): Promise<Snapshot> {
  const snapshot = await introspect({
    url,
    schemas: settings.schemas ?? [],
    include: settings.include ?? [],
    exclude: settings.exclude ?? [],
    onProgress: ({ phase, done, total }) => reporter.progress(`introspecting: ${phase} (${done}/${total})`),
  });
  reporter.clearProgress();
  return snapshot;
}
