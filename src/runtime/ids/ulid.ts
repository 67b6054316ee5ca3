import { fillRandom } from './random.js';
import { writeMilliseconds } from './uuid.js';

// Crockford's base 32: no I, L, O or U, so ids read aloud and typed back stay unambiguous.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastMs = -1;
const lastRandom = new Uint8Array(10);

/**
 * A ULID as 16 bytes: 48 bits of Unix milliseconds, then 80 random bits. Within one
 * millisecond the random part counts up by one, so ids made later always sort later.
 */
export function ulidBytes(): Uint8Array {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    fillRandom(lastRandom, 0, 10);
  } else if (!increment(lastRandom)) {
    // 2^80 ids in one millisecond will not happen; a wrapped counter moves to the next one.
    lastMs++;
    fillRandom(lastRandom, 0, 10);
  }
  const bytes = new Uint8Array(16);
  writeMilliseconds(bytes, lastMs);
  bytes.set(lastRandom, 6);
  return bytes;
}

/** The 26-character text: the 128 bits, most significant first, five bits per character. */
export function ulidText(bytes: Uint8Array): string {
  let text = '';
  // 130 bits of output for 128 of input: the first character carries two leading zero bits.
  let buffer = 0;
  let bits = 2;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return text;
}

function increment(bytes: Uint8Array): boolean {
  for (let index = bytes.length - 1; index >= 0; index--) {
    if ((bytes[index] as number) < 0xff) {
      bytes[index] = (bytes[index] as number) + 1;
      return true;
    }
    bytes[index] = 0;
  }
  return false;
}
