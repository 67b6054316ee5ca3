import { randomFillSync } from 'node:crypto';

// Asking the system's generator once per id costs more than making the id: bytes are drawn
// from a pool refilled 8 KiB at a time.
const pool = new Uint8Array(8192);
let position = pool.length;

/** Copies `count` cryptographically random bytes into `target` at `offset`. */
export function fillRandom(target: Uint8Array, offset: number, count: number): void {
  if (position + count > pool.length) {
    randomFillSync(pool);
    position = 0;
  }
  target.set(pool.subarray(position, position + count), offset);
  position += count;
}
