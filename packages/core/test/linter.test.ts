import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { readSource as readDocument } from '../src/document/source-kinds.js';
import { lintDocument } from '../src/linter/lint-document.js';
import { applyFixes } from '../src/linter/apply-fixes.js';
import { defineRule, formatMessage } from '../src/rules/define-rule.js';
import { awsApiModel } from '../src/rules/aws-api-model.js';

const test = suite('linter');

const crashing = defineRule({
  meta: { id: 'crashes', description: 'd', category: 'files', defaultSeverity: 'error', certainty: 'documented', messages: { m: 'x' } },
  defaultOptions: {},
  check() {
    throw new Error('kaboom');
  },
});
const upper = defineRule({
  meta: {
    id: 'upper-id',
    description: 'd',
    category: 'identity',
    defaultSeverity: 'warning',
    certainty: 'inferred',
    messages: { lower: '`otaUpdateId` {{value}} is lower case; write {{fixed}}.' },
    fixable: true,
  },
  defaultOptions: {},
  check(context) {
    const id = context.request.otaUpdateId;
    if (typeof id === 'string' && id !== id.toUpperCase()) {
      context.report({
        path: ['otaUpdateId'],
        messageId: 'lower',
        data: { value: id, fixed: id.toUpperCase() },
        fix: [{ kind: 'replace', path: ['otaUpdateId'], value: id.toUpperCase() }],
      });
    }
  },
});

test('a crashing rule becomes an internal-error diagnostic; the others still run; the result is fatal', () => {
  const document = readDocument('r.json', '{"otaUpdateId": "abc"}');
  const result = lintDocument(document, [
    { id: 'crashes', rule: crashing, severity: 'error', options: {} },
    { id: 'upper-id', rule: upper, severity: 'warning', options: {} },
  ]);
  assert.equal(result.fatal, true);
  assert.deepEqual(
    result.messages.map((m) => m.ruleId),
    ['internal-error', 'upper-id'],
  );
  assert.match(result.messages[0]!.message, /Rule "crashes" crashed on this file: kaboom/);
  assert.equal(result.warningCount, 1);
  assert.equal(result.errorCount, 1);
});

test('findings are resolved to exact ranges and pointers; fixes apply', () => {
  const text = '{\n  "otaUpdateId": "abc"\n}\n';
  const result = lintDocument(readDocument('r.json', text), [{ id: 'upper-id', rule: upper, severity: 'warning', options: {} }]);
  const [message] = result.messages;
  assert.deepEqual(
    {
      line: message!.line,
      column: message!.column,
      endLine: message!.endLine,
      endColumn: message!.endColumn,
      offset: message!.offset,
      length: message!.length,
      path: message!.path,
    },
    { line: 2, column: 18, endLine: 2, endColumn: 23, offset: 19, length: 5, path: '/otaUpdateId' },
  );
  assert.equal(message!.message, '`otaUpdateId` abc is lower case; write ABC.');
  assert.equal(applyFixes(text, result.messages).text, '{\n  "otaUpdateId": "ABC"\n}\n');
});

test('rules run on what could be read past a syntax error', () => {
  const result = lintDocument(readDocument('r.json', '{"a": 1 "otaUpdateId": "abc"}'), [{ id: 'upper-id', rule: upper, severity: 'warning', options: {} }]);
  assert.deepEqual(
    result.messages.map((m) => m.ruleId),
    ['syntax-error', 'upper-id'],
  );
});

test('overlapping fixes: the later one waits for the next pass', () => {
  const messages = [{ fix: { edits: [{ offset: 0, length: 3, text: 'x' }] } }, { fix: { edits: [{ offset: 2, length: 2, text: 'y' }] } }] as never;
  assert.deepEqual(applyFixes('abcdef', messages), { text: 'xdef', applied: 1 });
});

test('defineRule: kebab-case ids, docs URL from the id; formatMessage rejects unfilled placeholders', () => {
  assert.equal(upper.docsUrl.endsWith('/upper-id.md'), true);
  assert.throws(() => defineRule({ ...upper, meta: { ...upper.meta, id: 'Upper_Id' } }), /must be kebab-case/);
  assert.equal(formatMessage('{{a}} and {{ b }}', { a: 1, b: 'two' }), '1 and two');
  assert.throws(() => formatMessage('{{a}} {{missing}}', { a: 1 }), /placeholder \{\{missing\}\} has no data/);
});

test("a report that supersedes another rule drops that rule's report at the same path only", () => {
  const precise = defineRule({
    meta: { id: 'precise', description: 'd', category: 'identity', defaultSeverity: 'error', certainty: 'documented', messages: { m: 'precise' } },
    defaultOptions: {},
    check(context) {
      context.report({ path: ['otaUpdateId'], messageId: 'm', supersedes: 'upper-id' });
      context.report({ path: ['description'], messageId: 'm', supersedes: 'upper-id' });
    },
  });
  const document = readDocument('r.json', '{"otaUpdateId": "abc", "description": "d"}');
  const both = lintDocument(document, [
    { id: 'upper-id', rule: upper, severity: 'warning', options: {} },
    { id: 'precise', rule: precise, severity: 'error', options: {} },
  ]);
  assert.deepEqual(
    both.messages.map((m) => `${m.ruleId} ${m.path}`),
    ['precise /otaUpdateId', 'precise /description'],
  );
  const alone = lintDocument(document, [{ id: 'upper-id', rule: upper, severity: 'warning', options: {} }]);
  assert.deepEqual(
    alone.messages.map((m) => `${m.ruleId} ${m.path}`),
    ['upper-id /otaUpdateId'],
  );
});

test('YAML: a number or date where a string is wanted says to quote it, quoting the text as written', () => {
  const text =
    'otaUpdateId: a\ntargets: [arn:aws:iot:us-east-1:123456789012:thing/x]\nroleArn: arn:aws:iam::123456789012:role/r\nfiles:\n  - fileVersion: 1.0\n    fileLocation: { s3Location: { bucket: b, key: k, version: 2024-01-01 } }\n';
  const result = lintDocument(readDocument('r.yaml', text), [{ id: 'aws-api-model', rule: awsApiModel, severity: 'error', options: {} }]);
  assert.deepEqual(
    result.messages.map((m) => [m.line, m.column, m.path]),
    [
      [5, 18, '/files/0/fileVersion'],
      [6, 63, '/files/0/fileLocation/s3Location/version'],
    ],
  );
  assert.match(result.messages[0]!.message, /fileVersion: "1\.0"/);
  assert.match(result.messages[1]!.message, /read as a date.*version: "2024-01-01"/);
});

test.run();
