// meta.needs: the engine skips a rule on a request that certainly holds none of the paths it
// needs, and the rule tester holds a rule to what it declares.
import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { readSource } from '../src/document/source-kinds.js';
import { lintDocument } from '../src/linter/lint-document.js';
import { defineRule, defineSourceRule } from '../src/rules/define-rule.js';
import { NeedsIndex } from '../src/rules/rule-needs.js';
import { RuleTimer } from '../src/linter/rule-timing.js';
import { checkInvalidCase, checkValidCase } from '../src/testing/rule-tester.js';
import { mayHoldValueAt } from '../src/util/select.js';
import { markOpen, unknownValue } from '../src/value/unknown.js';
import { watchedForSymbols } from './helpers/symbol-questions.js';

const test = suite('meta.needs');
const CUSTOM = 'files[].codeSigning.customCodeSigning';

test('a path is held when it is there, whatever its value; absent only when certainly so', () => {
  assert.equal(mayHoldValueAt({ files: [{ codeSigning: { customCodeSigning: {} } }] }, CUSTOM), true);
  assert.equal(mayHoldValueAt({ files: [{}, { codeSigning: { customCodeSigning: null } }] }, CUSTOM), true, 'the second file holds it');
  assert.equal(mayHoldValueAt({ files: [{ codeSigning: { startSigningJobParameter: {} } }] }, CUSTOM), false);
  assert.equal(mayHoldValueAt({ files: [] }, CUSTOM), false);
  assert.equal(mayHoldValueAt({}, CUSTOM), false);
  assert.equal(mayHoldValueAt({ files: { codeSigning: { customCodeSigning: {} } } }, CUSTOM), false, 'files is not a list: no item to hold it');
  assert.equal(mayHoldValueAt({ files: [{ codeSigning: 'text' }] }, CUSTOM), false, 'a string has no members');
  assert.equal(mayHoldValueAt({ files: [null, [], 3] }, CUSTOM), false);
  assert.equal(mayHoldValueAt({ awsJobPresignedUrlConfig: 0 }, 'awsJobPresignedUrlConfig'), true);
});

test('a path through a value known only at run time, or to a member a spread may add, may be held', () => {
  assert.equal(mayHoldValueAt({ files: unknownValue('files') }, CUSTOM), true);
  assert.equal(mayHoldValueAt({ files: [unknownValue('file')] }, CUSTOM), true);
  assert.equal(mayHoldValueAt({ files: [{ codeSigning: unknownValue('signing') }] }, CUSTOM), true);
  assert.equal(mayHoldValueAt({ files: markOpen([], ['...files']) }, CUSTOM), true, 'an open list may hold more files');
  assert.equal(mayHoldValueAt({ files: [markOpen({}, ['...file'])] }, CUSTOM), true, 'an open object may hold codeSigning');
  assert.equal(mayHoldValueAt(markOpen({}, ['...request']), CUSTOM), true);
  assert.equal(mayHoldValueAt(unknownValue('request'), CUSTOM), true);
});

/** Counts the requests it checks; reports on a custom code-signing part. */
function countingRule(needs: readonly string[] | undefined) {
  const counter = { checked: 0 };
  const rule = defineRule({
    meta: {
      id: 'counting',
      description: 'd',
      category: 'signing',
      defaultSeverity: 'error',
      certainty: 'inferred',
      unknownValues: 'checked',
      ...(needs ? { needs } : {}),
      messages: { custom: 'Custom signing.', none: 'No files.' },
    },
    defaultOptions: {},
    check({ request, report }) {
      counter.checked++;
      const files = (request as { files?: unknown }).files;
      if (files === undefined) report({ path: [], messageId: 'none' });
      else if (JSON.stringify(files).includes('customCodeSigning')) report({ path: ['files'], messageId: 'custom' });
    },
  });
  return { rule, counter };
}

const lint = (rule: ReturnType<typeof countingRule>['rule'], text: string, file = 'r.json') =>
  lintDocument(readSource(file, text), [{ id: 'counting', rule, severity: 'error', options: {} }]).messages.map((message) => message.message);

