import type { ColumnDefault, DefaultKind } from '../schema/model.js';

/**
 * Turns default texts into model defaults, classifying each distinct text once: thousands of
 * columns share a few dozen defaults (`now()`, `0`, `''`), and a classification runs several
 * patterns. One reader serves one introspection; its cache dies with the run. Each dialect
 * brings its own classifier, because each prints defaults in its own style.
 */
export class DefaultReader {
  private readonly kinds = new Map<string, DefaultKind>();

  constructor(private readonly classify: (raw: string) => DefaultKind) {}

  read(raw: string | null): ColumnDefault | null {
    if (raw === null) return null;
    let kind = this.kinds.get(raw);
    if (kind === undefined) {
      kind = this.classify(raw);
      this.kinds.set(raw, kind);
    }
    return { raw, kind };
  }
}
