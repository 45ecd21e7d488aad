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
 * over UTF-16 code units. With a `limit`, any distance above it comes back as `limit + 1`: only the
 * cells within `limit` of the diagonal are worked out (a path through any other costs more), and
 * the work stops once every cell of a row exceeds it.
 */
export function osaDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > limit) return limit + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  const width = m + 1;
  if (rows.length < 3 * width) rows = new Int32Array(3 * width);
  const table = rows;
  // How far from the diagonal a cell can matter, and what stands for "too far" beside the band.
  const band = Math.min(limit, Math.max(n, m));
  const beyond = band + 1;
  // Offsets of the rows two back, one back and being filled.
  let twoAgo = 0;
  let previous = width;
  let current = 2 * width;
  for (let j = 0; j <= m; j++) table[previous + j] = j;
  for (let i = 1; i <= n; i++) {
    const here = a.charCodeAt(i - 1);
    const before = i > 1 ? a.charCodeAt(i - 2) : -1;
    const from = i > band ? i - band : 1;
    const to = i + band < m ? i + band : m;
    table[current + from - 1] = from === 1 ? i : beyond;
    let rowMin = from === 1 ? i : beyond;
    for (let j = from; j <= to; j++) {
      const there = b.charCodeAt(j - 1);
      let value = table[previous + j - 1]! + (here === there ? 0 : 1);
      const deleted = table[previous + j]! + 1;
      if (deleted < value) value = deleted;
      const inserted = table[current + j - 1]! + 1;
      if (inserted < value) value = inserted;
      if (j > 1 && before === there && here === b.charCodeAt(j - 2)) {
        const swapped = table[twoAgo + j - 2]! + 1;
        if (swapped < value) value = swapped;
      }
      table[current + j] = value;
      if (value < rowMin) rowMin = value;
    }
    // The cell past the band's right end, which the next row reads from above.
    if (to < m) table[current + to + 1] = beyond;
    if (rowMin > limit) return limit + 1;
    const spare = twoAgo;
    twoAgo = previous;
    previous = current;
    current = spare;
  }
  const distance = table[previous + m]!;
  return distance > limit ? limit + 1 : distance;
}
