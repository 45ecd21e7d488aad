import type { JsonPath, Target, TextEdit, ValueEdit, SourceRange } from '../diagnostic.js';

export type DocumentFormat = 'json' | 'yaml';

/** A problem found while reading the text, before any rule runs. */
export interface ParseProblem {
  readonly ruleId: string;
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  /** JSON pointer of the nearest value, when known. */
  readonly path: string;
  readonly fix?: readonly TextEdit[];
}

export interface Span {
  readonly offset: number;
  readonly length: number;
}

/**
 * A request file, read. Rules never see this: they get `value` and report by path; the document
 * turns paths into source spans and value edits into text edits, in its own syntax.
 */
export interface RequestDocument {
  readonly filePath: string;
  readonly format: DocumentFormat;
  readonly text: string;
  /** What could be read, even past syntax errors; undefined when nothing could. */
  readonly value: unknown;
  readonly problems: readonly ParseProblem[];
  /** The span of the value (or key, or enclosing object) at a path; falls back to the nearest ancestor. */
  locate(path: JsonPath, target: Target): Span;
  /** Text edits that carry out a value edit; undefined when the edit cannot be made safely. */
  textEdits(edit: ValueEdit): TextEdit[] | undefined;
  range(span: Span): SourceRange;
}
