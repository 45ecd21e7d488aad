/** A location inside a request document: a list of member names and list indexes. */
export type JsonPath = ReadonlyArray<string | number>;

export type Severity = 'error' | 'warning' | 'info';

/** What part of the document a diagnostic points at. */
export type Target =
  /** the value at the path (the default) */
  | 'value'
  /** the member name at the path (unknown or duplicate keys) */
  | 'key'
  /** the object that should have held the member named last in the path (missing members) */
  | 'parent';

/**
 * An edit a rule asks for, expressed on the request value, not on text: the document that
 * holds the request turns it into text edits in its own syntax (JSON or YAML), keeping all
 * other formatting.
 */
export type ValueEdit =
  | { readonly kind: 'replace'; readonly path: JsonPath; readonly value: unknown }
  | { readonly kind: 'rename-key'; readonly path: JsonPath; readonly to: string }
  | { readonly kind: 'remove'; readonly path: JsonPath };

/** A text edit: replace `length` UTF-16 code units at `offset` with `text`. */
export interface TextEdit {
  readonly offset: number;
  readonly length: number;
  readonly text: string;
}

export interface Fix {
  readonly edits: readonly TextEdit[];
}

export interface Suggestion {
  readonly message: string;
  readonly fix: Fix;
  /** The rule's message id for the suggestion (ESLint reports carry it). */
  readonly messageId?: string;
}

export interface SourceRange {
  /** 1-based */
  readonly line: number;
  /** 1-based, UTF-16 code units */
  readonly column: number;
  readonly endLine: number;
  /** 1-based, exclusive */
  readonly endColumn: number;
  /** 0-based UTF-16 offset */
  readonly offset: number;
  readonly length: number;
}

/** One finding, resolved to a place in the file. This is what reports are made of. */
/** Where a finding about the whole file goes (it cannot be read, or a rule crashed on it): 1:1, the whole request. */
export const FILE_START = { path: '', line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0 } as const;

export interface Diagnostic extends SourceRange {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  /** RFC 6901 JSON pointer of the value concerned; "" for the whole document. */
  readonly path: string;
  readonly fix?: Fix;
  readonly suggestions?: readonly Suggestion[];
  /** Stable identity for baselines and SARIF `partialFingerprints` (see fingerprint.ts). */
  readonly fingerprint?: string;
  /**
   * Which request of the file the finding belongs to (from 0), when the file holds more than
   * one; absent for the file's own problems and in files with a single request.
   */
  readonly requestIndex?: number;
  /** The rule's message id (absent for the engine's own problems); not in the JSON report. */
  readonly messageId?: string;
  /**
   * How many more findings of the same kind in this request were left out after this one
   * (otalint shows the first 101 of a kind per request); they count in the totals.
   */
  readonly omitted?: number;
}

/** Why a finding is not reported: SARIF's suppression kinds. */
export interface SuppressionInfo {
  /** `inSource`: a disable comment in the file; `external`: a suppression in config. */
  readonly kind: 'inSource' | 'external';
  readonly justification: string;
}

/** A finding a suppression waived: kept for audits (JSON `suppressedMessages`, SARIF `suppressions`). */
export interface SuppressedDiagnostic extends Diagnostic {
  readonly suppressions: readonly SuppressionInfo[];
}

/** A request a file holds, as linted: where it is written and what it reads as. */
export interface LintedRequest {
  readonly index: number;
  /** Where the request is written (the whole file for request files). */
  readonly range: SourceRange;
  /** The request as read; unknown values are `UnknownValue`s (see value/unknown.ts). */
  readonly value: unknown;
  readonly hasUnknowns: boolean;
}

export interface FileResult {
  readonly filePath: string;
  /** The source kind that read the file (`json`, `yaml`, `shell`, ...); absent when it was not read. */
  readonly kind?: string;
  /** The requests the file holds (none for a script without a CreateOTAUpdate call). */
  readonly requests?: readonly LintedRequest[];
  /** Sorted by offset, then rule id. */
  readonly messages: readonly Diagnostic[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly infoCount: number;
  /** True when a rule crashed or the file could not be read: the run failed (exit 2). */
  readonly fatal: boolean;
  /** Findings waived by a disable comment or a config suppression; they count nowhere. */
  readonly suppressedMessages?: readonly SuppressedDiagnostic[];
  /** The file's text, as read (needed to apply fixes). */
  readonly source?: string;
  /** The text after `--fix` (or what `--fix-dry-run` would write), when fixes changed it. */
  readonly output?: string;
}

/** Ids reserved by the engine for problems that are not found by a rule. */
export const RESERVED_RULE_IDS = {
  syntax: 'syntax-error',
  duplicateKey: 'duplicate-key',
  internal: 'internal-error',
  unreadable: 'unreadable-file',
  /** The file passes one of the engine's limits (size, nesting depth, expanded size): not checked. */
  limit: 'limit-exceeded',
  /** The file's bytes are not UTF-8 text (invalid UTF-8, UTF-16, UTF-32). */
  encoding: 'encoding-error',
} as const;
