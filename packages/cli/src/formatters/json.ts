import type { Diagnostic, FileResult, SuppressedDiagnostic } from '@otalint/core/engine';
import type { Formatter } from './types.js';

/** The JSON report's version: bump the major on any breaking change (docs/json-report.md). */
export const JSON_REPORT_VERSION = '1.2.0';

export interface JsonReport {
  readonly version: string;
  readonly results: ReadonlyArray<{
    readonly filePath: string;
    readonly messages: readonly Diagnostic[];
    readonly suppressedMessages?: readonly SuppressedDiagnostic[];
    readonly errorCount: number;
    readonly warningCount: number;
    readonly infoCount: number;
  }>;
}

export function toJsonReport(results: readonly FileResult[]): JsonReport {
  return {
    version: JSON_REPORT_VERSION,
    results: results.map((result) => ({
      filePath: result.filePath,
      messages: result.messages.map(orderKeys),
      ...(result.suppressedMessages?.length
        ? { suppressedMessages: result.suppressedMessages.map((d) => ({ ...orderKeys(d), suppressions: d.suppressions })) }
        : {}),
      errorCount: result.errorCount,
      warningCount: result.warningCount,
      infoCount: result.infoCount,
    })),
  };
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
    ...(d.suggestions ? { suggestions: d.suggestions } : {}),
    // Since 1.1.0: the finding's stable identity, as in baselines and SARIF partialFingerprints.
    ...(d.fingerprint ? { fingerprint: d.fingerprint } : {}),
  };
}

export const json: Formatter = (results) => `${JSON.stringify(toJsonReport(results), null, 2)}\n`;
