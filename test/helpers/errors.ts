import * as assert from 'uvu/assert';
import { isCrudgenError, type CrudgenError } from '../../src/runtime/errors/crudgen-error.js';

/** Awaits a promise that must reject with a `CrudgenError`, and returns the error. */
export async function rejection(promise: Promise<unknown>): Promise<CrudgenError> {
  const error = await promise.then(
    () => assert.unreachable('expected a failure'),
    (caught: unknown) => caught,
  );
  if (!isCrudgenError(error)) throw error;
  return error;
}
