import type { Diagnostic, FileResult, SuppressedDiagnostic } from '../diagnostic.js';

/** The findings of every file that has none: one list for all of them (a run keeps each file's result to its end). */
const NO_MESSAGES: readonly Diagnostic[] = Object.freeze([]);

/** What a file's result holds besides its counts, which `fileResult` works out from its messages. */
export type FileResultParts = {
  readonly [K in Exclude<keyof FileResult, 'errorCount' | 'warningCount' | 'infoCount'>]?: FileResult[K] | undefined;
} & Pick<FileResult, 'filePath' | 'messages' | 'fatal'>;

/**
 * A file's result, counted, its members always added in one order and only when present (no
 * empty `suppressedMessages`). Results are never made by spreading one and adding members
 * (`{ ...result, kind }`): V8 (Node 20) gives each object made that way a hidden class of its own,
 * which a run over 50,000 files then holds 50,000 of, and reads through slow lookups.
 */
export function fileResult(parts: FileResultParts): FileResult {
  const messages = parts.messages.length === 0 ? NO_MESSAGES : parts.messages;
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const message of parts.messages) {
    const count = 1 + (message.omitted ?? 0);
    if (message.severity === 'error') errorCount += count;
    else if (message.severity === 'warning') warningCount += count;
    else infoCount += count;
  }
  const withSuppressed = parts.suppressedMessages !== undefined && parts.suppressedMessages.length > 0;
  // What a report-only run keeps of most files (a kind and its requests, nothing else): made whole in
  // one literal, so V8 holds its members in the object, not in a second array of them.
  if (!withSuppressed && parts.source === undefined && parts.kind !== undefined && parts.requests !== undefined && parts.output === undefined) {
    return { filePath: parts.filePath, messages, errorCount, warningCount, infoCount, fatal: parts.fatal, kind: parts.kind, requests: parts.requests };
  }
  const result: { -readonly [K in keyof FileResult]: FileResult[K] } = {
    filePath: parts.filePath,
    messages,
    errorCount,
    warningCount,
    infoCount,
    fatal: parts.fatal,
  };
  if (withSuppressed) result.suppressedMessages = parts.suppressedMessages;
  if (parts.source !== undefined) result.source = parts.source;
  if (parts.kind !== undefined) result.kind = parts.kind;
  if (parts.requests !== undefined) result.requests = parts.requests;
  if (parts.output !== undefined) result.output = parts.output;
  return result;
}

/** A file's result from its findings (counted), whether the run failed on it, and its text. */
export function summarize(
  filePath: string,
  messages: Diagnostic[],
  fatal: boolean,
  source?: string,
  suppressedMessages: readonly SuppressedDiagnostic[] = [],
): FileResult {
  return fileResult({ filePath, messages, fatal, source, suppressedMessages });
}
