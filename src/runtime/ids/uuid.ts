import { fillRandom } from './random.js';

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

let lastMs = -1;
let sequence = 0;

/**
 * A UUID version 7 (RFC 9562) as 16 bytes: 48 bits of Unix milliseconds, then a 12-bit
 * sequence, then 62 random bits. Ids made later sort later, so new keys land at the right edge
 * of a B-tree index instead of on random pages; within one millisecond the sequence counts up
 * from a random start, and a clock that steps back keeps the last time.
 */
export function uuidV7Bytes(): Uint8Array {
  const bytes = new Uint8Array(16);
  fillRandom(bytes, 6, 10);
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    // Start in the lower half of the 12 bits, leaving room to count up within the millisecond.
    sequence = (((bytes[6] as number) & 0x07) << 8) | (bytes[7] as number);
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  writeMilliseconds(bytes, lastMs);
  bytes[6] = 0x70 | (sequence >> 8);
  bytes[7] = sequence & 0xff;
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  return bytes;
}

/** A UUID version 4 as 16 bytes: 122 random bits. */
export function uuidV4Bytes(): Uint8Array {
  const bytes = new Uint8Array(16);
  fillRandom(bytes, 0, 16);
  bytes[6] = 0x40 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  return bytes;
}

/** The canonical text: 36 characters, lower-case hex with hyphens. */
export function uuidText(bytes: Uint8Array): string {
  let text = '';
  for (let index = 0; index < 16; index++) {
    if (index === 4 || index === 6 || index === 8 || index === 10) text += '-';
    text += HEX[bytes[index] as number];
  }
  return text;
}

/** Writes 48 bits of milliseconds big-endian into bytes 0–5. */
export function writeMilliseconds(bytes: Uint8Array, ms: number): void {
  const high = Math.floor(ms / 2 ** 32);
  const low = ms >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = low >>> 24;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
}
