import type { Diagnostic, FileResult, Fix, LintedRequest, Severity, SuppressedDiagnostic, Suggestion, TextEdit, ValueEdit } from '../diagnostic.js';
import { RESERVED_RULE_IDS } from '../diagnostic.js';
import type { ParseProblem, RequestDocument, SourceDocument } from '../document/types.js';
import type { RequestValue } from '../request.js';
import type { AnyRule, Report } from '../rules/define-rule.js';
import { formatMessage, isAccountRule } from '../rules/define-rule.js';
import { toJsonPointer } from '../util/json-pointer.js';
import { isOnKnownGround } from '../value/known-ground.js';
import { trackUnknownReads } from '../value/track-reads.js';
import { DEFAULT_DEVICE_PROFILE, deviceProfile, type DeviceProfile } from '../device/profiles.js';
import type { LocalFiles } from '../local/local-files.js';

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
  /** The devices the file is for (config `device`); default the `freertos` profile. */
  readonly device?: DeviceProfile;
  /** Firmware and certificates on disk (config `firmware`, `certificates`, `--firmware`); default none. */
  readonly localFiles?: LocalFiles;
}

const NO_FILES_ON_DISK: LocalFiles = { firmwareFor: () => undefined, certificateFor: () => undefined };

/**
 * Run the active rules over every request of a read file and resolve each finding to a range in
 * the file. Findings on unknown values never survive (see value/known-ground.ts).
 */
export function lintDocument(document: SourceDocument, rules: readonly ActiveRule[], options: LintOptions = {}): FileResult {
  const byId = new Map(rules.map((active) => [active.id, active]));
  const messages: Diagnostic[] = [];
  for (const problem of document.problems) {
    const diagnostic = fromProblem(document, problem, undefined, byId);
    if (diagnostic) messages.push(diagnostic);
  }
  const several = document.requests.length > 1;
  const device = options.device ?? deviceProfile(DEFAULT_DEVICE_PROFILE);
  const localFiles = options.localFiles ?? NO_FILES_ON_DISK;
  let fatal = false;

  for (const request of document.requests) {
    const requestIndex = several ? request.index : undefined;
    const superseded = new Set<string>();
    for (const problem of request.problems) {
      const diagnostic = fromProblem(document, problem, requestIndex, byId);
      if (!diagnostic) continue;
      messages.push(diagnostic);
      if (problem.supersedes) superseded.add(`${problem.supersedes}\u0000${problem.path}`);
    }
    const value = request.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;

    const found: Diagnostic[] = [];
    for (const active of rules) {
      // Run rules see every file at once (Linter.lintRun); account rules run only with --deep (linter/account-step.ts).
      const { rule } = active;
      if (isAccountRule(rule) || !rule.check) continue;
      const tracked = request.hasUnknowns && rule.meta.unknownValues !== 'checked' ? trackUnknownReads(value) : undefined;
      const reported: Diagnostic[] = [];
      try {
        rule.check({
          request: (tracked?.view ?? value) as RequestValue,
          options: active.options,
          format: request.format,
          filePath: document.filePath,
          requestIndex: request.index,
          device,
          localFiles,
          sourceText: (path) => request.sourceText(path),
          blobInput: (path) => request.blobInput?.(path),
          report: (report: Report<string>) => {
            const diagnostic = resolveReport(document, request, active, report, requestIndex);
            if (request.hasUnknowns && !isOnKnownGround(value, report.path, report.target ?? 'value', report.onKnownPrefix)) return;
            if (report.supersedes) superseded.add(`${report.supersedes}\u0000${diagnostic.path}`);
            reported.push(diagnostic);
          },
        });
      } catch (error) {
        fatal = true;
        reported.push(internalError(document, request, active.id, error, options.debug === true, requestIndex));
      }
      // A rule that read an unknown part of the request may have taken it for a wrong value.
      if (tracked?.touched()) reported.splice(0, reported.length, ...reported.filter((d) => d.ruleId === RESERVED_RULE_IDS.internal));
      found.push(...reported);
    }
    messages.push(...(superseded.size === 0 ? found : found.filter((m) => !superseded.has(`${m.ruleId}\u0000${m.path}`))));
  }

  const unique = withoutRepeats(messages).sort(byPosition);
  const result = summarize(document.filePath, unique, fatal, document.text);
  return { ...result, kind: document.kind, requests: document.requests.map((request) => lintedRequest(document, request)) };
}

/**
 * Requests that share what is written (two commands of a script that use one variable, one
 * `file://` file) find its mistakes once: the same rule and message at the same place is one finding.
 */
