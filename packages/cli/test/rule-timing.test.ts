import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { RuleTimer } from '@otalint/core/engine';
import { timingTable } from '../src/rule-timing.js';
import { runCli, tempProject } from './helpers/run-cli.js';
import { goodRequest, json } from './helpers/ci-project.js';

// OTALINT_TIMING: a table of the slowest rules on standard error, after the report; the report is the same.
const test = suite('OTALINT_TIMING: time in each rule');

const meta = (id: string, extra = '') =>
  `{ id: '${id}', description: 'd', category: 'files', defaultSeverity: 'warn', certainty: 'inferred', messages: { m: 'm' }${extra} }`;
/** Every built-in rule, a plugin rule that reports on every request, and a plugin run rule. */
function project(): string {
  return tempProject({
    'otalint.config.mjs': [
      `const each = { meta: ${meta('each')}, defaultOptions: {}, check(context) { context.report({ path: ['otaUpdateId'], messageId: 'm' }); } };`,
      `const whole = { meta: ${meta('whole', ", scope: 'run', reads: ['otaUpdateId']")}, defaultOptions: {}, checkRun(context) { context.requests.forEach((r) => r.value.otaUpdateId); } };`,
      "export default [{ extends: ['all'] }, { plugins: { acme: { meta: { name: 'acme', version: '1.0.0' }, rules: { each, whole } } }, rules: { 'acme/each': 'warn', 'acme/whole': 'warn' } }];",
    ].join('\n'),
    'a.json': json(goodRequest()),
    'b.json': json({ ...goodRequest(), otaUpdateId: 'fw-2', roleArn: 'arn:aws:iam:123456789012:role/ota' }),
    'c.json': json({ ...goodRequest(), otaUpdateId: 'fw-3' }),
  });
}

interface Row {
  readonly rule: string;
  readonly ms: number;
  readonly share: number;
  readonly requests: number;
}
/** The table's rows, read back from standard error. */
function rows(stderr: string): Row[] {
  const lines = stderr.split('\n');
  const header = lines.findIndex((line) => /^rule +time \(ms\) +share +requests$/.test(line));
  assert.ok(header > 0, stderr);
  return lines
    .slice(header + 1)
    .filter((line) => line !== '')
    .map((line) => {
      const [rule, ms, share, requests] = line.split(/ +/);
      assert.match(share!, /^\d+\.\d%$/, line);
      return { rule: rule!, ms: Number(ms), share: Number(share!.slice(0, -1)), requests: Number(requests) };
    });
}

for (const format of ['json', 'stylish']) {
  test(`-f ${format}: standard output and the exit code are the same with timing off and on`, () => {
    const cwd = project();
    const off = runCli(['.', '-f', format], { cwd, env: { OTALINT_TIMING: undefined } });
    const on = runCli(['.', '-f', format], { cwd, env: { OTALINT_TIMING: 'all' } });
    assert.equal(off.status, 1, off.stderr);
    assert.equal(on.status, off.status);
    assert.equal(on.stdout, off.stdout);
    assert.equal(off.stderr, '');
    assert.ok(on.stderr.startsWith('\notalint: time in rules (OTALINT_TIMING)'), on.stderr);
  });
}

test('=all: every rule that ran, slowest first, with built-in, plugin and run rules, and the requests each checked', () => {
  const run = runCli(['.', '-f', 'json'], { cwd: project(), env: { OTALINT_TIMING: 'all' } });
  const table = rows(run.stderr);
  const byRule = new Map(table.map((row) => [row.rule, row]));
  for (const rule of ['aws-api-model', 'role-arn-format', 'acme/each', 'acme/whole']) assert.equal(byRule.get(rule)?.requests, 3, `${rule}: ${run.stderr}`);
  assert.ok(table.length > 40, `every rule on: ${table.length}`);
  assert.match(run.stderr, new RegExp(`otalint: time in rules \\(OTALINT_TIMING\\), ${table.length} rules; [\\d.]+ ms in all:\\n`));
  assert.deepEqual(
    table.map((row) => row.ms),
    table.map((row) => row.ms).sort((a, b) => b - a),
  );
  const shares = table.reduce((sum, row) => sum + row.share, 0);
  assert.ok(Math.abs(shares - 100) < 0.1 * table.length, `shares add up to 100%: ${shares}`);
});

test('=1 shows the 10 slowest, a number that many; unset, empty or 0 times nothing', () => {
  const cwd = project();
  const ten = runCli(['.'], { cwd, env: { OTALINT_TIMING: '1' } });
  assert.equal(rows(ten.stderr).length, 10);
  assert.match(ten.stderr, /the 10 slowest of \d+ rules \(OTALINT_TIMING=all: every rule\)/);
  assert.equal(rows(runCli(['.'], { cwd, env: { OTALINT_TIMING: '3' } }).stderr).length, 3);
  for (const value of ['', '0']) assert.equal(runCli(['.'], { cwd, env: { OTALINT_TIMING: value } }).stderr, '', `"${value}"`);
});

test('a value it does not take is a usage error, before anything is linted', () => {
  const run = runCli(['.'], { cwd: project(), env: { OTALINT_TIMING: 'yes' } });
  assert.equal(run.status, 2);
  assert.equal(run.stdout, '');
  assert.equal(run.stderr, 'otalint: OTALINT_TIMING takes 1 (the 10 slowest rules), all, or a number of rules to show, got "yes".\n');
});

test('the timer adds up each rule, counts a check that throws, and the table gives shares of the whole', () => {
  const timer = new RuleTimer();
  timer.time('b', 1, () => undefined);
  timer.time('b', 1, () => undefined);
  assert.throws(() =>
    timer.time('a', 2, () => {
      throw new Error('boom');
    }),
  );
  assert.deepEqual(
    timer
      .times()
      .map(({ ruleId, requests }) => [ruleId, requests])
      .sort(),
    [
      ['a', 2],
      ['b', 2],
    ],
  );
  const table = timingTable(
    [
      { ruleId: 'slow', ms: 30, requests: 4 },
      { ruleId: 'fast', ms: 10, requests: 4 },
    ],
    1,
  );
  assert.equal(
    table,
    [
      '',
      'otalint: time in rules (OTALINT_TIMING), the 1 slowest of 2 rules (OTALINT_TIMING=all: every rule); 40.0 ms in all:',
      'rule  time (ms)  share  requests',
      'slow       30.0  75.0%         4',
      '',
    ].join('\n'),
  );
});

test.run();
