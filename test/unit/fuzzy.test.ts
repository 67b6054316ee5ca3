import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { didYouMean, editDistance, suggest } from '../../src/runtime/fuzzy.js';

const COLUMNS = ['id', 'email', 'emails', 'user_id', 'created_at', 'updated_at', 'first_name', 'last_name', 'status', 'orderId'];

test('typical typos find what was meant, best first, at most three, and nothing when nothing is close', () => {
  const cases: Array<[string, string[]]> = [
    ['emial', ['email']], // transposition ("emails" is two edits away, past ⌊5/3⌋ = 1)
    ['emal', ['email']], // deletion
    ['emaill', ['email', 'emails']], // insertion
    ['EMAIL', ['email', 'emails']], // case only
    ['userId', ['user_id']], // camelCase vs snake_case
    ['user-id', ['user_id']], // dash vs underscore
    ['order_id', ['orderId']], // the other way round
    ['createdAt', ['created_at', 'updated_at']], // exact but for spelling first, then three edits (⌊9/3⌋)
    ['crated_at', ['created_at', 'updated_at']], // one edit, then two (limit ⌊9/3⌋ = 3)
    ['fist_name', ['first_name', 'last_name']],
    ['stauts', ['status']],
    ['xyz', []],
    ['i', ['id']], // short input: distance 1 still allowed
    ['name', []], // ⌊4/3⌋ = 1: "last_name" is too far
  ];
  for (const [input, expected] of cases) assert.equal(suggest(input, COLUMNS), expected, input);
  assert.equal(suggest('a', ['b', 'c', 'd', 'e']), ['b', 'c', 'd'], 'at most three');
  assert.is(didYouMean('emial', COLUMNS), ' Did you mean "email"?');
  assert.is(didYouMean('emaill', COLUMNS), ' Did you mean "email" or "emails"?');
  assert.is(didYouMean('zzz', COLUMNS), '');
  assert.equal([editDistance('ab', 'ba'), editDistance('kitten', 'sitting'), editDistance('', 'abc')], [1, 3, 3]);
});

test.run();
