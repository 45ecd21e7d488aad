import type { Span } from '../../types.js';

/**
 * Shell code as it sits in a file: the text the shell runs, and where each of its characters is
 * in the file. A script is its own snippet; a workflow's `run:` block, a Makefile recipe or a
 * README code block is the code a host file carries, with the host's own syntax taken out.
 */
export interface ShellSnippet {
  readonly code: string;
  /** Code offset → file offset (an offset at the end of a piece maps to the end of its text). */
  readonly toFile: (offset: number) => number;
  /**
   * Where the piece of code holding `offset` ends: the code from `offset` up to there is written
   * as-is, side by side, in the file (so `toFile` of each offset is one more than of the one before).
   */
  readonly pieceEnd: (offset: number) => number;
  /** Does the shell that runs it do brace expansion (`a{b,c}` → `ab ac`)? */
  readonly braceExpansion: 'yes' | 'maybe' | 'no';
  /**
   * Spans of the code (code offsets) that the host replaces before the shell runs it, such as
   * GitHub's `${{ secrets.ROLE }}`: unknown, whatever the shell quoting around them.
   */
  readonly templates?: readonly Span[];
  /** Variables the host sets before the code runs, with their literal values (a workflow's `env:`). */
  readonly environment?: ReadonlyMap<string, HostLiteral>;
  /** Where relative `file://` paths are read from. */
  readonly folder: string;
}

/** A literal value a host file gives a variable, and where it is written in the file. */
export interface HostLiteral {
  readonly value: string;
  /** File offset of each character's source (one more entry: the end). */
  readonly offsets: readonly number[];
}

/** Builds the code of a snippet piece by piece, keeping where each piece is in the file. */
export class SnippetBuilder {
  #code = '';
  readonly #codeStarts: number[] = [];
  readonly #fileStarts: number[] = [];

  /** Append text that is written as-is at `fileOffset`. */
  append(text: string, fileOffset: number): void {
    if (text.length === 0) return;
    this.#codeStarts.push(this.#code.length);
    this.#fileStarts.push(fileOffset);
    this.#code += text;
  }

  get code(): string {
    return this.#code;
  }

  build(): CodeMap {
    const codeStarts = [...this.#codeStarts];
    const fileStarts = [...this.#fileStarts];
    const code = this.#code;
    const toFile = (offset: number): number => {
      if (codeStarts.length === 0) return offset;
      let low = 0;
      let high = codeStarts.length - 1;
      while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (codeStarts[mid]! <= offset) low = mid;
        else high = mid - 1;
      }
      return fileStarts[low]! + (offset - codeStarts[low]!);
    };
    const pieceEnd = (offset: number): number => {
      let low = 0;
      let high = codeStarts.length;
      while (low < high) {
        const mid = (low + high) >> 1;
        if (codeStarts[mid]! <= offset) low = mid + 1;
        else high = mid;
      }
      return low < codeStarts.length ? codeStarts[low]! : code.length;
    };
    return { code, toFile, pieceEnd };
  }
}

/** Code, and where its characters are in the file. */
export type CodeMap = Pick<ShellSnippet, 'code' | 'toFile' | 'pieceEnd'>;

/** Code that is the file's own text, character for character (a script). */
export function fileCode(text: string): CodeMap {
  return { code: text, toFile: (offset) => offset, pieceEnd: () => text.length };
}
