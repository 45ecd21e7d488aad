import type { FileResult } from '@otalint/core/engine';

export interface RuleInfo {
  readonly description: string;
  readonly docsUrl: string;
  readonly defaultSeverity: string;
  /** Documentation the rule carries itself (a policy's definition), in Markdown. */
  readonly docs?: string;
  /** The rule's category (`signing`, `ranges`, ...; `engine` for the problems otalint reports itself). */
  readonly category?: string;
  /** How sure the rule's facts are: `documented`, `observed` or `inferred`. */
  readonly certainty?: string;
}

export interface FormatContext {
  /** The working directory; result file paths are relative to it. */
  readonly cwd: string;
  /**
   * The root of the repository the working directory is in (the cwd outside one): SARIF file URIs
   * are relative to it, as code scanning reads them.
   */
  readonly sourceRoot?: string;
  /** Metadata of every known rule, by id (for SARIF rules, help links). */
  readonly rules: ReadonlyMap<string, RuleInfo>;
  /** Whether to emit ANSI colors (only for human formats writing to a terminal). */
  readonly color: boolean;
  readonly toolVersion: string;
}

/** A report's text, whole, or in pieces to write one after the other. */
export type ReportText = string | Iterable<string>;

export interface Formatter {
  (results: readonly FileResult[], context: FormatContext): string;
  /** The same text in pieces, made as they are written (a built-in format's large reports): never held whole. */
  readonly pieces?: (results: readonly FileResult[], context: FormatContext) => Iterable<string>;
}
