import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { ConfigError, type Plugin } from '../src/config/types.js';
import { Linter } from '../src/linter/linter.js';
import { defineRule } from '../src/rules/define-rule.js';
import { listEntries } from '../src/util/guards.js';
import { unusedSuppressionsResult } from '../src/suppressions/usage.js';
import { readDisableComments } from '../src/suppressions/comments.js';

const test = suite('suppressions');

const upperId = defineRule({
  meta: {
    id: 'upper-id',
    description: 'd',
    category: 'identity',
    defaultSeverity: 'error',
    certainty: 'documented',
    messages: { lower: 'lower case id {{id}}' },
  },
  defaultOptions: {},
  check(context) {
    const id = context.request.otaUpdateId;
    if (typeof id === 'string' && id !== id.toUpperCase()) context.report({ path: ['otaUpdateId'], messageId: 'lower', data: { id } });
  },
});
const noHttp = defineRule({
  meta: {
    id: 'no-http',
    description: 'd',
    category: 'protocols',
    defaultSeverity: 'warning',
    certainty: 'documented',
    messages: { http: 'HTTP in protocols' },
  },
  defaultOptions: {},
  check(context) {
    for (const [index, protocol] of listEntries(context.request.protocols)) {
      if (protocol === 'HTTP') context.report({ path: ['protocols', index], messageId: 'http' });
    }
  },
});
const builtins: Plugin = {
  meta: { name: 'otalint', version: '0.0.0' },
  rules: { 'upper-id': upperId, 'no-http': noHttp },
  configs: { recommended: { rules: { 'upper-id': 'error', 'no-http': 'warn' } } },
};

function project(config: unknown, files: Record<string, string> = {}): string {
  const cwd = mkdtempSync(path.join(tmpdir(), 'otalint-suppressions-'));
  writeFileSync(path.join(cwd, '.otalintrc.json'), `${JSON.stringify(config, null, 2)}\n`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(cwd, name)), { recursive: true });
    writeFileSync(path.join(cwd, name), text);
  }
  return cwd;
}
const linterFor = (config: unknown) => Linter.create({ cwd: project(config), builtins });
const ids = (result: { messages: readonly { ruleId: string }[] }) => result.messages.map((m) => m.ruleId);
const REQUEST = '{"otaUpdateId": "abc", "protocols": ["HTTP", "MQTT", "HTTP"]}';

