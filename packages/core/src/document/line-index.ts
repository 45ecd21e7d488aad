import type { SourceRange } from '../diagnostic.js';

/** Turns 0-based UTF-16 offsets into 1-based line/column. Built once per document, on demand. */
export class LineIndex {
  readonly #lineStarts: number[] = [0];

  constructor(text: string) {
    if (!text.includes('\r')) {
      for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) this.#lineStarts.push(at + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 0x0a) this.#lineStarts.push(i + 1);
      else if (ch === 0x0d) {
        if (text.charCodeAt(i + 1) === 0x0a) i++;
        this.#lineStarts.push(i + 1);
      }
    }
  }

  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.#lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.#lineStarts[low]! + 1 };
  }

  range(offset: number, length: number): SourceRange {
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
