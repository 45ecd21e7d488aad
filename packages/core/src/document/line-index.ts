import type { SourceRange } from '../diagnostic.js';

/** How many times a document's lines were indexed, for tests that hold it to the files that need it. */
export const lineIndexes = { built: 0 };

/**
 * Turns 0-based UTF-16 offsets into 1-based line/column. The lines are indexed on the first
 * position asked for, not before: most files of a run need only the range of their whole text
 * (where their one request is), which a count of line breaks gives.
 */
export class LineIndex {
  readonly #text: string;
  #lineStarts: number[] | undefined;

  constructor(text: string) {
    this.#text = text;
  }

  position(offset: number): { line: number; column: number } {
    const lineStarts = (this.#lineStarts ??= indexLines(this.#text));
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  }

  range(offset: number, length: number): SourceRange {
    const text = this.#text;
    if (this.#lineStarts === undefined && offset === 0 && length === text.length && !text.includes('\r')) {
      let breaks = 0;
      let lastBreak = -1;
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
        breaks++;
        lastBreak = at;
      }
      return { line: 1, column: 1, endLine: breaks + 1, endColumn: text.length - lastBreak, offset, length };
    }
    const start = this.position(offset);
    const end = this.position(offset + length);
    return {
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      offset,
      length,
    };
  }
}

/** The offset where each line starts, after `\n`, `\r\n` or a lone `\r`. */
function indexLines(text: string): number[] {
  lineIndexes.built++;
  const lineStarts = [0];
  if (!text.includes('\r')) {
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) lineStarts.push(at + 1);
    return lineStarts;
  }
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) lineStarts.push(i + 1);
    else if (ch === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      lineStarts.push(i + 1);
    }
  }
  return lineStarts;
}
