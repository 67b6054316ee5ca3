import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { causeText, CrudgenError } from '../runtime/errors/crudgen-error.js';
import { stableJsonBytes } from '../util/stable-json.js';
import { INLINE_WIDTH, isOmittedInFile, type Snapshot } from './version.js';

/** The canonical text of a snapshot: sorted keys, LF, trailing newline. */
export function serializeSnapshot(snapshot: Snapshot): string {
  return snapshotBytes(snapshot).toString('utf8');
}

function snapshotBytes(snapshot: Snapshot): Buffer {
  return stableJsonBytes(snapshot, { omit: isOmittedInFile, inlineWidth: INLINE_WIDTH });
}

/**
 * Writes a snapshot atomically (temporary file, then rename), and not at all when the file
 * already has the same bytes, so re-runs leave timestamps and watchers alone.
 */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<{ changed: boolean }> {
  const bytes = snapshotBytes(snapshot);
  const existing = await readFile(file).catch(() => null);
  if (existing?.equals(bytes) === true) return { changed: false };
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFile(temporary, bytes);
    await rename(temporary, file);
  } catch (cause) {
    await rm(temporary, { force: true });
    throw new CrudgenError('FILE_WRITE_FAILED', `The snapshot "${file}" could not be written: ${causeText(cause)}.`, {
      cause,
      details: { file },
    });
  }
  return { changed: true };
}
