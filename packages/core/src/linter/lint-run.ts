import type { Diagnostic, FileResult, SuppressedDiagnostic } from '../diagnostic.js';
import { FILE_START, RESERVED_RULE_IDS } from '../diagnostic.js';
import type { SourceDocument } from '../document/types.js';
import type { DeviceProfile } from '../device/profiles.js';
import type { AnyRule, Report, Rule, RunRequest } from '../rules/define-rule.js';
import type { RequestValue } from '../request.js';
import { addFingerprints } from '../fingerprint.js';
import { isOnKnownGround } from '../value/known-ground.js';
import { isOpen, markOpen, openSources } from '../value/unknown.js';
import { thrownDetail } from '../util/thrown.js';
import { byPosition, isPluginRule, resolveReport, type ActiveRule } from './lint-document.js';
import { fileResult } from './file-result.js';
import { DEFAULT_RULE_TIMEOUT_MS, runWithinBudget } from './rule-budget.js';
import type { RuleTimer } from './rule-timing.js';

/** What the run pass needs to know of the files: which run rules are on, for which devices, and how to read a file again. */
export interface RunSetup {
  /** The rules with scope `'run'` that are on for a file. */
  rulesFor(result: FileResult): readonly ActiveRule[];
  deviceFor(result: FileResult): DeviceProfile;
  /** Read a linted file's text again (its findings need the file's locations). */
  read(result: FileResult): Promise<SourceDocument>;
  /**
   * Waive what suppressions cover, among a file's run findings, and judge its disable comments for
   * run rules; omitted, every finding stands (rule tests).
   */
  suppress?(document: SourceDocument, messages: readonly Diagnostic[], result: FileResult): { messages: Diagnostic[]; suppressed: SuppressedDiagnostic[] };
  /** Put the stack of a crashing rule in its internal-error message. */
  readonly debug?: boolean;
  /** How long a plugin rule may run (see rule-budget.ts). */
  readonly ruleTimeoutMs?: number;
  /** Time each run rule's check (`OTALINT_TIMING`). */
  readonly timer?: RuleTimer;
}

interface Found {
  readonly active: ActiveRule;
  readonly request: RunRequest;
  readonly report: Report<string>;
}

/** What a file without run findings or crashes holds (most files): one empty list each for all. */
const NO_FINDINGS: readonly Found[] = Object.freeze([]);
const NO_CRASHES: readonly Diagnostic[] = Object.freeze([]);

/**
 * The run pass: rules with scope `'run'` see every request of the run's linted files at once (as
 * read, or as a cache restored them), and their findings join each file's result after the same
 * steps as any finding: resolved to ranges, checked against unknown values, suppressions, then
 * fingerprints. Files that could not be read, or hold no request, take no part.
 */
