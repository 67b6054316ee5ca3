/**
 * Durations in fixed logarithmic buckets (four per doubling, from 1 µs): constant memory
 * whatever the traffic, percentiles within about 19 % — enough to tell 2 ms from 20 ms.
 */
const BUCKETS = 4 * 32;
const PER_DOUBLING = 4;
const SMALLEST_MS = 0.001;

export class Histogram {
  private readonly counts = new Uint32Array(BUCKETS);
  count = 0;
  totalMs = 0;
  maxMs = 0;

  record(ms: number): void {
    this.count += 1;
    this.totalMs += ms;
    if (ms > this.maxMs) this.maxMs = ms;
    const index = ms <= SMALLEST_MS ? 0 : Math.min(BUCKETS - 1, Math.floor(Math.log2(ms / SMALLEST_MS) * PER_DOUBLING));
    this.counts[index] = (this.counts[index] as number) + 1;
  }

  /** The upper edge of the bucket holding the q-th quantile, capped at the maximum seen. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.ceil(q * this.count);
    let seen = 0;
    for (let index = 0; index < BUCKETS; index++) {
      seen += this.counts[index] as number;
      if (seen >= rank) return Math.min(this.maxMs, SMALLEST_MS * 2 ** ((index + 1) / PER_DOUBLING));
    }
    return this.maxMs;
  }
}
