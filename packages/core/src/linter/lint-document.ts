import type { Diagnostic, FileResult, Fix, JsonPath, LintedRequest, Severity, SourceRange, Suggestion, TextEdit, ValueEdit } from '../diagnostic.js';
import { RESERVED_RULE_IDS } from '../diagnostic.js';
import type { ParseProblem, RequestDocument, SourceDocument, Span } from '../document/types.js';
import type { RequestValue } from '../request.js';
import type { AnyRule, Report, Rule, RuleContext } from '../rules/define-rule.js';
import { checksNothing, formatMessage, isAccountRule } from '../rules/define-rule.js';
import { NeedsIndex, type RequestNeeds } from '../rules/rule-needs.js';
import { toJsonPointer } from '../util/json-pointer.js';
import { withSharedSelections } from '../util/select.js';
import { isOnKnownGround } from '../value/known-ground.js';
import { trackUnknownReads } from '../value/track-reads.js';
import { DEFAULT_DEVICE_PROFILE, deviceProfile, type DeviceProfile } from '../device/profiles.js';
import type { LocalFiles } from '../local/local-files.js';
import { thrownDetail } from '../util/thrown.js';
import { DEFAULT_RULE_TIMEOUT_MS, runWithinBudget } from './rule-budget.js';
import type { RuleTimer } from './rule-timing.js';
import { fileResult } from './file-result.js';

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
  /** How long a plugin rule may run on one request, in ms (default 5000; see rule-budget.ts). */
  readonly ruleTimeoutMs?: number;
  /** Time each rule's checks (`OTALINT_TIMING`); absent, nothing is timed. */
  readonly timer?: RuleTimer;
}

/**
 * Findings of one kind (one rule's message, or one kind of file problem) shown per request; past
 * it, one more finding says how many were left out, and counts stay true (`omitted`).
 */
export const MAX_FINDINGS_PER_KIND = 100;

/**
 * What every rule run on one request shares: one of these, and one context for the rules, per
 * request, not one per rule. Between rules, the rule running and its findings so far are reset.
 */
interface RequestRun {
  readonly document: SourceDocument;
  readonly request: RequestDocument;
  readonly value: object;
  readonly requestIndex: number | undefined;
  readonly debug: boolean;
  readonly timer: RuleTimer | undefined;
  /** Rule findings (`ruleId\u0000path`) the reader's own problems supersede. */
  readonly superseded: ReadonlySet<string>;
  /** Which rules' `meta.needs` the request may meet: the others are skipped. */
  readonly needs: RequestNeeds;
  /** What the rules are given; its `request` and `options` are the running rule's. */
  readonly context: { -readonly [K in keyof RuleContext<unknown, string>]: RuleContext<unknown, string>[K] };
  /** The rule running now: a report while none runs (after its rule returned: a timer, a promise) has nowhere to go. */
  running: ActiveRule | undefined;
  found: FindingCap | undefined;
  diagnostics: Diagnostic[] | undefined;
  supersedes: string[] | undefined;
}

/** One rule's findings on one request, and the reports of other rules they supersede. */
interface RuleOutcome {
  readonly diagnostics: Diagnostic[];
  readonly supersedes: string[];
  readonly crashed: boolean;
}

const NO_FILES_ON_DISK: LocalFiles = { firmwareFor: () => undefined, certificateFor: () => undefined };
const NONE_SUPERSEDED: ReadonlySet<string> = new Set();

/**
 * Run the active rules over every request of a read file and resolve each finding to a range in
 * the file. Findings on unknown values never survive (see value/known-ground.ts). Plugin rules
 * run within a time budget; a rule that crashes or overruns becomes an internal error for the file.
 */