export async function lintRun(results: readonly FileResult[], setup: RunSetup): Promise<FileResult[]> {
  const found = new Map<number, Found[]>();
  const crashes = new Map<number, Diagnostic[]>();
  const { groups, runRuleIds } = groupsOf(results, setup);
  for (const group of groups) {
    const reported: Array<[number, Found]> = [];
    const untimed = () =>
      // groupsOf keeps rules of scope 'run' only: never an account rule.
      (group.active.rule as Rule<unknown, string>).checkRun!({
        requests: group.requests,
        options: group.active.options,
        report: (request, report) => {
          const place = GroupedRequest.placeIn(request, group);
          if (place === undefined) throw new Error(`rule ${group.active.id} reported on a request that is not in the run`);
          reported.push([place.file, { active: place.active, request, report }]);
        },
      });
    const timer = setup.timer;
    const check = timer ? () => timer.time(group.active.id, group.requests.length, untimed) : untimed;
    const first = GroupedRequest.placeIn(group.requests[0]!, group)!.file;
    try {
      // A plugin's run rule is held to the same time budget as its per-request rules.
      const budget = setup.ruleTimeoutMs ?? DEFAULT_RULE_TIMEOUT_MS;
      if (isPluginRule(group.active.id) && runWithinBudget(check, budget) === 'timeout') {
        crashes.set(first, [...(crashes.get(first) ?? []), runTimeout(group.active.id, budget)]);
        continue;
      }
      if (!isPluginRule(group.active.id)) check();
    } catch (error) {
      crashes.set(first, [...(crashes.get(first) ?? []), runCrash(group.active.id, error, setup.debug === true)]);
      continue;
    }
    for (const [file, entry] of reported) found.set(file, [...(found.get(file) ?? []), entry]);
  }
  const mentioned = (text: string) => [...runRuleIds].some((id) => text.includes(id));

  const out: FileResult[] = [];
  for (let index = 0; index < results.length; index++) {
    const result = results[index]!;
    const findings = found.get(index) ?? NO_FINDINGS;
    const crashed = crashes.get(index) ?? NO_CRASHES;
    // A disable comment for a run rule names it: only such files are read again when they have no finding.
    const mayHoldComments = !result.fatal && result.source !== undefined && mentioned(result.source);
    if (findings.length === 0 && crashed.length === 0 && !mayHoldComments) {
      out.push(result);
      continue;
    }
    const document = await setup.read(result);
    const several = document.requests.length > 1;
    const messages: Diagnostic[] = [];
    for (const { active, request, report } of findings) {
      const requestDocument = document.requests[request.requestIndex];
      if (!requestDocument || !isOnKnownGround(request.value, report.path, report.target ?? 'value')) continue;
      messages.push(resolveReport(document, requestDocument, active, report, several ? request.requestIndex : undefined));
    }
    const outcome = setup.suppress ? setup.suppress(document, messages, result) : { messages, suppressed: [] };
    addFingerprints([...outcome.messages, ...outcome.suppressed], document.requests);
    const kept = [...outcome.messages, ...crashed];
    const suppressed = outcome.suppressed;
    if (kept.length === 0 && suppressed.length === 0) {
      out.push(result);
      continue;
    }
    out.push(
      fileResult({
        filePath: result.filePath,
        messages: [...result.messages, ...kept].sort(byPosition),
        fatal: result.fatal || crashed.length > 0,
        suppressedMessages: [...(result.suppressedMessages ?? []), ...suppressed],
        source: result.source,
        kind: result.kind,
        requests: result.requests,
        output: result.output,
      }),
    );
  }
  return out;
}

/**
 * The members of requests the run's rules read (`meta.reads`): what a run that only reports keeps
 * of each request until the run pass. Undefined when a rule does not say (requests are kept whole).
 */
export function runReads(rules: Iterable<AnyRule>): ReadonlySet<string> | undefined {
  const reads = new Set<string>();
  for (const rule of rules) {
    if (rule.meta.scope !== 'run') continue;
    if (!rule.meta.reads) return undefined;
    for (const member of rule.meta.reads) reads.add(member);
  }
  return reads;
}

