import { plural } from '@otalint/core';
import type { Diagnostic, FileResult, LintedRequest } from '@otalint/core/engine';
import { requestHash } from './canonical-json.js';
import type { ReadyRequest } from './executor.js';
import type { SubmissionResult } from './types.js';

interface Partition {
  readonly ready: ReadyRequest[];
  readonly skipped: SubmissionResult[];
}

/**
 * Decide per request: lint errors in it or in its file (or more warnings than --max-warnings,
 * counted per request) mean it is never sent, and so does a value known only at run time; the
 * rest are ready, with their value (as linted: the file is not read again) and its hash.
 */
export function partitionByLint(results: readonly FileResult[], maxWarnings: number, quiet: boolean): Partition {
  const ready: ReadyRequest[] = [];
  const skipped: SubmissionResult[] = [];
  for (const result of results) {
    const requests = result.requests ?? [];
    if (requests.length === 0) {
      // Unreadable, or a file with no request in it: a request file always has one.
      if (result.fatal || result.errorCount > 0)
        skipped.push({
          filePath: result.filePath,
          status: 'skipped',
          note: `not sent: ${plural(result.errorCount, 'lint error')}`,
          diagnostics: result.messages,
        });
      continue;
    }
    const several = requests.length > 1;
    for (const request of requests) {
      const own = result.messages.filter((m) => m.requestIndex === undefined || m.requestIndex === request.index);
      const decision = decide(request, own, maxWarnings, quiet);
      const base = {
        filePath: result.filePath,
        ...(several ? { requestIndex: request.index, line: request.range.line } : {}),
        otaUpdateId: decision.otaUpdateId,
        diagnostics: decision.diagnostics,
      };
      if (decision.skip !== undefined) skipped.push({ ...base, status: 'skipped', note: decision.skip });
      else ready.push({ ...base, otaUpdateId: decision.otaUpdateId!, request: decision.value!, requestHash: requestHash(decision.value!) });
    }
  }
  return { ready, skipped };
}

function decide(
  request: LintedRequest,
  messages: readonly Diagnostic[],
  maxWarnings: number,
  quiet: boolean,
): { skip?: string; otaUpdateId?: string; value?: Record<string, unknown>; diagnostics: readonly Diagnostic[] } {
  const diagnostics = quiet ? messages.filter((m) => m.severity === 'error') : messages;
  const errors = messages.filter((m) => m.severity === 'error').length;
  const warnings = messages.filter((m) => m.severity === 'warning').length;
  const value =
    request.value !== null && typeof request.value === 'object' && !Array.isArray(request.value) ? (request.value as Record<string, unknown>) : undefined;
  const otaUpdateId = typeof value?.otaUpdateId === 'string' ? value.otaUpdateId : undefined;
  const base = { diagnostics, ...(otaUpdateId === undefined ? {} : { otaUpdateId }) };
  if (errors > 0) return { ...base, skip: `not sent: ${plural(errors, 'lint error')}` };
  if (!quiet && warnings > maxWarnings) return { ...base, skip: `not sent: ${plural(warnings, 'warning')}, more than --max-warnings ${maxWarnings}` };
  if (request.hasUnknowns)
    return { ...base, skip: 'not sent: it holds values known only when the script or program runs (variables, calls); submit it from a request file' };
  if (!value || otaUpdateId === undefined) return { ...base, skip: 'not sent: no otaUpdateId (is the aws-api-model rule off?)' };
  return { ...base, value };
}
