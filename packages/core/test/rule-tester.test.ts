// The RuleTester is what every rule's table stands on: each way a table can be wrong must fail.
import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { defineRule } from '../src/rules/define-rule.js';
import { checkInvalidCase, checkValidCase, type InvalidCase } from '../src/testing/rule-tester.js';
import { checkWithAccountRule } from '../src/testing/account-rule-tester.js';
import { lintRunWithRule } from '../src/testing/run-rule-tester.js';
import { defineAccountRule } from '../src/rules/define-rule.js';
import { targetEntries } from '../src/util/request-lists.js';

const test = suite('RuleTester');

/** Reports a `description` of "slow", suggesting "fast" and "off". */
const mode = defineRule({
  meta: {
    id: 'mode',
    description: 'd',
    category: 'targets',
    defaultSeverity: 'error',
    certainty: 'inferred',
    unknownValues: 'checked',
    hasSuggestions: true,
    messages: { slow: '`description` is "slow".', use: 'Use "{{to}}".' },
  },
  defaultOptions: {},
  check({ request, report }) {
    if (request.description !== 'slow') return;
    const use = (to: string) => ({ messageId: 'use' as const, data: { to }, edits: [{ kind: 'replace' as const, path: ['description'], value: to }] });
    report({ path: ['description'], messageId: 'slow', suggestions: [use('fast'), use('off')] });
  },
});

const slow = '{"description": "slow"}';
const finding = { message: '`description` is "slow".', line: 1, column: 17, endLine: 1, endColumn: 23 };
const suggestions = [
  { message: 'Use "fast".', output: '{"description": "fast"}' },
  { message: 'Use "off".', output: '{"description": "off"}' },
];
const rejects = (run: () => unknown, message: RegExp) =>
  assert.throws(run, (error: Error) => error instanceof assert.AssertionError && message.test(error.message));

test('a well-formed table passes', () => {
  checkValidCase(mode, { code: '{"description": "fast"}' });
  checkInvalidCase(mode, { code: slow, errors: [{ ...finding, suggestions }] });
});

test('a valid case that does not read cleanly fails, whatever the rule says', () => {
  rejects(() => checkValidCase(mode, { code: '{ this is : not json ]]' }), /case\.json does not read cleanly as json \(syntax-error: /);
  rejects(() => checkValidCase(mode, { code: 'description: fast\ndescription: off\n', format: 'yaml' }), /does not read cleanly as yaml \(duplicate-key: /);
});

test('an invalid case that does not read cleanly fails, even when the finding is there', () => {
  rejects(() => checkInvalidCase(mode, { code: '{"description": "slow",}', errors: [{ ...finding, suggestions }] }), /does not read cleanly/);
});

test('suggestions: each output is checked, and a finding that offers some must list them', () => {
  const wrongOutput: InvalidCase = {
    code: slow,
    errors: [{ ...finding, suggestions: [suggestions[0]!, { message: 'Use "off".', output: '{"description": "of"}' }] }],
  };
  rejects(() => checkInvalidCase(mode, wrongOutput), /Expected values to be strictly deep-equal/);
  rejects(() => checkInvalidCase(mode, { code: slow, errors: [finding] }), /suggestions/);
  rejects(() => checkInvalidCase(mode, { code: slow, errors: [{ ...finding, suggestions: [] }] }), /Expected values to be strictly deep-equal/);
});

test('an invalid case with no errors, or an output that is its own text, is a mistake in the table', () => {
  rejects(() => checkInvalidCase(mode, { code: slow, errors: [] }), /needs at least one expected error/);
  rejects(() => checkInvalidCase(mode, { code: slow, errors: [{ ...finding, suggestions }], output: slow }), /omit `output` when the rule fixes nothing/);
});

test('a rule that changes a list the rules share fails its tests (the lists are frozen there, not in a lint run)', () => {
  const sorting = defineRule({
    meta: {
      id: 'sorting',
      description: 'd',
      category: 'targets',
      defaultSeverity: 'error',
      certainty: 'inferred',
      unknownValues: 'checked',
      messages: { m: 'm' },
    },
    defaultOptions: {},
    check({ request }) {
      (targetEntries(request) as unknown as Array<{ value: string }>).sort((a, b) => a.value.localeCompare(b.value));
    },
  });
  rejects(() => checkValidCase(sorting, { code: '{"targets": ["b", "a"]}' }), /Rule "sorting" crashed on this file: .*read.only|frozen/);
});

const anyAccount = defineAccountRule({
  meta: { id: 'deep-any', description: 'd', category: 'deep', defaultSeverity: 'error', certainty: 'inferred', unknownValues: 'checked', messages: { m: 'm' } },
  defaultOptions: {},
  async checkAccount() {},
});

test('account and run cases that do not read cleanly fail too', async () => {
  const account = { callerAccount: () => Promise.resolve({ status: 'found' as const, value: '1' }) } as never;
  await assert.rejects(checkWithAccountRule(anyAccount, { code: '{"a": 1, "a": 2}', account }), /does not read cleanly as json \(duplicate-key: /);
  const anyRun = defineRule({
    meta: {
      id: 'run',
      description: 'd',
      category: 'targets',
      defaultSeverity: 'error',
      certainty: 'inferred',
      scope: 'run',
      unknownValues: 'checked',
      messages: { m: 'm' },
    },
    defaultOptions: {},
    checkRun() {},
  });
  await assert.rejects(lintRunWithRule(anyRun, { 'a.json': '{"a": 1}\n', 'b.yaml': 'a: [1\n' }), /b\.yaml does not read cleanly as yaml \(syntax-error: /);
});

test.run();
