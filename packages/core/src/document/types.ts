import type { JsonPath, SourceRange, Target, TextEdit, ValueEdit } from '../diagnostic.js';
import type { DisableComment } from '../suppressions/comments.js';

/** The request-file formats: what `--cli-input-json` and `--cli-input-yaml` read. */
export type DocumentFormat = 'json' | 'yaml';

/**
 * The syntax a request's values are written in, for messages that quote it (YAML's "quote it"
 * hints) and for fixes. Request files are `json` or `yaml`; other sources name their own.
 */
export type ValueSyntax = DocumentFormat | 'shorthand' | 'javascript' | 'python' | (string & {});

/** A problem found while reading the text, before any rule runs. */
export interface ParseProblem {
  readonly ruleId: string;
  readonly message: string;
  readonly offset: number;
  readonly length: number;
  /** JSON pointer of the nearest value, when known. */
  readonly path: string;
  readonly fix?: readonly TextEdit[];
  /** Defaults to error. */
  readonly severity?: 'error' | 'warning' | 'info';
  /**
   * The `ruleId` names a rule of the catalogue whose findings the reader makes, because only the
   * source shows them (an unknown command-line option, broken shorthand): the rule's configured
   * severity applies, and nothing is reported while the rule is off.
   */
  readonly sourceRule?: boolean;
  /** A rule whose report at the same path this problem says better (`aws-api-model`'s missing member). */
  readonly supersedes?: string;
}

export interface Span {
  readonly offset: number;
  readonly length: number;
}

/**
 * One CreateOTAUpdate request found in a file. Rules never see this: they get `value` and report
 * by path; the request turns paths into spans of the file and value edits into text edits, in
 * the syntax it is written in.
 */
export interface RequestDocument {
  /** Position among the file's requests, from 0. */
  readonly index: number;
  /** What could be read, even past syntax errors; undefined when nothing could. */
  readonly value: unknown;
  readonly format: ValueSyntax;
  /** Problems that belong to this request (a broken shorthand value, a duplicate option). */
  readonly problems: readonly ParseProblem[];
  /** Where the request is written: the whole file, a command line, a call. */
  readonly span: Span;
  /** Whether the value holds unknown values or open containers (see value/unknown.ts). */
  readonly hasUnknowns: boolean;
  /** True when the reader's own walk of the value found it within the nesting and expanded-size limits (limits.ts): the engine does not walk it again. */
  readonly heldWithinLimits?: boolean;
  /** The span of the value (or key, or enclosing object) at a path; falls back to the nearest ancestor. */
  locate(path: JsonPath, target: Target): Span;
  /** Text edits that carry out a value edit; undefined when the edit cannot be made safely. */
  textEdits(edit: ValueEdit): TextEdit[] | undefined;
  /** The value at a path as written (`1.0` where the value reads 1); undefined when the path is not written. */
  sourceText(path: JsonPath): string | undefined;
  /** For a blob member in code: whether the SDK was given it as bytes or as text. Request files have none. */
  blobInput?(path: JsonPath): BlobInput | undefined;
}

/**
 * How an SDK call was given a blob (`signature.inlineDocument`): as bytes, which the SDK
 * base64-encodes on the wire, or as text, whose UTF-8 bytes it base64-encodes, so base64 text is
 * encoded twice. The request value holds what goes on the wire, as in a request file.
 */
export type BlobInput = 'bytes' | 'text';

/** What a kind may need besides the text: where the file is, to read the files it names. */
export interface ReadContext {
  /** The folder a relative `filePath` is relative to (the linter's working directory). */
  readonly cwd: string;
}

/** A file, read: its own problems and the requests it holds (zero or more). */
export interface SourceDocument {
  readonly filePath: string;
  /** The source kind that read it (`json`, `yaml`, `shell`, ...). */
  readonly kind: string;
  readonly text: string;
  /** Problems of the file itself (its syntax), not of one request. */
  readonly problems: readonly ParseProblem[];
  readonly requests: readonly RequestDocument[];
  range(span: Span): SourceRange;
  /** `otalint-disable-next-line` / `otalint-disable-line` comments, in the file's comment syntax. */
  disableComments(): readonly DisableComment[];
  /**
   * Other files the requests were read from (absolute paths): `file://` values and
   * `--cli-input-json` files of a command line. A cache must treat the result as stale when
   * one of them changes. Absent: the file's text is all it depends on.
   */
  readonly dependencies?: readonly string[];
}

/**
 * A kind of source file that can hold requests: one module that turns text into requests. The
 * engine knows nothing else about it (see docs/writing-source-kinds.md in CONTRIBUTING.md).
 */
export interface SourceKind {
  /** Stable id: `json`, `yaml`, `shell`, ... (config and reports name it). */
  readonly id: string;
  readonly description: string;
  /** Globs that folder expansion lints with this kind (fast-glob syntax, matched below the folder). */
  readonly patterns: readonly string[];
  /** Whether a file named on the command line (or found by `patterns`) is of this kind. */
  claims(filePath: string, text?: string): boolean;
  /**
   * The extensions (`path.extname`, in lower case: `.json`; `''` for none) of every file `claims`
   * can accept. A file with another extension is not asked about, so which kind reads a file is
   * found without asking every kind. Leave it out to be asked about every file.
   */
  readonly extensions?: readonly string[];
  /**
   * A cheap test on files found by folder expansion: false when the text cannot hold a request,
   * so the file is not parsed at all. Named files are always read.
   */
  mayHoldRequests?(text: string): boolean;
  /**
   * Load what `read` needs (a WASM parser, say) before the kind reads its first file. The engine
   * awaits it once per run, and only when a file of this kind is read, so a run over JSON files
   * never loads a shell parser. Kinds that can read straight away leave it out.
   */
  prepare?(): Promise<void>;
  /**
   * Whether reading this text needs `prepare` first (it does when left out). A kind whose `read`
   * returns without its parser for text that cannot hold a request says so here, and a file of
   * ordinary code named on the command line (a pre-commit hook's) loads no parser.
   */
  needsPrepare?(text: string): boolean;
  /**
   * Read the file. Never throws on the text's content: problems are diagnostics. A kind with
   * `prepare` may throw when called before it was prepared (a bug in the caller).
   */
  read(filePath: string, text: string, context?: ReadContext): SourceDocument;
}