async function configError(config: unknown): Promise<ConfigError> {
  try {
    await linterFor(config);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

test('a config suppression waives the finding at its pointer and under it, in matching files only', async () => {
  const linter = await linterFor([
    { extends: ['recommended'] },
    { suppressions: [{ files: 'legacy/*.json', path: '/protocols', rule: 'no-http', reason: 'devices download over HTTP' }] },
  ]);
  const legacy = linter.lintText(REQUEST, 'legacy/a.json');
  assert.deepEqual(ids(legacy), ['upper-id']);
  assert.equal(legacy.warningCount, 0);
  const other = linter.lintText(REQUEST, 'new/a.json');
  assert.deepEqual(ids(other), ['upper-id', 'no-http', 'no-http']);
  assert.deepEqual(linter.unusedSuppressions(), []);
});

test('a suppression names one rule: other rules at the same pointer still report', async () => {
  const linter = await linterFor([{ extends: ['recommended'] }, { suppressions: [{ files: '*.json', path: '', rule: 'no-http', reason: 'r' }] }]);
  assert.deepEqual(ids(linter.lintText(REQUEST, 'a.json')), ['upper-id']);
});

test('a suppression that matched linted files but waived nothing is unused; one whose files were not linted is not judged', async () => {
  const linter = await linterFor([
    { extends: ['recommended'] },
    {
      suppressions: [
        { files: '*.json', path: '/description', rule: 'upper-id', reason: 'never matches' },
        { files: 'elsewhere/*.json', path: '', rule: 'upper-id', reason: 'not linted in this run' },
      ],
    },
  ]);
  linter.lintText(REQUEST, 'a.json');
  const unused = linter.unusedSuppressions();
  assert.deepEqual(
    unused.map((s) => s.origin),
    ['.otalintrc.json [1].suppressions[0]'],
  );

  const report = await unusedSuppressionsResult(unused, path.join(linter.cwd, '.otalintrc.json'));
  const [message] = report!.messages;
  assert.equal(message!.ruleId, 'unused-suppression');
  assert.equal(message!.severity, 'warning');
  assert.match(message!.message, /\[1\]\.suppressions\[0\] \("upper-id" at \/description in \*\.json\) waived no finding/);
  // Points at the entry in the JSON config: `[1].suppressions[0]` opens on line 9.
  assert.equal(message!.line, 9);
});

test('an expired suppression stops waiving and says so where the finding is', async () => {
  const linter = await linterFor([
    { extends: ['recommended'] },
    { suppressions: [{ files: '*.json', path: '/otaUpdateId', rule: 'upper-id', reason: 'migrating', expires: '2001-01-31' }] },
  ]);
  const result = linter.lintText(REQUEST, 'a.json');
  assert.deepEqual(
    ids(result).filter((id) => id !== 'no-http'),
    ['expired-suppression', 'upper-id'],
  );
  const expired = result.messages.find((m) => m.ruleId === 'expired-suppression')!;
  const finding = result.messages.find((m) => m.ruleId === 'upper-id')!;
  assert.equal(expired.offset, finding.offset);
  assert.match(expired.message, /\[1\]\.suppressions\[0\]: "migrating"\) expired on 2001-01-31/);
  assert.deepEqual(linter.unusedSuppressions(), [], 'an expired suppression that still matches is not also "unused"');
});

test('a suppression that has not expired yet waives', async () => {
  const linter = await linterFor([
    { extends: ['recommended'] },
    { suppressions: [{ files: '*.json', path: '/otaUpdateId', rule: 'upper-id', reason: 'migrating', expires: '2999-12-31' }] },
  ]);
  assert.deepEqual(ids(linter.lintText(REQUEST, 'a.json')), ['no-http', 'no-http']);
});

test('unsuppressible rules (a policy lock) keep their findings and flag the attempt', async () => {
  const linter = await linterFor([
    { extends: ['recommended'], unsuppressible: ['upper-id'] },
    { suppressions: [{ files: '*.json', path: '', rule: 'upper-id', reason: 'please' }] },
  ]);
  const result = linter.lintText(REQUEST, 'a.json');
  assert.deepEqual(
    ids(result).filter((id) => id !== 'no-http'),
    ['invalid-suppression', 'upper-id'],
  );
  assert.match(result.messages[0]!.message, /unsuppressible by policy/);
  assert.deepEqual([...linter.unsuppressibleRules('a.json')], ['upper-id']);

  const yaml = 'otaUpdateId: abc # otalint-disable-line upper-id -- please\n';
  const fromComment = linter.lintText(yaml, 'b.yaml');
  assert.deepEqual(ids(fromComment), ['invalid-suppression', 'upper-id']);
  assert.match(fromComment.messages[0]!.message, /the disable comment on line 1 is ignored/);
});

const YAML = `# otalint-disable-next-line upper-id -- generated by the legacy pipeline
otaUpdateId: abc
description: "not a comment # otalint-disable-line no-http -- nope"
protocols:
  # otalint-disable-next-line no-http -- fleet A has no MQTT

  - HTTP
  - MQTT
  - HTTP
`;

test('YAML disable comments: next line (skipping blank and comment lines), same line, and # inside strings is not a comment', async () => {
  const linter = await linterFor([{ extends: ['recommended'] }]);
  const result = linter.lintText(YAML, 'r.yaml');
  assert.deepEqual(
    result.messages.map((m) => `${m.line}:${m.ruleId}`),
    ['9:no-http'],
  );
  assert.equal(readDisableComments(YAML).length, 2);
});

test('a disable comment above a key covers the findings in its block', async () => {
  const linter = await linterFor([{ extends: ['recommended'] }]);
  const text = 'otaUpdateId: ABC\n# otalint-disable-next-line no-http -- all of them\nprotocols:\n  - HTTP\n';
  // The finding is on line 4 (`- HTTP`), its list's key on line 3.
  const result = linter.lintText(text, 'r.yaml');
  assert.deepEqual(ids(result), []);
  const sibling = linter.lintText('otaUpdateId: ABC\n# otalint-disable-next-line no-http -- not this one\ndescription: x\nprotocols:\n  - HTTP\n', 'r.yaml');
  assert.deepEqual(ids(sibling), ['unused-suppression', 'no-http'], 'a block ends where the next key starts');
  const keyed = linter.lintText('otaUpdateId: ABC\n# otalint-disable-next-line no-http -- all of them\nprotocols: [HTTP]\n', 'r.yaml');
  assert.deepEqual(ids(keyed), []);
});

test('malformed, unknown-rule and unused disable comments are reported', async () => {
  const linter = await linterFor([{ extends: ['recommended'] }]);
  const text = [
    'otaUpdateId: abc # otalint-disable-line upper-id',
    '# otalint-disable-next-line -- no rule named',
    '# otalint-disable-next-line upper-idd -- typo',
    'protocols: [MQTT] # otalint-disable-line no-http -- nothing to waive',
    '',
  ].join('\n');
  const result = linter.lintText(text, 'r.yaml');
  const summary = result.messages.map((m) => `${m.line} ${m.severity} ${m.ruleId}: ${m.message}`);
  assert.equal(summary.length, 5, summary.join('\n'));
  assert.match(summary[0]!, /^1 error upper-id/, 'a comment without a reason waives nothing');
  assert.match(summary[1]!, /^1 error invalid-suppression: Invalid disable comment: give a reason after "--"/);
  assert.match(summary[2]!, /^2 error invalid-suppression: .*name the rule to disable/);
  assert.match(summary[3]!, /^3 error invalid-suppression: .*"upper-idd" is not a rule that can be suppressed; did you mean "upper-id"\?$/);
  assert.match(summary[4]!, /^4 warning unused-suppression: .*suppressed nothing for "no-http" on its line; remove it/);
});

test('JSON files have no comments: a look-alike string never suppresses', async () => {
  const linter = await linterFor([{ extends: ['recommended'] }]);
  const result = linter.lintText('{"description": "# otalint-disable-next-line upper-id -- x",\n"otaUpdateId": "abc"}', 'r.json');
  assert.deepEqual(ids(result), ['upper-id']);
});

test('config errors name the key and what is allowed', async () => {
  const base = { files: '*.json', path: '/otaUpdateId', rule: 'upper-id', reason: 'r' };
  const cases: Array<[unknown, RegExp]> = [
    [{ suppressions: [{ ...base, reason: ' ' }] }, /\[0\]\.suppressions\[0\]\.reason: is required/],
    [{ suppressions: [{ ...base, expires: '31/12/2025' }] }, /\.expires: must be a date written YYYY-MM-DD/],
    [{ suppressions: [{ ...base, expires: '2025-02-30' }] }, /\.expires: must be a date/],
    [
      { suppressions: [{ ...base, rule: 'uper-id' }] },
      /\.rule: unknown or unsuppressible rule "uper-id"; did you mean "upper-id"\? `otalint rules` lists them all\.$/,
    ],
    [{ suppressions: [{ ...base, rule: 'syntax-error' }] }, /unknown or unsuppressible rule "syntax-error"/],
    [{ suppressions: [{ ...base, path: 'otaUpdateId' }] }, /\.path: is required: a JSON pointer/],
    [{ suppressions: [{ ...base, file: 'x' }] }, /\.file: unknown key; did you mean "files"\? Allowed: files, /],
    [{ suppressions: [{ ...base, files: [] }] }, /\.files: is required/],
    [{ suppressions: base }, /\.suppressions: must be a list/],
    [{ unsuppressible: 'upper-id' }, /\.unsuppressible: must be a list of rule ids/],
    [{ unsuppressible: ['nope'] }, /\.unsuppressible\[0\]: unknown or unsuppressible rule "nope"\. `otalint rules`/],
    [{ suppresions: [] }, /unknown key; did you mean "suppressions"/],
  ];
  for (const [config, expected] of cases) {
    const error = await configError([config]);
    assert.match(error.message, expected, JSON.stringify(config));
  }
});

test('fingerprints: stable across edits elsewhere, reformatting and key order; new when the value changes', async () => {
  const linter = await linterFor([{ extends: ['recommended'] }]);
  const fingerprints = (text: string, file = 'r.json') => linter.lintText(text, file).messages.map((m) => `${m.ruleId} ${m.fingerprint}`);
  const before = fingerprints('{"otaUpdateId": "abc", "protocols": ["HTTP"]}');
  assert.equal(before.length, 2);
  assert.match(before[0]!, /^upper-id [0-9a-f]{32}:1$/);
  assert.deepEqual(fingerprints('{\n  "description": "added above",\n  "protocols": [ "HTTP" ],\n  "otaUpdateId": "abc"\n}'), [before[1], before[0]]);
  assert.deepEqual(fingerprints('otaUpdateId: abc\nprotocols:\n  - HTTP\n', 'r.yaml'), before, 'the same request in YAML');
  assert.notEqual(fingerprints('{"otaUpdateId": "abd", "protocols": ["HTTP"]}')[0], before[0]);
  // Two equal findings: the occurrence suffix keeps them apart.
  const twice = fingerprints('{"protocols": ["HTTP", "HTTP"]}');
  assert.notEqual(twice[0], twice[1]);
});

test('suppressions survive edits elsewhere in the file on disk; moving the finding to another pointer ends them', async () => {
  const cwd = project(
    [{ extends: ['recommended'] }, { suppressions: [{ files: 'requests/*.yaml', path: '/protocols/0', rule: 'no-http', reason: 'fleet A' }] }],
    { 'requests/r.yaml': '# otalint-disable-next-line upper-id -- legacy id\notaUpdateId: abc\nprotocols: [HTTP]\n' },
  );
  const linter = await Linter.create({ cwd, builtins });
  assert.deepEqual(ids(await linter.lintFile('requests/r.yaml')), []);

  const file = path.join(cwd, 'requests/r.yaml');
  writeFileSync(
    file,
    'description: added on top\ntargets:\n  - arn:aws:iot:us-east-1:123456789012:thing/d1\nprotocols:\n  - HTTP\n# otalint-disable-next-line upper-id -- legacy id\notaUpdateId: abc\n',
  );
  assert.deepEqual(ids(await linter.lintFile('requests/r.yaml')), [], 'moved lines, reordered keys, block style');

  writeFileSync(file, 'otaUpdateId: ABC\nprotocols: [MQTT, HTTP]\n');
  const moved = await linter.lintFile('requests/r.yaml');
  assert.deepEqual(
    moved.messages.map((m) => `${m.ruleId} ${m.path}`),
    ['no-http /protocols/1'],
  );
});

test.run();