export function lintDocument(document: SourceDocument, rules: readonly ActiveRule[], options: LintOptions = {}): FileResult {
  const { byId, builtin, plugin, needs } = ruleSet(rules);
  // Most files have no problem of their own and most rules find nothing: what holds them is made when one comes.
  let problems: FindingCap | undefined;
  const messages: Diagnostic[] = [];
  // A source rule's problem shows only while its rule is on, with the rule's severity.
  const addProblem = (problem: ParseProblem, requestIndex: number | undefined): boolean => {
    if (problem.sourceRule && !byId.has(problem.ruleId)) return false;
    (problems ??= new FindingCap()).add(problem.ruleId, () => fromProblem(document, problem, requestIndex, byId)!, messages);
    return true;
  };
  for (const problem of document.problems) addProblem(problem, undefined);
  const several = document.requests.length > 1;
  const device = options.device ?? deviceProfile(DEFAULT_DEVICE_PROFILE);
  const localFiles = options.localFiles ?? NO_FILES_ON_DISK;
  let fatal = document.problems.some((problem) => problem.ruleId === RESERVED_RULE_IDS.internal);

  const runs: RequestRun[] = [];
  for (const request of document.requests) {
    const requestIndex = several ? request.index : undefined;
    let superseded: Set<string> | undefined;
    for (const problem of request.problems) {
      if (addProblem(problem, requestIndex) && problem.supersedes) (superseded ??= new Set()).add(`${problem.supersedes}\u0000${problem.path}`);
    }
    const value = request.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
    runs.push(
      requestRun(document, request, value, requestIndex, {
        needs,
        device,
        localFiles,
        debug: options.debug === true,
        timer: options.timer,
        superseded: superseded ?? NONE_SUPERSEDED,
      }),
    );
  }
  // Plugin rules of every request under one watchdog: one per file, not one per rule.
  const budgeted =
    plugin.length === 0
      ? []
      : checkWithinBudget(
          runs.flatMap((run) => plugin.map((rule) => ({ run, rule }))),
          options.ruleTimeoutMs ?? DEFAULT_RULE_TIMEOUT_MS,
        );
  for (let index = 0; index < runs.length; index++) {
    const run = runs[index]!;
    // Most rules find nothing: only the outcomes that hold something are looked at again.
    const outcomes: RuleOutcome[] = [];
    withSharedSelections(() => {
      for (const rule of builtin) {
        const outcome = checkRule(run, rule);
        if (outcome !== NOTHING) outcomes.push(outcome);
      }
    }, !run.request.hasUnknowns);
    for (let i = index * plugin.length; i < (index + 1) * plugin.length; i++) if (budgeted[i] !== NOTHING) outcomes.push(budgeted[i]!);
    const superseded = outcomes.some((outcome) => outcome.supersedes.length > 0)
      ? new Set([...run.superseded, ...outcomes.flatMap((outcome) => outcome.supersedes)])
      : run.superseded;
    for (const outcome of outcomes) {
      fatal ||= outcome.crashed;
      for (const diagnostic of outcome.diagnostics) if (!superseded.has(`${diagnostic.ruleId}\u0000${diagnostic.path}`)) messages.push(diagnostic);
    }
    // A rule stopped at its time budget never got to say it was done: no report lands after this.
    run.running = undefined;
  }
  problems?.close();

  const unique = withoutRepeats(messages).sort(byPosition);
  return fileResult({
    filePath: document.filePath,
    messages: unique,
    fatal,
    source: document.text,
    kind: document.kind,
    requests: document.requests.map((request) => lintedRequest(document, request)),
  });
}

interface RuleSet {
  readonly byId: ReadonlyMap<string, ActiveRule>;
  /** The per-request rules, built-in ones first. */
  readonly builtin: readonly RuleCall[];
  readonly plugin: readonly RuleCall[];
  /** The rules' `meta.needs`, numbered. */
  readonly needs: NeedsIndex;
}

/**
 * What checkRule reads of a per-request rule, read once per set of rules. Rule objects differ in
 * shape (each definition has its own members), so reading `rule.meta.needs` or `rule.check` on every
 * call is a lookup each time; these records all have one shape.
 */
interface RuleCall {
  readonly active: ActiveRule;
  readonly check: (context: RuleContext<unknown, string>) => unknown;
  /** Its `meta.needs`, as numbers of the rule set's `NeedsIndex`. */
  readonly needs: readonly number[] | undefined;
  /** The rule does not tell unknown values apart itself: the engine watches what it reads. */
  readonly watched: boolean;
}

