/**
 * A unified diff (`diff -u` style, 3 lines of context) of two texts, for `--fix-dry-run`. Lines
 * common to both ends are trimmed first, so the line-by-line comparison runs only over the part
 * that fixes touched; a very large changed middle is shown as one replaced block.
 */
export function unifiedDiff(filePath: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const edits = [...Array.from({ length: start }, (): Edit => ({ kind: ' ', a: 0, b: 0 })), ...middleEdits(a, b, start, endA, endB)];
  for (let i = 0; i < a.length - endA; i++) edits.push({ kind: ' ', a: 0, b: 0 });
  // Number the edits: each keeps the line numbers it sits at in both texts.
  let lineA = 0;
  let lineB = 0;
  for (const edit of edits) {
    edit.a = lineA;
    edit.b = lineB;
    if (edit.kind !== '+') lineA++;
    if (edit.kind !== '-') lineB++;
  }
  const out = [`--- a/${filePath}`, `+++ b/${filePath}`];
  for (const hunk of hunks(edits, context)) {
    const first = hunk[0]!;
    const countA = hunk.filter((e) => e.kind !== '+').length;
    const countB = hunk.filter((e) => e.kind !== '-').length;
    out.push(`@@ -${range(first.a, countA)} +${range(first.b, countB)} @@`);
    for (const edit of hunk) out.push(`${edit.kind}${edit.kind === '+' ? b[edit.b] : a[edit.a]}`);
  }
  return `${out.join('\n')}\n`;
}

interface Edit {
  kind: ' ' | '-' | '+';
  a: number;
  b: number;
}

const MAX_MIDDLE = 4000;

function middleEdits(a: readonly string[], b: readonly string[], start: number, endA: number, endB: number): Edit[] {
  const n = endA - start;
  const m = endB - start;
  if (n * m > (MAX_MIDDLE * MAX_MIDDLE) / 4 || n > MAX_MIDDLE || m > MAX_MIDDLE) {
    return [...Array.from({ length: n }, (): Edit => ({ kind: '-', a: 0, b: 0 })), ...Array.from({ length: m }, (): Edit => ({ kind: '+', a: 0, b: 0 }))];
  }
  // Longest common subsequence over the changed middle, then walk it.
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[start + i] === b[start + j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      edits.push({ kind: ' ', a: 0, b: 0 });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removed lines before added ones, as diff prints them.
      edits.push({ kind: '-', a: 0, b: 0 });
      i++;
    } else {
      edits.push({ kind: '+', a: 0, b: 0 });
      j++;
    }
  }
  return edits;
}

function hunks(edits: readonly Edit[], context: number): Edit[][] {
  const changed = edits.map((edit, index) => (edit.kind === ' ' ? -1 : index)).filter((index) => index >= 0);
  const out: Edit[][] = [];
  let from = -1;
  let to = -1;
  for (const index of changed) {
    if (from !== -1 && index - context <= to + context) {
      to = index;
      continue;
    }
    if (from !== -1) out.push(edits.slice(Math.max(0, from - context), Math.min(edits.length, to + context + 1)));
    from = index;
    to = index;
  }
  if (from !== -1) out.push(edits.slice(Math.max(0, from - context), Math.min(edits.length, to + context + 1)));
  return out;
}

function range(start: number, count: number): string {
  // diff -u numbers from 1, and names the line before an empty range.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
