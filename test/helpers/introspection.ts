import * as assert from 'uvu/assert';
import { introspect, type IntrospectInput } from '../../src/operations/introspect.js';
import type { CrudgenError } from '../../src/runtime/errors/crudgen-error.js';
import { rejection } from './errors.js';

/** Counts calls of `prototype.query` (a driver's connection class) while `run` runs. */
export async function countQueries(prototype: { query: unknown }, run: () => Promise<void>): Promise<number> {
  const original = prototype.query as (...args: unknown[]) => unknown;
  let count = 0;
  prototype.query = function (this: unknown, ...args: unknown[]) {
    count++;
    return original.apply(this, args);
  };
  try {
    await run();
  } finally {
    prototype.query = original;
  }
  return count;
}

/** Introspects a database that must fail, and returns the error after checking it leaks no secret. */
export async function failedIntrospection(input: IntrospectInput, secret = 'hunter2'): Promise<CrudgenError> {
  const error = await rejection(introspect(input));
  assert.not.match(JSON.stringify(error.toJSON()) + error.message + error.hint, secret);
  return error;
}
