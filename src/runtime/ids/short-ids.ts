import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { fillRandom } from './random.js';

// 64 symbols, safe in URLs and file names: a byte's low six bits pick one without bias.
const URL_SAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
const NANOID_LENGTH = 21;

/** A nanoid-style id: 21 random URL-safe characters, 126 bits. */
export function nanoid(): string {
  const bytes = new Uint8Array(NANOID_LENGTH);
  fillRandom(bytes, 0, NANOID_LENGTH);
  let id = '';
  for (const byte of bytes) id += URL_SAFE[byte & 63];
  return id;
}

const CUID_LENGTH = 24;
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
// What sets this process apart from others making ids at the same moment.
const fingerprint = `${process.pid}:${hostname()}:${randomHex(16)}`;
let counter = Number.parseInt(randomHex(4), 16);

/**
 * A cuid2-style id: 24 characters, a lower-case letter (so it is a valid identifier) and then a
 * SHA3-512 hash of the time, a counter, fresh random bytes and the process's fingerprint, in
 * base 36. Unlike a UUID v7 it reveals neither when nor where it was made.
 */
export function cuid2(): string {
  const first = new Uint8Array(1);
  fillRandom(first, 0, 1);
  const hash = createHash('sha3-512').update(`${Date.now()}:${counter++}:${randomHex(16)}:${fingerprint}`).digest('hex');
  // The hash in base 36 has some 99 digits; the first is skewed towards small ones and is skipped.
  return LETTERS[(first[0] as number) % 26] + BigInt(`0x${hash}`).toString(36).slice(1, CUID_LENGTH);
}

function randomHex(bytes: number): string {
  const buffer = new Uint8Array(bytes);
  fillRandom(buffer, 0, bytes);
  return Buffer.from(buffer).toString('hex');
}
