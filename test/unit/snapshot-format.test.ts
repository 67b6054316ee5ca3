import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CrudgenError } from '../../src/runtime/errors/crudgen-error.js';
import { parseSnapshot, readSnapshot } from '../../src/snapshot/read.js';
import { upgradeDocument, type UpgradeStep } from '../../src/snapshot/upgrade.js';
import { CURRENT_FORMAT_VERSION } from '../../src/snapshot/version.js';
import { serializeSnapshot } from '../../src/snapshot/write.js';
import { FIXTURES } from '../helpers/paths.js';

/**
 * One fixture per format version ever released stays here unchanged, so that every old snapshot
 * keeps loading through the upgrade chain; a new version without its fixture fails here.
 */
const OLD_FORMATS = Array.from({ length: CURRENT_FORMAT_VERSION }, (_, index) => index + 1);

test('every released snapshot format loads, with omitted defaults restored', async () => {
  for (const version of OLD_FORMATS) {
    const file = join(FIXTURES, 'snapshots', `format-${version}.json`);
    const snapshot = await readSnapshot(file);
    assert.is(snapshot.formatVersion, CURRENT_FORMAT_VERSION);
    const book = snapshot.schema.tables.find((t) => t.name === 'book');
    const status = book?.columns.find((c) => c.name === 'status');
    assert.equal(status?.allowedValues, ['draft', 'published']);
    // Left out in the file, restored on read.
    assert.is(status?.nullable, false);
    assert.is(status?.comment, null);
    assert.equal(snapshot.schema.enums, []);
    assert.is(snapshot.capabilities.nativeUuid, false);
    // Writing what was read and reading it again changes nothing.
    assert.equal(parseSnapshot(serializeSnapshot(snapshot), file), snapshot);
  }
  const current = join(FIXTURES, 'snapshots', `format-${CURRENT_FORMAT_VERSION}.json`);
  assert.is(serializeSnapshot(await readSnapshot(current)), readFileSync(current, 'utf8'), 'the current fixture is canonical');
});

test('the upgrade chain applies each step in order and refuses gaps and future versions', () => {
  const steps: UpgradeStep[] = [
    { from: 1, up: (d) => ({ ...d, trail: `${String(d['trail'])}>2` }) },
    { from: 2, up: (d) => ({ ...d, trail: `${String(d['trail'])}>3` }) },
  ];
  assert.equal(upgradeDocument({ formatVersion: 1, trail: '1' }, 'x.json', steps, 3), { formatVersion: 3, trail: '1>2>3' });
  assert.equal(upgradeDocument({ formatVersion: 2, trail: '2' }, 'x.json', steps, 3), { formatVersion: 3, trail: '2>3' });
  const failures: Array<[Record<string, unknown>, UpgradeStep[], string]> = [
    [{ formatVersion: 4 }, steps, 'SNAPSHOT_VERSION_UNSUPPORTED'],
    [{ formatVersion: 1 }, [steps[1] as UpgradeStep], 'SNAPSHOT_VERSION_UNSUPPORTED'],
    [{ formatVersion: '1' }, steps, 'SNAPSHOT_INVALID'],
    [{ formatVersion: 0 }, steps, 'SNAPSHOT_INVALID'],
    [{}, steps, 'SNAPSHOT_INVALID'],
  ];
  for (const [document, chain, code] of failures) {
    try {
      upgradeDocument(document, 'x.json', chain, 3);
      assert.unreachable(JSON.stringify(document));
    } catch (error) {
      assert.instance(error, CrudgenError);
      assert.is((error as CrudgenError).code, code, JSON.stringify(document));
      assert.match((error as CrudgenError).message, 'x.json');
    }
  }
});

test.run();
