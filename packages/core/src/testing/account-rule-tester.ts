import assert from 'node:assert/strict';
import { suite } from 'uvu';
import type { AwsAccount } from '../account/types.js';
import type { Diagnostic } from '../diagnostic.js';
import { runAccountRules } from '../linter/account-step.js';
import { lintDocument } from '../linter/lint-document.js';
import type { AccountRule } from '../rules/define-rule.js';
import type { DeviceProfile } from '../device/profiles.js';
import { withDefaults } from '../config/resolved-config.js';
import { caseText, prepareCase, readCase, type CaseInput, type ExpectedDiagnostic } from './rule-tester.js';

export interface AccountCaseOptions {
  readonly name?: string;
  readonly options?: unknown;
  /** The account the case runs against. */
  readonly account: AwsAccount;
  /** `--region` (default: from the request's ARNs). */
  readonly region?: string;
  /** The device profile (default `freertos`). */
  readonly device?: DeviceProfile;
}

export type ValidAccountCase = CaseInput & AccountCaseOptions;
export type InvalidAccountCase = CaseInput &
  AccountCaseOptions & {
    /** Expected findings, with severity (`info` for a check that could not run). */
    readonly errors: ReadonlyArray<ExpectedDiagnostic & { readonly severity?: 'error' | 'warning' | 'info' }>;
  };

/** Run one account rule (as an error) over a request against an account. */
export async function checkWithAccountRule(rule: AccountRule<any, string>, input: CaseInput & AccountCaseOptions): Promise<Diagnostic[]> {
  await prepareCase(input);
  const document = readCase(input);
  const active = [{ id: rule.meta.id, rule, severity: 'error' as const, options: withDefaults(rule.defaultOptions, input.options) }];
  const result = lintDocument(document, active);
  const found = await runAccountRules([{ document, result }], () => active, {
    account: input.account,
    region: input.region,
    ...(input.device ? { deviceFor: () => input.device! } : {}),
    debug: true,
  });
  return found.get(document.filePath) ?? [];
}

/**
 * A uvu suite for an account rule: each case's findings (message, severity, exact range) against
 * the account it names. Like `testRule`, it rejects an empty table and runs itself.
 */
export function testAccountRule(rule: AccountRule<any, string>, cases: { valid: readonly ValidAccountCase[]; invalid: readonly InvalidAccountCase[] }): void {
  if (cases.valid.length === 0 || cases.invalid.length === 0) throw new Error(`${rule.meta.id}: a rule needs at least one valid and one invalid case`);
  const names = new Set<string>();
  const test = suite(rule.meta.id);
  const register = (kind: string, input: CaseInput & AccountCaseOptions, body: () => Promise<void>) => {
    const name = `${kind}: ${input.name ?? caseText(input).text.replace(/\s+/g, ' ').slice(0, 70)}`;
    if (names.has(name)) throw new Error(`${rule.meta.id}: duplicate case "${name}"`);
    names.add(name);
    test(name, body);
  };
  for (const valid of cases.valid) {
    register('valid', valid, async () => {
      const found = await checkWithAccountRule(rule, valid);
      assert.deepEqual(
        found.map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`),
        [],
        'expected no findings',
      );
    });
  }
  for (const invalid of cases.invalid) {
    register('invalid', invalid, async () => {
      const found = await checkWithAccountRule(rule, invalid);
      const actual = found.map((d, i) => {
        const expected = invalid.errors[i];
        return {
          ruleId: d.ruleId,
          message: d.message,
          line: d.line,
          column: d.column,
          endLine: d.endLine,
          endColumn: d.endColumn,
          ...(expected?.path !== undefined ? { path: d.path } : {}),
          ...(expected?.severity !== undefined ? { severity: d.severity } : {}),
        };
      });
      assert.deepEqual(
        actual,
        invalid.errors.map((e) => ({ ruleId: rule.meta.id, ...e })),
      );
    });
  }
  test.run();
}
