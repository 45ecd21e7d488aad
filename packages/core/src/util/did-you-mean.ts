/**
 * "Did you mean …?" for misspelt names (request members, config keys, rule ids).
 *
 * `closest(word, candidates)` returns the candidate nearest to `word`, or undefined when none
 * is close enough to be a plausible typo:
 * - a candidate that differs only in case or in `-`/`_` separators wins outright
 *   (`filelocation`, `file_location` → `fileLocation`);
 * - otherwise the smallest optimal-string-alignment distance (Levenshtein plus adjacent
 *   transposition), compared case-insensitively, within a budget that grows with the length of
 *   the word: 1 edit up to 4 characters, then about one edit per 3 characters, at most 4;
 * - ties go to the earliest candidate (stable with the iteration order).
 * An exact match is returned as is.
 */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const normalized = normalize(word);
  const budget = maxDistance(word);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === word) return candidate;
    let distance: number;
    if (normalize(candidate) === normalized && normalized !== '') {
      // case or separator only: better than any real edit, worse than identity
      distance = candidate.toLowerCase() === lower ? 0.1 : 0.2;
    } else {
      if (Math.abs(candidate.length - word.length) > budget) continue;
      distance = osaDistance(lower, candidate.toLowerCase(), budget);
      if (distance > budget) continue;
      // a candidate at least as long as the edits it needs: "ab" is not a typo of "xy"
      if (distance >= Math.min(word.length, candidate.length)) continue;
    }
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

const doubleQuoted = (word: string) => JSON.stringify(word);

/**
 * The "did you mean" part of a message, for a guess from `closest` (or undefined: no guess).
 * `sentence` follows a full sentence: ` Did you mean "x"?` or nothing. `clause` ends a clause
 * (`unknown key` + it): `; did you mean "x"?` or a full stop.
 */
export function didYouMean(guess: string | undefined, form: 'sentence' | 'clause' = 'sentence', quote: (word: string) => string = doubleQuoted): string {
  if (guess === undefined) return form === 'clause' ? '.' : '';
  return form === 'clause' ? `; did you mean ${quote(guess)}?` : ` Did you mean ${quote(guess)}?`;
}

function normalize(name: string): string {
  return name.toLowerCase().replace(/[-_\s]/g, '');
}

function maxDistance(word: string): number {
  const length = [...word].length;
  if (length <= 4) return 1;
  return Math.min(4, Math.max(2, Math.floor(length / 3)));
}

/** Three rows of the distance table, reused by every call (grown when a word is longer). */
let rows = new Int32Array(3 * 32);

/**
 * Optimal string alignment distance (insert, delete, substitute, swap two adjacent characters),
 * over UTF-16 code units. Stops early and returns `limit + 1` once every cell of a row exceeds
 * `limit`.
 */
export function osaDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (n === 0) return m;
  if (m === 0) return n;
  const width = m + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width);
  // Offsets of the rows two back, one back and being filled.
  let twoAgo = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j <= m; j++) rows[previous + j] = j;
  for (let i = 1; i <= n; i++) {
    const here = a.charCodeAt(i - 1);
    const before = i > 1 ? a.charCodeAt(i - 2) : -1;
    rows[current] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const there = b.charCodeAt(j - 1);
      let value = Math.min(rows[previous + j]! + 1, rows[current + j - 1]! + 1, rows[previous + j - 1]! + (here === there ? 0 : 1));
      if (j > 1 && before === there && here === b.charCodeAt(j - 2)) value = Math.min(value, rows[twoAgo + j - 2]! + 1);
      rows[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    const spare = twoAgo;
    twoAgo = previous;
    previous = current;
    current = spare;
  }
  return rows[previous + m]!;
}
