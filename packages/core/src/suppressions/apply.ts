import type { Diagnostic, JsonPath, Severity, SuppressedDiagnostic } from '../diagnostic.js';
import type { SourceDocument, Span } from '../document/types.js';
import { closest, didYouMean } from '../util/did-you-mean.js';
import { byPosition } from '../linter/lint-document.js';
import { fromJsonPointer } from '../util/json-pointer.js';
import type { DisableComment } from './comments.js';
import { isSuppressibleId, SUPPRESSION_RULE_IDS } from '../reserved-ids.js';
import { pointerCovers, type Suppression } from './types.js';

/** What applies to one file: its config suppressions, its locked rules, and the date. */
export interface SuppressionScope {
  readonly suppressions: readonly Suppression[];
  /** Rules whose findings no suppression, comment or baseline may hide (policy lock). */
  readonly unsuppressible: ReadonlySet<string>;
  /** Every rule id known to the config (to check the ids comments name). */
  readonly knownRules: { has(id: string): boolean; keys(): IterableIterator<string> };
  /** YYYY-MM-DD, UTC. */
  readonly today: string;
  /** Rules that cannot report in this run (account rules without --deep): comments naming them are not judged unused. */
  readonly notRun?: ReadonlySet<string>;
}

export interface SuppressionOutcome {
  /** The findings that stand, plus what the suppressions themselves report; sorted. */
  readonly messages: Diagnostic[];
  /** The findings a suppression or comment waived, with what waived them. */
  readonly suppressed: SuppressedDiagnostic[];
  /** Config suppressions that matched a finding here (waived it, expired on it, or hit a lock). */
  readonly used: Suppression[];
}

/**
 * A file's findings come in two passes: its own rules' as it is linted, then those of the rules that
 * look at the whole run (`meta.scope: 'run'`), once every file is linted. Each pass judges the disable
 * comments naming its own rules; malformed comments are reported once, in the file pass.
 */
export interface SuppressionPass {
  readonly pass: 'file' | 'run';
  /** The ids of the rules with scope `'run'`. */
  readonly runRules: ReadonlySet<string>;
}

const FILE_PASS: SuppressionPass = { pass: 'file', runRules: new Set() };

/** How many times the step ran, for tests that hold it to the files something can waive. */
export const suppressionSteps = { count: 0 };

/**
 * Waive the findings that config suppressions and YAML disable comments cover, and report the
 * suppressions that are expired, unused (comments), malformed or aimed at a locked rule.
 */