test('the engine checks a rule only on the requests that may hold what it needs', () => {
  const { rule, counter } = countingRule([CUSTOM, 'awsJobPresignedUrlConfig']);
  assert.deepEqual(lint(rule, '{"files": [{"codeSigning": {"startSigningJobParameter": {}}}]}'), []);
  assert.deepEqual(lint(rule, '{"otaUpdateId": "a"}'), []);
  assert.equal(counter.checked, 0, 'neither request holds a path it needs: never checked');
  assert.deepEqual(lint(rule, '{"files": [{"codeSigning": {"customCodeSigning": {}}}]}'), ['Custom signing.']);
  assert.deepEqual(lint(rule, '{"awsJobPresignedUrlConfig": {}}'), ['No files.'], 'one of the paths is enough');
  assert.equal(counter.checked, 2);
  // In code, a spread may add the part: the rule runs.
  lint(rule, 'const iot = new IoTClient({});\nawait iot.send(new CreateOTAUpdateCommand({ otaUpdateId: "a", files: [{ ...signed }] }));\n', 'case.ts');
  assert.equal(counter.checked, 3);
});

test('a rule without needs is checked on every request', () => {
  const { rule, counter } = countingRule(undefined);
  lint(rule, '{"otaUpdateId": "a"}');
  lint(rule, '{"files": []}');
  assert.equal(counter.checked, 2);
});

test('a request looks each pattern up once, however many rules need it, and only when a rule asks', () => {
  const index = new NeedsIndex();
  const custom = index.numbers([CUSTOM]);
  const either = index.numbers([CUSTOM, 'awsJobPresignedUrlConfig']);
  assert.deepEqual([custom, either, index.numbers(undefined)], [[0], [0, 1], undefined], 'each distinct pattern numbered once');
  let reads = 0;
  const request = {
    get files() {
      reads++;
      return [{ codeSigning: { startSigningJobParameter: {} } }];
    },
  };
  const needs = index.forRequest(request);
  assert.equal(reads, 0, 'nothing looked up before a rule asks');
  assert.equal(needs.met(custom), false);
  assert.equal(needs.met(either), false);
  assert.equal(needs.met(custom), false);
  assert.equal(reads, 1, `files read ${reads} times for three rules that need ${CUSTOM}`);
  assert.equal(index.forRequest({ awsJobPresignedUrlConfig: {} }).met(either), true);
});

test('a request is walked once for all the patterns of the rules, however many go through one member', () => {
  const index = new NeedsIndex();
  const custom = index.numbers([CUSTOM]);
  const stream = index.numbers(['files[].fileLocation.stream']);
  const signing = index.numbers(['files[].codeSigning.startSigningJobParameter']);
  const presigned = index.numbers(['awsJobPresignedUrlConfig']);
  let reads = 0;
  const request = {
    get files() {
      reads++;
      return [{ codeSigning: { startSigningJobParameter: {} } }, { fileLocation: { stream: {} } }];
    },
  };
  const needs = index.forRequest(request, true);
  assert.deepEqual([needs.met(custom), needs.met(stream), needs.met(signing), needs.met(presigned)], [false, true, true, false]);
  assert.equal(reads, 1, `files read ${reads} times for three patterns through it`);
});

test('patterns walked together give what each gives alone, unknown values and spreads included', () => {
  const patterns = [CUSTOM, 'files[].codeSigning', 'files[].fileLocation.stream', 'files', 'awsJobPresignedUrlConfig', 'tags[].Key'];
  const requests: unknown[] = [
    {},
    { files: [] },
    { files: [{ codeSigning: { customCodeSigning: null } }, { fileLocation: { stream: 1 } }] },
    { files: [{ codeSigning: unknownValue('signing') }], tags: markOpen([], ['...tags']) },
    { files: markOpen([{ fileLocation: {} }], ['...files']), awsJobPresignedUrlConfig: 0 },
    { files: [markOpen({}, ['...file'])], tags: [{ Value: 'v' }, { Key: 'k' }] },
    { files: { codeSigning: {} } },
    markOpen({}, ['...request']),
    unknownValue('request'),
  ];
  const index = new NeedsIndex();
  const numbers = patterns.map((pattern) => index.numbers([pattern]));
  for (const known of [false, true]) {
    for (const request of requests) {
      const needs = index.forRequest(request, known);
      assert.deepEqual(
        numbers.map((number) => needs.met(number)),
        patterns.map((pattern) => mayHoldValueAt(request, pattern, known)),
        JSON.stringify(request),
      );
    }
  }
});