/** A request as the run pass keeps it: only the members in `reads` (open when the request is), or whole. */
export function runValue(value: unknown, reads: ReadonlySet<string> | undefined): unknown {
  if (reads === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const kept: Record<string, unknown> = {};
  for (const member of reads) if (Object.prototype.hasOwnProperty.call(value, member)) kept[member] = (value as Record<string, unknown>)[member];
  return isOpen(value) ? markOpen(kept, openSources(value)) : kept;
}

interface Group {
  readonly active: ActiveRule;
  readonly requests: GroupedRequest[];
}

/**
 * A request as a run rule sees it (the members of `RunRequest`), which knows, out of the rule's
 * sight, the group it was handed to, the index of its file and the file's setting of the rule: a
 * run over 50,000 files keeps one object per request for its run pass, not one with a wrapper and
 * an entry in two maps besides.
 */
class GroupedRequest implements RunRequest {
  readonly #group: Group;
  readonly #file: number;
  readonly #active: ActiveRule;

  constructor(
    group: Group,
    file: number,
    active: ActiveRule,
    readonly filePath: string,
    readonly kind: string,
    readonly requestIndex: number,
    readonly requestsInFile: number,
    readonly line: number,
    readonly value: RequestValue,
    readonly device: DeviceProfile,
  ) {
    this.#group = group;
    this.#file = file;
    this.#active = active;
  }

  /** The file of a request handed to `group`, and the file's setting of its rule; undefined for any other object. */
  static placeIn(request: RunRequest, group: Group): { file: number; active: ActiveRule } | undefined {
    if (!(#group in request) || request.#group !== group) return undefined;
    return { file: request.#file, active: request.#active };
  }
}

/**
 * Each run rule over the files it is on for (files that set other options for it form their own
 * group), and the ids of the run rules on for any file: each file's rules are asked for once.
 * Files share their rules' list (one per set of matching config objects): the groups a list's
 * requests go to are found once per list, not once per file and rule.
 */
function groupsOf(results: readonly FileResult[], setup: RunSetup): { groups: Group[]; runRuleIds: ReadonlySet<string> } {
  const groups = new Map<string, Group>();
  const runRuleIds = new Set<string>();
  const groupsFor = new Map<readonly ActiveRule[], readonly Group[]>();
  const listsSeen = new Set<readonly ActiveRule[]>();
  for (let file = 0; file < results.length; file++) {
    const result = results[file]!;
    const rules = setup.rulesFor(result);
    if (!listsSeen.has(rules)) {
      listsSeen.add(rules);
      for (const active of rules) runRuleIds.add(active.id);
    }
    const requests = result.requests;
    if (result.fatal || requests === undefined || requests.length === 0) continue;
    let ruleGroups = groupsFor.get(rules);
    if (ruleGroups === undefined) {
      const made: Group[] = [];
      for (const active of rules) {
        const key = groupKey(active);
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { active, requests: [] }));
        made.push(group);
      }
      groupsFor.set(rules, (ruleGroups = made));
    }
    if (ruleGroups.length === 0) continue;
    const device = setup.deviceFor(result);
    const kind = result.kind ?? 'json';
    for (let g = 0; g < ruleGroups.length; g++) {
      const group = ruleGroups[g]!;
      // The file's own setting of the rule (of its group's options; the group keeps the first file's).
      const active = rules[g]!;
      for (let r = 0; r < requests.length; r++) {
        const linted = requests[r]!;
        const value = linted.value;
        if (value === null || typeof value !== 'object' || Array.isArray(value)) continue;
        group.requests.push(
          new GroupedRequest(group, file, active, result.filePath, kind, linted.index, requests.length, linted.range.line, value as RequestValue, device),
        );
      }
    }
  }
  return { groups: [...groups.values()].filter((group) => group.requests.length > 0), runRuleIds };
}

/** A run rule's group: its id and options (files share their rules' objects: worked out once per object, not per file). */
const groupKeys = new WeakMap<ActiveRule, string>();
function groupKey(active: ActiveRule): string {
  let key = groupKeys.get(active);
  if (key === undefined) groupKeys.set(active, (key = `${active.id}\u0000${JSON.stringify(active.options)}`));
  return key;
}

function runTimeout(ruleId: string, budgetMs: number): Diagnostic {
  return {
    ...runCrash(ruleId, undefined, false),
    message: `Rule "${ruleId}" did not finish on the run's requests within ${budgetMs} ms, otalint's time budget per rule, and was stopped. The other rules still ran; this is a bug in the rule, not in your files.`,
  };
}

function runCrash(ruleId: string, error: unknown, debug: boolean): Diagnostic {
  const detail = thrownDetail(error, debug);
  return {
    ruleId: RESERVED_RULE_IDS.internal,
    severity: 'error',
    message: `Rule "${ruleId}" crashed on the run's requests: ${detail}. The other rules still ran; this is a bug in the rule, not in your files (run with --debug for the stack).`,
    ...FILE_START,
  };
}