export function applySuppressions(
  document: SourceDocument,
  messages: readonly Diagnostic[],
  scope: SuppressionScope,
  { pass, runRules }: SuppressionPass = FILE_PASS,
): SuppressionOutcome {
  suppressionSteps.count++;
  const judged = (ruleId: string) => runRules.has(ruleId) === (pass === 'run');
  const comments = document.disableComments().map((c) => checkComment(c, scope));
  const targets = commentTargets(document, comments);
  const usedComments = new Map<DisableComment, Set<string>>();
  const used = new Set<Suppression>();
  const kept: Diagnostic[] = [];
  const suppressed: SuppressedDiagnostic[] = [];
  const notes: Diagnostic[] = [];
  const note = (severity: Severity, span: Span, message: string, ruleId: string) =>
    notes.push({ ruleId, severity, message, path: '', ...document.range(span) });

  for (const message of messages) {
    if (!isSuppressibleId(message.ruleId, scope.knownRules)) {
      kept.push(message);
      continue;
    }
    // The lines of the finding's keys, worked out only when a comment names its rule (a JSON file has none).
    const naming = comments.filter((c) => !c.problem && c.rules.includes(message.ruleId));
    const lines = naming.length === 0 ? undefined : new Set([message.line, ...keyLines(document, message.path, message.requestIndex ?? 0)]);
    const comment = naming.find((c) => lines!.has(targets.get(c)!));
    const suppression = scope.suppressions.find((s) => s.rule === message.ruleId && pointerCovers(s.path, message.path));
    if (comment) usedComments.set(comment, (usedComments.get(comment) ?? new Set()).add(message.ruleId));
    if (suppression) used.add(suppression);

    if ((comment || suppression) && scope.unsuppressible.has(message.ruleId)) {
      const by = comment ? `the disable comment on line ${document.range(comment).line}` : `suppression ${suppression!.origin}`;
      note(
        'warning',
        message,
        `Rule "${message.ruleId}" is unsuppressible by policy (config "unsuppressible"): ${by} is ignored and the finding stands.`,
        SUPPRESSION_RULE_IDS.invalid,
      );
      kept.push(message);
    } else if (comment) {
      suppressed.push(Object.assign({}, message, { suppressions: [{ kind: 'inSource' as const, justification: comment.reason }] }));
    } else if (suppression?.expires !== undefined && scope.today > suppression.expires) {
      note(
        'warning',
        message,
        `The suppression of "${message.ruleId}" at ${suppression.path || '(whole file)'} (${suppression.origin}: "${suppression.reason}") expired on ${suppression.expires}, so the finding is reported again. Fix it, or renew "expires" if the reason still holds.`,
        SUPPRESSION_RULE_IDS.expired,
      );
      kept.push(message);
    } else if (suppression) {
      suppressed.push(Object.assign({}, message, { suppressions: [{ kind: 'external' as const, justification: suppression.reason }] }));
    } else {
      kept.push(message);
    }
  }

  for (const comment of comments) {
    if (comment.problem) {
      if (pass === 'file') note('error', comment, `Invalid disable comment: ${comment.problem}`, SUPPRESSION_RULE_IDS.invalid);
      continue;
    }
    const hit = usedComments.get(comment);
    const idle = comment.rules.filter((id) => judged(id) && !hit?.has(id) && !scope.notRun?.has(id));
    if (idle.length > 0) {
      const where = comment.kind === 'line' ? 'on its line' : `on line ${targets.get(comment)}`;
      note(
        'warning',
        comment,
        `"${comment.text}" suppressed nothing for ${idle.map((id) => `"${id}"`).join(', ')} ${where}; remove it.`,
        SUPPRESSION_RULE_IDS.unused,
      );
    }
  }

  const all = [...kept, ...notes].sort(byPosition);
  return { messages: all, suppressed, used: [...used] };
}

function checkComment(comment: DisableComment, scope: SuppressionScope): DisableComment {
  if (comment.problem) return comment;
  const unknown = comment.rules.find((id) => !isSuppressibleId(id, scope.knownRules));
  if (unknown === undefined) return comment;
  const hint = closest(unknown, scope.knownRules.keys());
  return { ...comment, problem: `"${unknown}" is not a rule that can be suppressed${didYouMean(hint, 'clause')}` };
}

/** The line each comment applies to: its own, or the next one holding YAML (not blank, not a comment). */
function commentTargets(document: SourceDocument, comments: readonly DisableComment[]): Map<DisableComment, number> {
  const targets = new Map<DisableComment, number>();
  if (comments.length === 0) return targets;
  const lines = document.text.split(/\r\n|\r|\n/);
  for (const comment of comments) {
    const own = document.range(comment).line;
    let target = own;
    if (comment.kind === 'next-line') {
      target = own + 1;
      while (target <= lines.length && /^\s*(#.*)?$/.test(lines[target - 1]!)) target++;
    }
    targets.set(comment, target);
  }
  return targets;
}

/**
 * The lines of the member names (and list items) that hold a finding, from the outermost in: a
 * comment above `key:` covers the finding on that key and everything in its block.
 */
function keyLines(document: SourceDocument, pointer: string, requestIndex: number): number[] {
  const request = document.requests[requestIndex];
  if (!request) return [];
  let path: JsonPath;
  try {
    path = fromJsonPointer(pointer).map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
  } catch {
    return [];
  }
  return path.map((_, index) => document.range(request.locate(path.slice(0, index + 1), 'key')).line);
}
