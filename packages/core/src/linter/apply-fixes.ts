import type { Diagnostic, TextEdit } from '../diagnostic.js';

export interface FixOutcome {
  readonly text: string;
  /** Fixes applied. */
  readonly applied: number;
}

/**
 * Apply the fixes of one lint pass: each fix whole or not at all, skipping any that overlaps an
 * earlier one (the next pass, after a re-lint, picks it up).
 */
export function applyFixes(text: string, messages: readonly Diagnostic[]): FixOutcome {
  const fixes = messages
    .filter((message) => message.fix && message.fix.edits.length > 0)
    .map((message) => [...message.fix!.edits].sort((a, b) => a.offset - b.offset))
    .sort((a, b) => a[0]!.offset - b[0]!.offset);

  const accepted: TextEdit[] = [];
  let applied = 0;
  let cursor = -1;
  for (const edits of fixes) {
    const first = edits[0]!;
    const last = edits[edits.length - 1]!;
    if (first.offset < cursor || overlapsSelf(edits)) continue;
    accepted.push(...edits);
    cursor = last.offset + last.length;
    applied++;
  }

  let output = '';
  let position = 0;
  for (const edit of accepted) {
    output += text.slice(position, edit.offset) + edit.text;
    position = edit.offset + edit.length;
  }
  return { text: output + text.slice(position), applied };
}

function overlapsSelf(edits: readonly TextEdit[]): boolean {
  for (let i = 1; i < edits.length; i++) {
    const previous = edits[i - 1]!;
    if (edits[i]!.offset < previous.offset + previous.length) return true;
  }
  return false;
}
