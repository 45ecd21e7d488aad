import { readDocument, type FileResult } from '@otalint/core';
import { requestHash } from './canonical-json.js';
import type { ReadyRequest } from './executor.js';
import type { SubmissionResult } from './types.js';

export interface Partition {
  readonly ready: ReadyRequest[];
  readonly skipped: SubmissionResult[];
}

/**
 * Decide per file: lint errors (or more warnings than --max-warnings, counted per file) mean the
 * file is never sent; the rest are ready, with their request value and its hash.
 */
export function partitionByLint(results: readonly FileResult[], maxWarnings: number, quiet: boolean): Partition {
  const ready: ReadyRequest[] = [];
  const skipped: SubmissionResult[] = [];
  for (const result of results) {
    const diagnostics = quiet ? result.messages.filter((m) => m.severity === 'error') : result.messages;
    const value = result.source === undefined ? undefined : readDocument(result.filePath, result.source).value;
    const request = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    const otaUpdateId = typeof request?.otaUpdateId === 'string' ? request.otaUpdateId : undefined;
    const base = { filePath: result.filePath, otaUpdateId, diagnostics };
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    if (result.errorCount > 0) {
      skipped.push({ ...base, status: 'skipped', note: `not sent: ${plural(result.errorCount, 'lint error')}` });
    } else if (result.warningCount > maxWarnings) {
      skipped.push({ ...base, status: 'skipped', note: `not sent: ${plural(result.warningCount, 'warning')}, more than --max-warnings ${maxWarnings}` });
    } else if (!request || otaUpdateId === undefined) {
      skipped.push({ ...base, status: 'skipped', note: 'not sent: no otaUpdateId (is the aws-api-model rule off?)' });
    } else {
      ready.push({ filePath: result.filePath, otaUpdateId, request, requestHash: requestHash(request), diagnostics });
    }
  }
  return { ready, skipped };
}
