import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { applySuppressions, lintDocument, readJavaScriptProgram, RESERVED_RULE_IDS, utcToday, type ActiveRule, type Diagnostic } from '@otalint/core/engine';
import { rules as catalogue } from '@otalint/rules';

/** One file's run: the otalint rules ESLint turned on for it, then their findings, computed once. */
interface FileRun {
  readonly enabled: Map<string, unknown>;
  findings?: Map<string, Diagnostic[]>;
}

const runs = new WeakMap<TSESLint.SourceCode, FileRun>();
const KNOWN_RULES = new Map(Object.entries(catalogue));
const CRASHED = /^Rule "([^"]+)" crashed/;

/**
 * Called by each otalint rule's `create`: ESLint creates every enabled rule for a file before it
 * walks the file, so by the first `Program:exit` the run knows all of them and lints once, as
 * the command line does (one rule can replace another's report only while both are on).
 */
export function enableRule(sourceCode: TSESLint.SourceCode, ruleId: string, options: unknown): void {
  let run = runs.get(sourceCode);
  if (!run) runs.set(sourceCode, (run = { enabled: new Map() }));
  run.enabled.set(ruleId, options);
}

/** The findings of one rule in a file, from the engine's run over all enabled rules. */
export function findingsOf(sourceCode: TSESLint.SourceCode, filename: string, ruleId: string): readonly Diagnostic[] {
  const run = runs.get(sourceCode);
  if (!run) return [];
  run.findings ??= lintFile(sourceCode, filename, run.enabled);
  return run.findings.get(ruleId) ?? [];
}

function lintFile(sourceCode: TSESLint.SourceCode, filename: string, enabled: ReadonlyMap<string, unknown>): Map<string, Diagnostic[]> {
  // The same reader as the command line's, on the tree ESLint already parsed.
  const document = readJavaScriptProgram(filename, sourceCode.text, sourceCode.ast as unknown as TSESTree.Program);
  const active: ActiveRule[] = [...enabled].map(([id, options]) => ({ id, rule: catalogue[id]!, severity: 'error', options }));
  const linted = lintDocument(document, active);
  // `// otalint-disable-next-line` comments work here too; ESLint's own directives work as usual.
  const { messages } = applySuppressions(document, linted.messages, {
    suppressions: [],
    unsuppressible: new Set(),
    knownRules: KNOWN_RULES,
    today: utcToday(),
  });
  const byRule = new Map<string, Diagnostic[]>();
  for (const message of messages) {
    // A crashing rule is reported as that rule's finding, so ESLint shows it.
    const ruleId = message.ruleId === RESERVED_RULE_IDS.internal ? CRASHED.exec(message.message)?.[1] : message.ruleId;
    if (ruleId === undefined || !enabled.has(ruleId)) continue;
    byRule.set(ruleId, [...(byRule.get(ruleId) ?? []), message]);
  }
  return byRule;
}
