import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { REFERENCE_PAGES } from '../../docs/tools/pages.js';
import { ERROR_CODES } from '../../src/runtime/errors/codes.js';
import { ROOT } from '../helpers/paths.js';

test('the CLI, configuration and error references match the code they are rendered from', () => {
  // The type forces every field to exist, not to say something; docs/errors.md promises all three per code.
  const blank = Object.entries(ERROR_CODES)
    .filter(([, entry]) => [entry.meaning, entry.cause, entry.fix].some((text) => text.trim() === ''))
    .map(([code]) => code);
  assert.equal(blank, [], 'every error code needs a meaning, a cause and a fix');
  for (const { file, render } of REFERENCE_PAGES) {
    assert.ok(readFileSync(join(ROOT, file), 'utf8') === render(), `${file} is stale: run npm run docs`);
  }
});

test.run();