function ruleCall(active: ActiveRule, needs: NeedsIndex): RuleCall {
  const rule = active.rule as Rule<unknown, string>;
  return { active, check: rule.check!, needs: needs.numbers(rule.meta.needs), watched: rule.meta.unknownValues !== 'checked' };
}

/** A file's rules sorted for the run, once per set of rules config gives (files share them). */
const ruleSets = new WeakMap<readonly ActiveRule[], RuleSet>();
function ruleSet(rules: readonly ActiveRule[]): RuleSet {
  let set = ruleSets.get(rules);
  if (!set) {
    // Run rules see every file at once (Linter.lintRun); account rules run only with --deep (linter/account-step.ts);
    // a source rule's findings come from the reader (its check has nothing to do: it is never called).
    const perRequest = rules.filter((active) => !isAccountRule(active.rule) && active.rule.check !== undefined && active.rule.check !== checksNothing);
    const needs = new NeedsIndex();
    set = {
      byId: new Map(rules.map((active) => [active.id, active])),
      builtin: perRequest.filter((active) => !isPluginRule(active.id)).map((active) => ruleCall(active, needs)),
      plugin: perRequest.filter((active) => isPluginRule(active.id)).map((active) => ruleCall(active, needs)),
      needs,
    };
    ruleSets.set(rules, set);
  }
  return set;
}

/** Rules a plugin brings (`namespace/id`) run within the time budget; built-in ids have no namespace. */
export function isPluginRule(id: string): boolean {
  return id.includes('/');
}

/** The run of the rules over one request, and the one context they are all given. */
function requestRun(
  document: SourceDocument,
  request: RequestDocument,
  value: object,
  requestIndex: number | undefined,
  shared: { needs: NeedsIndex; device: DeviceProfile; localFiles: LocalFiles; debug: boolean; timer: RuleTimer | undefined; superseded: ReadonlySet<string> },
): RequestRun {
  const run: RequestRun = {
    document,
    request,
    value,
    requestIndex,
    debug: shared.debug,
    timer: shared.timer,
    superseded: shared.superseded,
    needs: shared.needs.forRequest(value, !request.hasUnknowns),
    running: undefined,
    found: undefined,
    diagnostics: undefined,
    supersedes: undefined,
    context: {
      request: value as RequestValue,
      options: undefined,
      format: request.format,
      filePath: document.filePath,
      requestIndex: request.index,
      device: shared.device,
      localFiles: shared.localFiles,
      sourceText: (path: JsonPath) => request.sourceText(path),
      blobInput: (path: JsonPath) => request.blobInput?.(path),
      report: (report: Report<string>) => {
        // A report while no rule runs (after check() returned: from a timer, a promise) has no file to land in.
        const active = run.running;
        if (active === undefined) return;
        if (request.hasUnknowns && !isOnKnownGround(value, report.path, report.target ?? 'value', report.onKnownPrefix)) return;
        (run.found ??= new FindingCap()).add(
          `${report.messageId}`,
          () => {
            const diagnostic = resolveReport(document, request, active, report, requestIndex);
            if (report.supersedes) (run.supersedes ??= []).push(`${report.supersedes}\u0000${diagnostic.path}`);
            return diagnostic;
          },
          (run.diagnostics ??= []),
        );
      },
    },
  };
  return run;
}

/** Run one rule on one request: its findings, or an internal error when it crashes. */
function checkRule(run: RequestRun, rule: RuleCall): RuleOutcome {
  // Off (no OTALINT_TIMING), timing costs this one test per rule call. The timed call is a function
  // of its own: a closure here would make V8 allocate a context on every call, timed or not.
  return run.timer === undefined ? checkRuleUntimed(run, rule) : checkRuleTimed(run, rule, run.timer);
}

function checkRuleTimed(run: RequestRun, rule: RuleCall, timer: RuleTimer): RuleOutcome {
  return timer.time(rule.active.id, 1, () => checkRuleUntimed(run, rule));
}

