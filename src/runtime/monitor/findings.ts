/** Something the monitor noticed about how the database is used, with what to change. */
export interface Finding {
  readonly kind: 'n_plus_one' | 'missing_limit' | 'unindexed' | 'slow_query';
  readonly severity: 'info' | 'warning';
  /** One line for a log. */
  readonly message: string;
  readonly table?: string;
  readonly columns?: readonly string[];
  /** The repository method, where a repository ran the statement: `book.findMany`. */
  readonly method?: string;
  readonly evidence: {
    /** The statement's shape: its SQL without values. */
    readonly shape: string;
    readonly count?: number;
    readonly rows?: number;
    readonly durationMs?: number;
  };
  readonly suggestion?: { readonly text: string; readonly sql?: string };
  /** Findings of the same kind and shape held back since this one was last reported. */
  readonly suppressed: number;
}

/**
 * Lets a finding through once per key (kind, shape, columns) and interval, counting what it
 * holds back, so a hot loop reports its N+1 once a minute rather than on every request; the
 * keys it remembers are bounded like the shapes.
 */
export class FindingGate {
  private readonly last = new Map<string, { at: number; suppressed: number }>();

  constructor(
    private readonly intervalMs: number,
    private readonly capacity: number,
  ) {}

  pass(key: string, now: number): { suppressed: number } | null {
    const seen = this.last.get(key);
    if (seen !== undefined && now - seen.at < this.intervalMs) {
      seen.suppressed += 1;
      return null;
    }
    const suppressed = seen?.suppressed ?? 0;
    this.last.delete(key);
    this.last.set(key, { at: now, suppressed: 0 });
    if (this.last.size > this.capacity) this.last.delete(this.last.keys().next().value as string);
    return { suppressed };
  }

  clear(): void {
    this.last.clear();
  }
}
