import type { Diagnostic, FileResult, JsonPath, SuppressedDiagnostic, Fix, Severity, Suggestion, TextEdit, ValueEdit } from '../diagnostic.js';
import { RESERVED_RULE_IDS } from '../diagnostic.js';
import type { RequestDocument } from '../document/types.js';
import type { OtaUpdateRequest } from '../request.js';
import type { AnyRule, Report } from '../rules/define-rule.js';
import { formatMessage } from '../rules/define-rule.js';
import { toJsonPointer } from '../util/json-pointer.js';

/** A rule as configured for one file. */
export interface ActiveRule {
  readonly id: string;
  readonly rule: AnyRule;
  readonly severity: Severity;
  readonly options: unknown;
}

export interface LintOptions {
  /** Put the stack of a crashing rule in its internal-error message. */
  readonly debug?: boolean;
}

/** Run the active rules over one read document and resolve every finding to a source range. */
export function lintDocument(document: RequestDocument, rules: readonly ActiveRule[], options: LintOptions = {}): FileResult {
  const messages: Diagnostic[] = [];
  let fatal = false;

  for (const problem of document.problems) {
    messages.push({
      ruleId: problem.ruleId,
      severity: 'error',
      message: problem.message,
      path: problem.path,
      ...document.range(problem),
      ...(problem.fix ? { fix: { edits: problem.fix } } : {}),
    });
  }

  const superseded = new Set<string>();
  const request = document.value;
  if (request !== null && typeof request === 'object' && !Array.isArray(request)) {
    for (const active of rules) {
      try {
        active.rule.check({
          request: request as OtaUpdateRequest,
          options: active.options,
          format: document.format,
          filePath: document.filePath,
          sourceText: (path) => sourceText(document, path),
          report: (report: Report<string>) => {
            const diagnostic = resolve(document, active, report);
            if (report.supersedes) superseded.add(`${report.supersedes}\u0000${diagnostic.path}`);
            messages.push(diagnostic);
          },
        });
      } catch (error) {
        fatal = true;
        messages.push(internalError(document, active.id, error, options.debug === true));
      }
    }
  }

  const kept = superseded.size === 0 ? messages : messages.filter((m) => !superseded.has(`${m.ruleId}\u0000${m.path}`));
  kept.sort((a, b) => a.offset - b.offset || a.line - b.line || a.ruleId.localeCompare(b.ruleId));
  return summarize(document.filePath, kept, fatal, document.text);
}

export function summarize(
  filePath: string,
  messages: Diagnostic[],
  fatal: boolean,
  source?: string,
  suppressedMessages: readonly SuppressedDiagnostic[] = [],
): FileResult {
  let errorCount = 0;
  let warningCount = 0;
  let infoCount = 0;
  for (const message of messages) {
    if (message.severity === 'error') errorCount++;
    else if (message.severity === 'warning') warningCount++;
    else infoCount++;
  }
  return {
    filePath,
    messages,
    errorCount,
    warningCount,
    infoCount,
    fatal,
    ...(suppressedMessages.length > 0 ? { suppressedMessages } : {}),
    ...(source === undefined ? {} : { source }),
  };
}

function sourceText(document: RequestDocument, path: JsonPath): string | undefined {
  const span = document.locate(path, 'value');
  const enclosing = path.length > 0 ? document.locate(path.slice(0, -1), 'value') : undefined;
  // locate falls back to the nearest ancestor; a span equal to the parent's means "not found".
  if (enclosing && span.offset === enclosing.offset && span.length === enclosing.length) return undefined;
  return document.text.slice(span.offset, span.offset + span.length);
}

function resolve(document: RequestDocument, active: ActiveRule, report: Report<string>): Diagnostic {
  const template = active.rule.meta.messages[report.messageId];
  if (template === undefined) {
    throw new Error(`rule ${active.id} reported unknown messageId "${report.messageId}"`);
  }
  const message = formatMessage(template, report.data, `${active.id}/${report.messageId}`);
  const span = document.locate(report.path, report.target ?? 'value');
  const fix = report.fix && toFix(document, report.fix);
  const suggestions: Suggestion[] = [];
  for (const suggestion of report.suggestions ?? []) {
    const suggestionFix = toFix(document, suggestion.edits);
    const suggestionTemplate = active.rule.meta.messages[suggestion.messageId];
    if (!suggestionFix || suggestionTemplate === undefined) continue;
    suggestions.push({ message: formatMessage(suggestionTemplate, suggestion.data), fix: suggestionFix });
  }
  return {
    ruleId: active.id,
    severity: active.severity,
    message,
    path: toJsonPointer(report.path),
    ...document.range(span),
    ...(fix ? { fix } : {}),
    ...(suggestions.length > 0 ? { suggestions } : {}),
  };
}

function toFix(document: RequestDocument, edits: readonly ValueEdit[]): Fix | undefined {
  const textEdits: TextEdit[] = [];
  for (const edit of edits) {
    const made = document.textEdits(edit);
    if (!made) return undefined;
    textEdits.push(...made);
  }
  return textEdits.length > 0 ? { edits: textEdits } : undefined;
}

function internalError(document: RequestDocument, ruleId: string, error: unknown, debug: boolean): Diagnostic {
  const detail = error instanceof Error ? (debug && error.stack ? error.stack : error.message) : String(error);
  return {
    ruleId: RESERVED_RULE_IDS.internal,
    severity: 'error',
    message: `Rule "${ruleId}" crashed on this file: ${detail}. The other rules still ran; this is a bug in the rule, not in your file (run with --debug for the stack).`,
    path: '',
    ...document.range({ offset: 0, length: 0 }),
  };
}