function checkRuleUntimed(run: RequestRun, rule: RuleCall): RuleOutcome {
  // A rule about a part the request certainly lacks would find nothing (the rule tester holds it to that).
  if (rule.needs !== undefined && !run.needs.met(rule.needs)) return NOTHING;
  const { active } = rule;
  const { value } = run;
  const tracked = run.request.hasUnknowns && rule.watched ? trackUnknownReads(value) : undefined;
  startRule(run, active, tracked);
  let crash: Diagnostic | undefined;
  try {
    const returned: unknown = rule.check.call(active.rule, run.context);
    if (isThenable(returned)) throw new Error('its check() returned a promise; rules are synchronous (report before returning)');
  } catch (error) {
    crash = internalError(run.document, run.request, active.id, error, run.debug, run.requestIndex);
  }
  run.running = undefined;
  const { found, diagnostics, supersedes } = run;
  found?.close();
  // A rule that read an unknown part of the request may have taken it for a wrong value.
  const misread = tracked?.touched() === true;
  if (!crash && (misread || !diagnostics || diagnostics.length === 0)) return NOTHING;
  const kept = misread || !diagnostics ? [] : diagnostics;
  return { diagnostics: crash ? [...kept, crash] : kept, supersedes: misread || !supersedes ? [] : supersedes, crashed: crash !== undefined };
}

/** Hand the request's context to the next rule. Most rules find nothing: the cap and the lists are made at the first report. */
function startRule(run: RequestRun, active: ActiveRule, tracked: { view: object } | undefined): void {
  run.found = run.diagnostics = run.supersedes = undefined;
  run.context.request = (tracked?.view ?? run.value) as RequestValue;
  run.context.options = active.options;
  run.running = active;
}

/** The outcome of a rule that found nothing (most of them, on most requests): one object for all. */
const NOTHING: RuleOutcome = Object.freeze({ diagnostics: [], supersedes: [], crashed: false });

/**
 * Plugin rules, all under one watchdog per file (starting one costs more than a small rule):
 * when the budget runs out, the rule running then is stopped if it alone used the budget, and run
 * again with a fresh budget if earlier rules used part of it.
 */
function checkWithinBudget(work: ReadonlyArray<{ run: RequestRun; rule: RuleCall }>, budgetMs: number): RuleOutcome[] {
  const outcomes: RuleOutcome[] = [];
  let next = 0;
  while (next < work.length) {
    let current = next;
    let started = performance.now();
    const outcome = runWithinBudget(() => {
      for (let i = next; i < work.length; i++) {
        current = i;
        started = performance.now();
        outcomes[i] = checkRule(work[i]!.run, work[i]!.rule);
      }
    }, budgetMs);
    if (outcome === 'done') break;
    if (performance.now() - started >= budgetMs * 0.9) {
      outcomes[current] = { diagnostics: [timeoutError(work[current]!.run, work[current]!.rule.active.id, budgetMs)], supersedes: [], crashed: true };
      next = current + 1;
    } else {
      next = current;
    }
  }
  return outcomes;
}

