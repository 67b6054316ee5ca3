import { inspect } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadDriver } from '../../src/runtime/load-driver.js';
import { ERROR_CODES } from '../../src/runtime/errors/codes.js';
import { CrudgenError, isCrudgenError } from '../../src/runtime/errors/crudgen-error.js';

test('errors redact credentials in message, hint, details, option objects, cause chains and inspection', () => {
  // A URL parser echoes its input; a driver may wrap such an error in its own.
  const parserError = Object.assign(new TypeError('Invalid URL'), { input: 'postgres://app:hunter2@db/x' });
  const driverError = new Error('connect failed for postgres://app:hunter2@db/x', { cause: parserError });
  const error = new CrudgenError('CONNECTION_FAILED', 'Could not reach postgres://app:hunter2@db:5432/x.', {
    details: { url: 'mysql://root:hunter2@h/db', nested: ['password=hunter2'], options: { host: 'db', password: 'hunter2' } },
    hint: 'Try postgres://app:hunter2@db2/x',
    cause: driverError,
  });
  const visible = [JSON.stringify(error.toJSON()), inspect(error, { depth: 10 }), inspect(error.cause, { depth: 10, showHidden: true })].join('\n');
  assert.not.match(visible, 'hunter2');
  assert.match(visible, 'app:***@db');
  assert.equal(error.details['options'], { host: 'db', password: '***' });
  assert.equal([error.code, error.category, error.retryable], ['CONNECTION_FAILED', 'connection', true]);
  assert.ok(isCrudgenError(error));
  assert.not.ok(isCrudgenError(new Error('plain')));
  assert.instance(error.cause, Error, 'the cause keeps its class');
  assert.is(driverError.message, 'connect failed for postgres://app:hunter2@db/x', "the caller's own error object is not changed");
});

test('every registered code has a meaning and a fix; a missing driver names the install command', async () => {
  for (const [code, entry] of Object.entries(ERROR_CODES)) {
    assert.match(code, /^[A-Z][A-Z_]+$/);
    assert.match(entry.meaning, /^[A-Z].*\.$/, code);
    assert.match(entry.fix, /^[A-Z`].*[.)]$/, code);
  }
  try {
    await loadDriver('crudgen-no-such-driver', () => import('crudgen-no-such-driver' as string));
    assert.unreachable();
  } catch (error) {
    assert.instance(error, CrudgenError);
    assert.is((error as CrudgenError).code, 'DRIVER_MISSING');
    assert.is((error as CrudgenError).hint, 'Run: npm i crudgen-no-such-driver');
  }
});

test.run();
