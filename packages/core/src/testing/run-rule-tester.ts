import assert from 'node:assert/strict';
import { suite } from 'uvu';
import type { Diagnostic, FileResult } from '../diagnostic.js';
import { prepareSource, readSource } from '../document/source-kinds.js';
import { DEFAULT_DEVICE_PROFILE, deviceProfile } from '../device/profiles.js';
import { lintDocument } from '../linter/lint-document.js';
import { lintRun, runReads, runValue } from '../linter/lint-run.js';
import { withDefaults } from '../config/resolved-config.js';
import type { AnyRule } from '../rules/define-rule.js';
import { readsCleanly, type ExpectedDiagnostic } from './rule-tester.js';

/** The files of one run, by name (the extension picks the source kind), in run order. */
export type RunFiles = Readonly<Record<string, string>>;

export interface RunCase {
  readonly name: string;
  readonly files: RunFiles;
  readonly options?: unknown;
}

export interface InvalidRunCase extends RunCase {
  /** In file order, then position; each names its file. */
  readonly errors: ReadonlyArray<ExpectedDiagnostic & { readonly file: string }>;
}

/** Lint a run's files with only this rule (scope `'run'`) on, as an error. */
export async function lintRunWithRule(rule: AnyRule, files: RunFiles, options?: unknown): Promise<FileResult[]> {
  const active = { id: rule.meta.id, rule, severity: 'error' as const, options: withDefaults(rule.defaultOptions, options) };
  const results: FileResult[] = [];
  const reads = runReads([rule]);
  for (const [name, text] of Object.entries(files)) {
    await prepareSource(name, text);
    const result = lintDocument(readsCleanly(readSource(name, text)), []);
    // The requests as a run that reports keeps them: only the members the rule says it reads.
    const requests = (result.requests ?? []).map((request) => ({ ...request, value: readsOnly(runValue(request.value, reads), rule, reads) }));
    results.push({ ...result, requests });
  }
  return lintRun(results, {
    rulesFor: () => [active],
    deviceFor: () => deviceProfile(DEFAULT_DEVICE_PROFILE),
    read: async (result) => readSource(result.filePath, result.source ?? '', result.kind),
    debug: true,
  });
}

/** A request that fails the rule when it reads a member its `meta.reads` does not list (which a run would not keep). */
function readsOnly(value: unknown, rule: AnyRule, reads: ReadonlySet<string> | undefined): unknown {
  if (reads === undefined || value === null || typeof value !== 'object') return value;
  const refuse = (member: string | symbol) => {
    if (typeof member === 'string' && !reads.has(member)) {
      throw new Error(`${rule.meta.id} read the request member "${member}", which its meta.reads does not list: a run keeps only ${[...reads].join(', ')}`);
    }
  };
  return new Proxy(value, {
    get: (target, member, receiver) => (refuse(member), Reflect.get(target, member, receiver)),
    has: (target, member) => (refuse(member), Reflect.has(target, member)),
    getOwnPropertyDescriptor: (target, member) => (refuse(member), Reflect.getOwnPropertyDescriptor(target, member)),
    ownKeys: () => {
      throw new Error(`${rule.meta.id} listed every member of a request, but its meta.reads names only ${[...reads].join(', ')}`);
    },
  });
}

/**
 * One uvu suite for a rule with scope `'run'`: each case is the files of one run. Asserts every
 * finding's file, message and exact range, as `testRule` does for a request rule.
 */
export function testRunRule(rule: AnyRule, cases: { valid: readonly RunCase[]; invalid: readonly InvalidRunCase[] }): void {
  if (rule.meta.scope !== 'run') throw new Error(`${rule.meta.id}: testRunRule is for rules with scope "run" (use testRule)`);
  if (cases.valid.length === 0 || cases.invalid.length === 0) throw new Error(`${rule.meta.id}: a rule needs at least one valid and one invalid case`);
  const test = suite(rule.meta.id);
  const found = async (runCase: RunCase) =>
    (await lintRunWithRule(rule, runCase.files, runCase.options)).flatMap((result) =>
      result.messages.filter((m) => m.ruleId === rule.meta.id || m.ruleId === 'internal-error').map((m) => ({ file: result.filePath, ...m })),
    );
  for (const valid of cases.valid) {
    test(`valid: ${valid.name}`, async () => {
      assert.deepEqual(
        (await found(valid)).map((d) => `${d.file} ${d.line}:${d.column} ${d.message}`),
        [],
        'expected no diagnostics',
      );
    });
  }
  for (const invalid of cases.invalid) {
    test(`invalid: ${invalid.name}`, async () => {
      const actual = (await found(invalid)).map((d, i) => pick(d, invalid.errors[i]));
      assert.deepEqual(
        actual,
        invalid.errors.map((e) => ({ ruleId: rule.meta.id, ...e })),
      );
    });
  }
  test.run();
}

function pick(found: Diagnostic & { file: string }, expected: ExpectedDiagnostic | undefined): Record<string, unknown> {
  return {
    ruleId: found.ruleId,
    file: found.file,
    message: found.message,
    line: found.line,
    column: found.column,
    endLine: found.endLine,
    endColumn: found.endColumn,
    ...(expected?.path !== undefined ? { path: found.path } : {}),
  };
}
