import { readFile } from 'node:fs/promises';
import { causeText, CrudgenError } from '../runtime/errors/crudgen-error.js';
import { normalizeSchema, normalizeWarnings } from '../schema/normalize.js';
import { snapshot as snapshotSchema } from './format.js';
import { upgradeDocument } from './upgrade.js';
import type { Snapshot } from './version.js';

/**
 * Parses snapshot text (upgrading older formats) and validates it. `file` names the source in
 * messages.
 */
export function parseSnapshot(text: string, file: string): Snapshot {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (cause) {
    throw new CrudgenError('SNAPSHOT_CORRUPT', `The snapshot "${file}" is not valid JSON: ${causeText(cause)}.`, {
      cause,
      details: { file },
    });
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    throw new CrudgenError('SNAPSHOT_INVALID', `The snapshot "${file}" is not a JSON object.`, { details: { file } });
  }
  const upgraded = upgradeDocument(document as Record<string, unknown>, file);
  const result = snapshotSchema.safeParse(upgraded);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 3).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    throw new CrudgenError('SNAPSHOT_INVALID', `The snapshot "${file}" does not have the shape of a crudgen snapshot (${problems.join('; ')}).`, {
      details: { file, problems },
    });
  }
  return {
    ...result.data,
    schema: normalizeSchema(result.data.schema),
    warnings: normalizeWarnings(result.data.warnings),
  };
}

/** Reads and validates a snapshot file. */
export async function readSnapshot(file: string): Promise<Snapshot> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    const code = (cause as { code?: unknown }).code;
    if (code === 'ENOENT') {
      throw new CrudgenError('SNAPSHOT_NOT_FOUND', `The snapshot "${file}" does not exist.`, { cause, details: { file } });
    }
    throw new CrudgenError('FILE_READ_FAILED', `The snapshot "${file}" could not be read: ${causeText(cause)}.`, {
      cause,
      details: { file },
    });
  }
  return parseSnapshot(text, file);
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : `${out === '' ? '' : '.'}${String(part)}`;
  return out === '' ? '(root)' : out;
}