function withoutRepeats(messages: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return messages.filter((message) => {
    const key = `${message.ruleId}\u0000${message.offset}\u0000${message.length}\u0000${message.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function byPosition(a: Diagnostic, b: Diagnostic): number {
  return a.offset - b.offset || a.line - b.line || a.ruleId.localeCompare(b.ruleId);
}

function lintedRequest(document: SourceDocument, request: RequestDocument): LintedRequest {
  return { index: request.index, range: document.range(request.span), value: request.value, hasUnknowns: request.hasUnknowns };
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

/** A reader's problem as a diagnostic; a source rule's problem takes the rule's severity, or none while it is off. */
function fromProblem(
  document: SourceDocument,
  problem: ParseProblem,
  requestIndex: number | undefined,
  rules: ReadonlyMap<string, ActiveRule>,
): Diagnostic | undefined {
  const rule = problem.sourceRule ? rules.get(problem.ruleId) : undefined;
  if (problem.sourceRule && !rule) return undefined;
  return {
    ruleId: problem.ruleId,
    severity: rule?.severity ?? problem.severity ?? 'error',
    message: problem.message,
    path: problem.path,
    ...document.range(problem),
    ...(problem.fix ? { fix: { edits: problem.fix } } : {}),
    ...(requestIndex === undefined ? {} : { requestIndex }),
  };
}

/**
 * Turn a report into a diagnostic. The rule's metadata is enforced here, as ESLint's linter does:
 * a fix from a rule not declared `fixable`, a suggestion from one without `hasSuggestions`, or an
 * unknown message id is a bug in the rule, and fails it loudly.
 */
export function resolveReport(
  document: SourceDocument,
  request: RequestDocument,
  active: ActiveRule,
  report: Report<string>,
  requestIndex: number | undefined,
): Diagnostic {
  const meta = active.rule.meta;
  const template = meta.messages[report.messageId];
  if (template === undefined) throw new Error(`rule ${active.id} reported unknown messageId "${report.messageId}"`);
  if (report.fix && !meta.fixable) throw new Error(`rule ${active.id} reported a fix, but its meta does not declare \`fixable: true\``);
  if (report.suggestions?.length && !meta.hasSuggestions) {
    throw new Error(`rule ${active.id} reported suggestions, but its meta does not declare \`hasSuggestions: true\``);
  }
  const message = formatMessage(template, report.data, `${active.id}/${report.messageId}`);
  const span = request.locate(report.path, report.target ?? 'value');
  const fix = report.fix && toFix(request, report.fix);
  const suggestions: Suggestion[] = [];
  for (const suggestion of report.suggestions ?? []) {
    const suggestionTemplate = meta.messages[suggestion.messageId];
    if (suggestionTemplate === undefined) throw new Error(`rule ${active.id} suggested with unknown messageId "${suggestion.messageId}"`);
    const suggestionFix = toFix(request, suggestion.edits);
    if (!suggestionFix) continue;
    suggestions.push({
      message: formatMessage(suggestionTemplate, suggestion.data, `${active.id}/${suggestion.messageId}`),
      fix: suggestionFix,
      messageId: suggestion.messageId,
    });
  }
  return {
    ruleId: active.id,
    severity: active.severity,
    message,
    path: toJsonPointer(report.path),
    ...document.range(span),
    ...(fix ? { fix } : {}),
    ...(suggestions.length > 0 ? { suggestions } : {}),
    ...(requestIndex === undefined ? {} : { requestIndex }),
    messageId: report.messageId,
  };
}

function toFix(request: RequestDocument, edits: readonly ValueEdit[]): Fix | undefined {
  const textEdits: TextEdit[] = [];
  for (const edit of edits) {
    const made = request.textEdits(edit);
    if (!made) return undefined;
    textEdits.push(...made);
  }
  return textEdits.length > 0 ? { edits: textEdits } : undefined;
}

export function internalError(
  document: SourceDocument,
  request: RequestDocument,
  ruleId: string,
  error: unknown,
  debug: boolean,
  requestIndex: number | undefined,
): Diagnostic {
  const detail = error instanceof Error ? (debug && error.stack ? error.stack : error.message) : String(error);
  return {
    ruleId: RESERVED_RULE_IDS.internal,
    severity: 'error',
    message: `Rule "${ruleId}" crashed on this ${requestIndex === undefined ? 'file' : 'request'}: ${detail}. The other rules still ran; this is a bug in the rule, not in your file (run with --debug for the stack).`,
    path: '',
    ...document.range({ offset: request.span.offset, length: 0 }),
    ...(requestIndex === undefined ? {} : { requestIndex }),
  };
}
