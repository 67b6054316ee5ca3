import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadDriver } from '../../src/dialects/load-driver.js';
import { ERROR_CODES } from '../../src/runtime/errors/codes.js';
import { CrudgenError, isCrudgenError } from '../../src/runtime/errors/crudgen-error.js';

test('errors redact credentials in message, hint and details at construction', () => {
  const error = new CrudgenError('CONNECTION_FAILED', 'Could not reach postgres://app:hunter2@db:5432/x.', {
    details: { url: 'mysql://root:hunter2@h/db', nested: ['password=hunter2'] },
    hint: 'Try postgres://app:hunter2@db2/x',
    cause: new Error('inner'),
  });
  const visible = JSON.stringify(error.toJSON());
  assert.not.match(visible, 'hunter2');
  assert.match(visible, 'app:***@db');
  assert.is(error.code, 'CONNECTION_FAILED');
  assert.ok(isCrudgenError(error));
  assert.not.ok(isCrudgenError(new Error('plain')));
  assert.is((error.cause as Error).message, 'inner');
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
