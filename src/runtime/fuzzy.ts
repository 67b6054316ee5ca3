/**
 * "Did you mean …?" for every place a user can misspell a name: config keys, CLI arguments,
 * table and column names at run time. One module, so suggestions read the same everywhere.
 */

const MAX_SUGGESTIONS = 3;

/** Spelling-insensitive form: `user_id`, `user-id`, `userId` and `UserID` all become `userid`. */
function loose(name: string): string {
  return name.replace(/[-_\s]/g, '').toLowerCase();
}

/**
 * Damerau–Levenshtein distance (optimal string alignment): insertions, deletions, substitutions
 * and transpositions of neighbours each cost one. Stops early once every path exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let beforePrevious: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMinimum = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, (beforePrevious[j - 2] as number) + 1);
      current.push(value);
      rowMinimum = Math.min(rowMinimum, value);
    }
    if (rowMinimum > limit) return limit + 1;
    beforePrevious = previous;
    previous = current;
  }
  return previous[b.length] as number;
}

/**
 * The candidates that `input` most likely meant, best first, at most three: those equal but for
 * case, `_`/`-` or camelCase, then those within an edit distance of max(1, ⌊length/3⌋).
 */
export function suggest(input: string, candidates: Iterable<string>): string[] {
  const limit = Math.max(1, Math.floor(input.length / 3));
  const looseInput = loose(input);
  const scored: Array<{ candidate: string; score: number }> = [];
  for (const candidate of new Set(candidates)) {
    if (candidate === input) continue;
    if (loose(candidate) === looseInput) {
      scored.push({ candidate, score: 0 });
      continue;
    }
    // Compare as typed, ignoring case, and ignoring separators too: "uuid7" is one edit from "uuid_v7".
    const distance = Math.min(
      editDistance(input, candidate, limit),
      editDistance(input.toLowerCase(), candidate.toLowerCase(), limit),
      editDistance(looseInput, loose(candidate), limit),
    );
    if (distance <= limit) scored.push({ candidate, score: distance });
  }
  scored.sort((x, y) => x.score - y.score || (x.candidate < y.candidate ? -1 : x.candidate > y.candidate ? 1 : 0));
  return scored.slice(0, MAX_SUGGESTIONS).map((entry) => entry.candidate);
}

/** ` Did you mean "email"?` (or `"email" or "emails"`), or '' when nothing is close. */
export function didYouMean(input: string, candidates: Iterable<string>): string {
  const found = suggest(input, candidates).map((name) => `"${name}"`);
  if (found.length === 0) return '';
  const list = found.length === 1 ? found[0] : `${found.slice(0, -1).join(', ')} or ${found.at(-1)}`;
  return ` Did you mean ${list}?`;
}

/** ` (did you mean "x"?)` to end a phrase, or nothing when no name is near. */
export function suggestion(input: string, candidates: Iterable<string>): string {
  const near = suggest(input, candidates);
  return near.length === 0 ? '' : ` (did you mean ${near.map((name) => `"${name}"`).join(' or ')}?)`;
}