function isThenable(value: unknown): boolean {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Counts findings by kind and resolves only the first MAX_FINDINGS_PER_KIND of each (resolving is
 * where the cost is), then one more that carries how many were left out.
 */
class FindingCap {
  readonly #counts = new Map<string, { count: number; closing?: { list: Diagnostic[]; index: number } }>();

  add(kind: string, make: () => Diagnostic, into: Diagnostic[]): void {
    const entry = this.#counts.get(kind) ?? { count: 0 };
    this.#counts.set(kind, entry);
    entry.count++;
    if (entry.count <= MAX_FINDINGS_PER_KIND) into.push(make());
    else if (entry.count === MAX_FINDINGS_PER_KIND + 1) {
      entry.closing = { list: into, index: into.length };
      into.push(make());
    }
  }

  /** Turn each kind's first left-out finding into the one that says how many more there are. */
  close(): void {
    for (const { count, closing } of this.#counts.values()) {
      if (!closing) continue;
      const omitted = count - MAX_FINDINGS_PER_KIND - 1;
      if (omitted === 0) continue;
      const shown = closing.list[closing.index]!;
      closing.list[closing.index] = {
        ...shown,
        message: `${shown.message} (And ${omitted.toLocaleString('en-US')} more like this, not shown: otalint shows the first ${MAX_FINDINGS_PER_KIND + 1} of a kind per request.)`,
        omitted,
      };
    }
  }
}

/**
 * Requests that share what is written (two commands of a script that use one variable, one
 * `file://` file) find its mistakes once: the same rule and message at the same place is one finding.
 */
function withoutRepeats(messages: Diagnostic[]): Diagnostic[] {
  if (messages.length < 2) return messages;
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

/** A reader's problem as a diagnostic; a source rule's problem takes the rule's severity, or none while it is off. */
function fromProblem(
  document: SourceDocument,
  problem: ParseProblem,
  requestIndex: number | undefined,
  rules: ReadonlyMap<string, ActiveRule>,
): Diagnostic | undefined {
  const rule = problem.sourceRule ? rules.get(problem.ruleId) : undefined;
  if (problem.sourceRule && !rule) return undefined;
  const diagnostic = placed(
    problem.ruleId,
    rule?.severity ?? problem.severity ?? 'error',
    problem.message,
    problem.path,
    document.range(insideText(problem, document.text)),
  );
  if (problem.fix) diagnostic.fix = { edits: problem.fix };
  if (requestIndex !== undefined) diagnostic.requestIndex = requestIndex;
  return diagnostic;
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
  const span = insideText(request.locate(report.path, report.target ?? 'value'), document.text);
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
  const diagnostic = placed(active.id, active.severity, message, toJsonPointer(report.path), document.range(span));
  if (fix) diagnostic.fix = fix;
  if (suggestions.length > 0) diagnostic.suggestions = suggestions;
  if (requestIndex !== undefined) diagnostic.requestIndex = requestIndex;
  diagnostic.messageId = report.messageId;
  return diagnostic;
}

type Placed = { -readonly [K in keyof Diagnostic]: Diagnostic[K] };

/**
 * A finding's first members, in the order every report prints them, its range copied member by
 * member: made with spreads (`...range`, `...(fix ? { fix } : {})`), each finding took a slower
 * copy path, and findings with and without a fix ended in more hidden classes.
 */
function placed(ruleId: string, severity: Severity, message: string, path: string, range: SourceRange): Placed {
  return {
    ruleId,
    severity,
    message,
    path,
    line: range.line,
    column: range.column,
    endLine: range.endLine,
    endColumn: range.endColumn,
    offset: range.offset,
    length: range.length,
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

/** A rule that threw on a request: an internal error of the file (or of that request, when it holds several). */
export function internalError(
  document: SourceDocument,
  request: RequestDocument,
  ruleId: string,
  error: unknown,
  debug: boolean,
  requestIndex: number | undefined,
): Diagnostic {
  const where = requestIndex === undefined ? 'file' : 'request';
  return engineError(
    { document, request, requestIndex },
    `Rule "${ruleId}" crashed on this ${where}: ${thrownDetail(error, debug)}. The other rules still ran; this is a bug in the rule, not in your file (run with --debug for the stack).`,
  );
}

function timeoutError(run: RequestRun, ruleId: string, budgetMs: number): Diagnostic {
  const where = run.requestIndex === undefined ? 'file' : 'request';
  return engineError(
    run,
    `Rule "${ruleId}" did not finish on this ${where} within ${budgetMs} ms, otalint's time budget per rule, and was stopped. The other rules still ran; this is a bug in the rule, not in your file.`,
  );
}

function engineError(run: Pick<RequestRun, 'document' | 'request' | 'requestIndex'>, message: string): Diagnostic {
  const diagnostic = placed(
    RESERVED_RULE_IDS.internal,
    'error',
    message,
    '',
    run.document.range(insideText({ offset: run.request.span.offset, length: 0 }, run.document.text)),
  );
  if (run.requestIndex !== undefined) diagnostic.requestIndex = run.requestIndex;
  return diagnostic;
}

/** A span cut to the text: no report, whatever a source kind's locate returns, points outside the file. */
function insideText(span: Span, text: string): Span {
  const offset = Math.min(Math.max(0, Number.isFinite(span.offset) ? Math.trunc(span.offset) : 0), text.length);
  const length = Math.min(Math.max(0, Number.isFinite(span.length) ? Math.trunc(span.length) : 0), text.length - offset);
  return { offset, length };
}