test('on a request that holds no unknown value or spread, needs ask no value whether it is unknown or open', () => {
  const { request, asked, reset } = watchedForSymbols((watched) =>
    watched({ files: watched([watched({ codeSigning: watched({ startSigningJobParameter: watched({}) }) })]) }),
  );
  const index = new NeedsIndex();
  const custom = index.numbers([CUSTOM]);
  const presigned = index.numbers(['awsJobPresignedUrlConfig']);
  const signing = index.numbers(['files[].codeSigning.startSigningJobParameter']);
  const answers = (known: boolean) => {
    const needs = index.forRequest(request, known);
    return [needs.met(custom), needs.met(presigned), needs.met(signing)];
  };
  assert.deepEqual(answers(false), [false, false, true]);
  assert.ok(asked() > 0, 'a request that may hold unknowns is asked');
  reset();
  assert.deepEqual(answers(true), [false, false, true], 'the same answers');
  assert.equal(asked(), 0, `${asked()} questions asked of a request known through and through`);
});

test('the engine never calls the check of a source rule: its findings come from the reader', () => {
  const source = defineSourceRule({ id: 'from-reader', description: 'd', category: 'command-line', defaultSeverity: 'error', certainty: 'documented' });
  const { rule, counter } = countingRule(undefined);
  const timer = new RuleTimer();
  lintDocument(
    readSource('r.json', '{"otaUpdateId": "a"}'),
    [
      { id: 'from-reader', rule: source, severity: 'error', options: {} },
      { id: 'counting', rule, severity: 'error', options: {} },
    ],
    { timer },
  );
  assert.equal(counter.checked, 1);
  assert.deepEqual(
    timer.times().map((time) => time.ruleId),
    ['counting'],
    'only the rule that checks something is entered',
  );
});

test('needs are checked when the rule is defined', () => {
  const meta = { id: 'n', description: 'd', category: 'signing', defaultSeverity: 'error', certainty: 'inferred', messages: { m: 'm' } } as const;
  const define =
    (extra: object, run = false) =>
    () =>
      defineRule({ meta: { ...meta, ...extra }, defaultOptions: {}, ...(run ? { checkRun() {} } : { check() {} }) } as never);
  assert.throws(define({ needs: [] }), /`needs` is a list of path patterns/);
  assert.throws(define({ needs: ['files[].'] }), /`needs` is a list of path patterns/);
  assert.throws(define({ needs: 'files' }), /`needs` is a list of path patterns/);
  assert.throws(define({ scope: 'run', needs: ['files'] }, true), /scope "run": `needs` is for rules that check one request at a time/);
  assert.doesNotThrow(define({ needs: ['files[].codeSigning', 'awsJobAbortConfig.abortCriteriaList[]'] }));
});

test('the rule tester fails a rule that finds something on a case without what it declares it needs', () => {
  // The rule reports a request without files, which it declares it needs: a wrong declaration.
  const { rule } = countingRule(['files']);
  assert.throws(
    () => checkValidCase(rule, { code: '{"otaUpdateId": "a"}' }),
    (error: Error) => error instanceof assert.AssertionError && /declares meta\.needs \["files"\], but it finds something on this case/.test(error.message),
  );
  // Where the declaration holds, the table passes.
  const { rule: right } = countingRule([CUSTOM]);
  checkValidCase(right, { code: '{"files": []}' });
  checkInvalidCase(right, {
    code: '{"files": [{"codeSigning": {"customCodeSigning": {}}}]}',
    errors: [{ message: 'Custom signing.', line: 1, column: 11, endLine: 1, endColumn: 55 }],
  });
});

test.run();
