import type { Diagnostic, FileResult, LintedRequest, SuppressedDiagnostic } from '@otalint/core/engine';
import type { Formatter } from './types.js';

/** The JSON report's version: bump the major on any breaking change (docs/json-report.md). */
export const JSON_REPORT_VERSION = '1.4.0';

export interface JsonReport {
  readonly version: string;
  readonly results: ReadonlyArray<{
    readonly filePath: string;
    readonly messages: readonly Diagnostic[];
    readonly suppressedMessages?: readonly SuppressedDiagnostic[];
    readonly errorCount: number;
    readonly warningCount: number;
    readonly infoCount: number;
    readonly kind?: string;
    readonly requests?: readonly JsonRequest[];
    readonly output?: string;
  }>;
}

interface JsonRequest {
  readonly index: number;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly hasUnknowns?: true;
}

/** Request files (one request, the whole file) keep the 1.2 shape; other sources list their requests. */
const REQUEST_FILE_KINDS = new Set(['json', 'yaml']);

export function toJsonReport(results: readonly FileResult[]): JsonReport {
  return { version: JSON_REPORT_VERSION, results: results.map(toJsonResult) };
}

type JsonResult = { -readonly [K in keyof JsonReport['results'][number]]: JsonReport['results'][number][K] };

function toJsonResult(result: FileResult): JsonReport['results'][number] {
  // Made in the report's order without spreading `cond ? { member } : {}`, which makes an object per member per file.
  const { filePath, errorCount, warningCount, infoCount } = result;
  const messages = result.messages.map(orderKeys);
  const entry: JsonResult = result.suppressedMessages?.length
    ? {
        filePath,
        messages,
        suppressedMessages: result.suppressedMessages.map((d) => ({ ...orderKeys(d), suppressions: d.suppressions })),
        errorCount,
        warningCount,
        infoCount,
      }
    : { filePath, messages, errorCount, warningCount, infoCount };
  if (result.kind !== undefined && !REQUEST_FILE_KINDS.has(result.kind)) {
    entry.kind = result.kind;
    entry.requests = (result.requests ?? []).map(toJsonRequest);
  }
  if (result.output !== undefined) entry.output = result.output;
  return entry;
}

function toJsonRequest(request: LintedRequest): JsonRequest {
  const { line, column, endLine, endColumn } = request.range;
  return { index: request.index, line, column, endLine, endColumn, ...(request.hasUnknowns ? { hasUnknowns: true as const } : {}) };
}

/** Stable key order, so reports diff cleanly. */
function orderKeys(d: Diagnostic): Diagnostic {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    message: d.message,
    path: d.path,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    offset: d.offset,
    length: d.length,
    ...(d.fix ? { fix: d.fix } : {}),
    ...(d.suggestions ? { suggestions: d.suggestions.map(({ message, fix }) => ({ message, fix })) } : {}),
    // Since 1.1.0: the finding's stable identity, as in baselines and SARIF partialFingerprints.
    ...(d.fingerprint ? { fingerprint: d.fingerprint } : {}),
    // Since 1.3.0: which request of a file with several.
    ...(d.requestIndex === undefined ? {} : { requestIndex: d.requestIndex }),
    // Since 1.4.0: how many more findings of this kind were left out after this one.
    ...(d.omitted === undefined ? {} : { omitted: d.omitted }),
  };
}

/** How many files' results one piece of the report holds. */
const FILES_PER_PIECE = 256;

/**
 * The report (`JSON.stringify(toJsonReport(results), null, 2)` and a line break), made a few
 * hundred files at a time: a run over 50,000 files never holds the whole report, nor a copy of
 * every result as it. Each piece is the results of its files as the whole report writes them (a
 * report of those files alone, cut to its list), so JSON.stringify still does all the writing.
 */
function* jsonPieces(results: readonly FileResult[]): Generator<string> {
  if (results.length === 0) {
    yield `${JSON.stringify(toJsonReport(results), null, 2)}\n`;
    return;
  }
  const open = '{\n  "results": [\n';
  const close = '\n  ]\n}';
  for (let from = 0; from < results.length; from += FILES_PER_PIECE) {
    const text = JSON.stringify({ results: results.slice(from, from + FILES_PER_PIECE).map(toJsonResult) }, null, 2);
    const listed = text.slice(open.length, text.length - close.length);
    yield from === 0 ? `{\n  "version": ${JSON.stringify(JSON_REPORT_VERSION)},\n  "results": [\n${listed}` : `,\n${listed}`;
  }
  yield `${close}\n`;
}

export const json: Formatter = Object.assign((results: readonly FileResult[]) => [...jsonPieces(results)].join(''), { pieces: jsonPieces });
