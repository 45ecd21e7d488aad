import assert from 'node:assert/strict';
import { suite } from 'uvu';
import type { JsonPath, Target } from '../src/diagnostic.js';
import { readJsonDocument } from '../src/document/json-document.js';
import { LineIndex } from '../src/document/line-index.js';
import type { RequestDocument, SourceDocument, SourceKind, Span } from '../src/document/types.js';
import { lintDocument } from '../src/linter/lint-document.js';
import { Linter } from '../src/linter/linter.js';
import { defineAccountRule, defineRule, type AnyRule } from '../src/rules/define-rule.js';
import type { AwsAccount, Lookup } from '../src/account/types.js';
import { parseDirective } from '../src/suppressions/comments.js';
import type { Plugin } from '../src/config/types.js';
import { isList, isObject, isString, listEntries } from '../src/util/guards.js';
import { containsUnknown, isUnknown, markOpen, unknownValue } from '../src/value/unknown.js';

const test = suite('engine: several requests per file, unknown values');

/**
 * A test source kind: every line `REQ <json>` is a request; a string "$NAME" in it is unknown,
 * an object with a member "...": "rest" is open (a spread). `# otalint-disable-next-line` works.
 */
const linesKind: SourceKind = {
  id: 'lines',
  description: 'test kind',
  patterns: ['**/*.req'],
  claims: (filePath) => filePath.endsWith('.req'),
  mayHoldRequests: (text) => text.includes('REQ '),
  read(filePath, text): SourceDocument {
    const requests: RequestDocument[] = [];
    let offset = 0;
    for (const line of text.split('\n')) {
      if (line.startsWith('REQ ')) requests.push(embedded(line.slice(4), offset + 4, requests.length));
      offset += line.length + 1;
    }
    const lines = new LineIndex(text);
    return {
      filePath,
      kind: 'lines',
      text,
      problems: [],
      requests,
      range: (span) => lines.range(span.offset, span.length),
      disableComments: () => {
        const out = [];
        let at = 0;
        for (const line of text.split('\n')) {
          const hash = line.indexOf('# otalint-disable');
          const comment = hash === -1 ? undefined : parseDirective(line.slice(hash), at + hash);
          if (comment) out.push(comment);
          at += line.length + 1;
        }
        return out;
      },
    };
  },
};

function embedded(json: string, start: number, index: number): RequestDocument {
  const inner = readJsonDocument('embedded.json', json).requests[0]!;
  const value = withUnknowns(inner.value);
  const shift = (span: Span): Span => ({ offset: span.offset + start, length: span.length });
  return {
    index,
    value,
    format: 'json',
    problems: [],
    span: { offset: start, length: json.length },
    hasUnknowns: containsUnknown(value),
    locate: (path: JsonPath, target: Target) => shift(inner.locate(path, target)),
    textEdits: (edit) => inner.textEdits(edit)?.map((e) => ({ ...e, offset: e.offset + start })),
    sourceText: (path) => inner.sourceText(path),
  };
}

function withUnknowns(value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith('$')) return unknownValue(value, 'variable');
  if (Array.isArray(value)) return value.map(withUnknowns);
  if (isObject(value)) {
    const out: Record<string, unknown> = {};
    let open = false;
    for (const [key, child] of Object.entries(value)) {
      if (key === '...') open = true;
      else out[key] = withUnknowns(child);
    }
    return open ? markOpen(out, ['...rest']) : out;
  }
  return value;
}

/** Reports every target that is not a thing ARN (a careless rule: it does not check unknowns). */
const careless = defineRule({
  meta: {
    id: 'careless',
    description: 'd',
    category: 'targets',
    defaultSeverity: 'error',
    certainty: 'inferred',
    messages: { bad: 'bad target', none: 'no protocols: MQTT by default', missing: 'no roleArn' },
  },
  defaultOptions: {},
  check({ request, report }) {
    for (const [index, target] of listEntries(request.targets)) {
      if (!(isString(target) && target.startsWith('arn:'))) report({ path: ['targets', index], messageId: 'bad' });
    }
    if (!isList(request.protocols)) report({ path: ['otaUpdateId'], messageId: 'none' });
    if (request.roleArn === undefined) report({ path: ['roleArn'], target: 'parent', messageId: 'missing' });
  },
});
const checked = defineRule({ ...careless, meta: { ...careless.meta, id: 'checked', unknownValues: 'checked' } });
const active = (rule: AnyRule) => [{ id: rule.meta.id, rule, severity: 'error' as const, options: {} }];

test('a file yields several requests; each message names its request and lands at its line', () => {
  const text = 'x\nREQ {"targets": ["a"], "protocols": []}\ny\nREQ {"targets": ["arn:x", "b"], "protocols": [], "roleArn": "r"}\n';
  const result = lintDocument(linesKind.read('f.req', text), active(careless));
  assert.deepEqual(
    result.messages.map((m) => [m.requestIndex, m.line, m.column, m.path, m.message]),
    [
      [0, 2, 5, '/roleArn', 'no roleArn'],
      [0, 2, 18, '/targets/0', 'bad target'],
      [1, 4, 27, '/targets/1', 'bad target'],
    ],
  );
  assert.deepEqual(
    result.requests!.map((r) => [r.index, r.range.line, r.range.column]),
    [
      [0, 2, 5],
      [1, 4, 5],
    ],
  );
});

test('a file with one request has no requestIndex on its messages (JSON and YAML reports unchanged)', () => {
  const result = lintDocument(linesKind.read('f.req', 'REQ {"targets": ["a"], "protocols": [], "roleArn": "r"}'), active(careless));
  assert.equal(result.messages.length, 1);
  assert.equal('requestIndex' in result.messages[0]!, false);
});

test('a file without requests: no messages, no requests', () => {
  const result = lintDocument(linesKind.read('f.req', 'nothing here\n'), active(careless));
  assert.deepEqual(result.messages, []);
  assert.deepEqual(result.requests, []);
});

test('a rule that does not declare unknownValues: its reports on a request whose unknowns it read are dropped', () => {
  const text = 'REQ {"targets": ["$GROUP", "b"], "protocols": "$PROTOCOLS", "roleArn": "r"}';
  assert.deepEqual(lintDocument(linesKind.read('f.req', text), active(careless)).messages, []);
  // The same request with the unknowns written out reports both.
  const known = lintDocument(linesKind.read('f.req', 'REQ {"targets": ["x", "b"], "roleArn": "r"}'), active(careless));
  assert.deepEqual(
    known.messages.map((m) => m.message),
    ['no protocols: MQTT by default', 'bad target', 'bad target'],
  );
});

test('a checked rule still reports the known parts, but never a path through an unknown value', () => {
  const text = 'REQ {"targets": ["$GROUP", "b"], "protocols": [], "roleArn": "r"}';
  const result = lintDocument(linesKind.read('f.req', text), active(checked));
  assert.deepEqual(
    result.messages.map((m) => m.path),
    ['/targets/1'],
  );
});

test('no member is missing from an object with a spread, and an open container is never judged as a whole', () => {
  const text = 'REQ {"...": "rest", "targets": ["b"], "protocols": []}';
  const result = lintDocument(linesKind.read('f.req', text), active(checked));
  assert.deepEqual(
    result.messages.map((m) => m.message),
    ['bad target'],
  );
  const wholeList = defineRule({
    meta: { ...checked.meta, id: 'count', messages: { two: 'two targets' } },
    defaultOptions: {},
    check({ request, report }) {
      if (isList(request.targets) && request.targets.length === 2) report({ path: ['targets'], messageId: 'two' });
    },
  });
  const spreadList = embedded('{"targets": ["a", "b"]}', 0, 0);
  markOpen((spreadList.value as { targets: unknown[] }).targets, ['...others']);
  const document: SourceDocument = { ...linesKind.read('f.req', ''), requests: [{ ...spreadList, hasUnknowns: true }] };
  assert.deepEqual(lintDocument(document, active(wholeList)).messages, []);
});

test('a member that is there but unknown is never reported missing', () => {
  const notAString = defineRule({
    meta: { ...checked.meta, id: 'role-missing', messages: { missing: 'no roleArn' } },
    defaultOptions: {},
    check({ request, report }) {
      if (!isString(request.roleArn)) report({ path: ['roleArn'], target: 'parent', messageId: 'missing' });
    },
  });
  assert.deepEqual(lintDocument(linesKind.read('f.req', 'REQ {"roleArn": "$ROLE"}'), active(notAString)).messages, []);
  assert.deepEqual(
    lintDocument(linesKind.read('f.req', 'REQ {"otaUpdateId": "x"}'), active(notAString)).messages.map((m) => m.message),
    ['no roleArn'],
  );
});

test('unknown values are frozen, serialize as {"$unknown": source}, and are never objects to the guards', () => {
  const unknown = unknownValue('$ROLE', 'variable');
  assert.ok(Object.isFrozen(unknown));
  assert.ok(isUnknown(unknown));
  assert.equal(isObject(unknown), false);
  assert.equal(JSON.stringify({ roleArn: unknown }), '{"roleArn":{"$unknown":"$ROLE"}}');
  const open = markOpen({ a: 1 }, ['...rest']);
  assert.deepEqual(Object.keys(open), ['a']);
  assert.equal(JSON.stringify(open), '{"a":1}');
});

const fail = (meta: object, check: (context: any) => void) =>
  defineRule({
    meta: { id: 'bad-meta', description: 'd', category: 'targets', defaultSeverity: 'error', certainty: 'inferred', messages: { m: 'm', s: 's' }, ...meta },
    defaultOptions: {},
    check,
  });

test('rule metadata is enforced: a fix without fixable, a suggestion without hasSuggestions, an unknown message id', () => {
  const cases: Array<[object, (context: any) => void, RegExp]> = [
    [
      {},
      (c) => c.report({ path: ['a'], messageId: 'm', fix: [{ kind: 'replace', path: ['a'], value: 2 }] }),
      /reported a fix, but its meta does not declare `fixable: true`/,
    ],
    [{}, (c) => c.report({ path: ['a'], messageId: 'm', suggestions: [{ messageId: 's', edits: [] }] }), /does not declare `hasSuggestions: true`/],
    [
      { hasSuggestions: true },
      (c) => c.report({ path: ['a'], messageId: 'm', suggestions: [{ messageId: 'nope', edits: [] }] }),
      /suggested with unknown messageId "nope"/,
    ],
    [{}, (c) => c.report({ path: ['a'], messageId: 'nope' }), /reported unknown messageId "nope"/],
  ];
  for (const [meta, check, message] of cases) {
    const rule = fail(meta, check);
    const result = lintDocument(readJsonDocument('r.json', '{"a": 1}'), [{ id: 'bad-meta', rule, severity: 'error', options: {} }]);
    assert.equal(result.fatal, true);
    assert.equal(result.messages[0]!.ruleId, 'internal-error');
    assert.match(result.messages[0]!.message, message);
  }
});

test('through the Linter: a plugin adds a source kind; suppressions and fingerprints are per request', async () => {
  const plugin: Plugin = { meta: { name: 'lines', version: '1.0.0' }, sources: [linesKind], rules: {} };
  const builtins: Plugin = { meta: { name: 'otalint', version: '0' }, rules: { checked }, configs: { recommended: { rules: { checked: 'error' } } } };
  const linter = await Linter.create({ cwd: '/tmp', builtins, defaultConfig: [{ plugins: { lines: plugin }, extends: ['recommended'] }] });
  const text = [
    'REQ {"otaUpdateId": "one", "targets": ["a"], "protocols": [], "roleArn": "r"}',
    '# otalint-disable-next-line checked -- a test target',
    'REQ {"otaUpdateId": "two", "targets": ["a"], "protocols": [], "roleArn": "r"}',
  ].join('\n');
  const result = linter.lintText(text, 'x.req');
  assert.equal(result.kind, 'lines');
  assert.deepEqual(
    result.messages.map((m) => [m.requestIndex, m.line]),
    [[0, 1]],
  );
  assert.deepEqual(
    result.suppressedMessages!.map((m) => [m.requestIndex, m.line, m.suppressions[0]!.justification]),
    [[1, 3, 'a test target']],
  );
  // Same rule, same path, same value, other request: other fingerprints; and stable when a request is added above.
  const again = linter.lintText(
    `REQ {"otaUpdateId": "zero", "roleArn": "r", "protocols": []}\n${text.replace('# otalint-disable-next-line checked -- a test target\n', '')}`,
    'x.req',
  );
  const one = again.messages.find((m) => m.requestIndex === 1)!;
  const two = again.messages.find((m) => m.requestIndex === 2)!;
  assert.notEqual(one.fingerprint, two.fingerprint);
  assert.equal(one.fingerprint, result.messages[0]!.fingerprint);
});

/** An account rule that looks up `files[0].fileLocation.s3Location` (bucket, then the object). */
const lookups = defineAccountRule({
  meta: {
    id: 'lookups',
    description: 'd',
    category: 'deep',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    messages: { gone: 'no bucket {{bucket}}' },
  },
  defaultOptions: {},
  async checkAccount({ request, account, report }) {
    const files = isList(request.files) ? request.files : [];
    const location = isObject(files[0]) && isObject(files[0].fileLocation) ? files[0].fileLocation.s3Location : undefined;
    if (!isObject(location) || !isString(location.bucket)) return;
    const path = ['files', 0, 'fileLocation', 's3Location', 'bucket'];
    if ((await account.bucket(location.bucket)).status === 'missing') report({ path, messageId: 'gone', data: { bucket: location.bucket } });
    if (isString(location.key)) await account.object(location.bucket, location.key, undefined);
  },
});

function recordingAccount(asked: string[]): AwsAccount {
  const missing = (what: string): Promise<Lookup<never>> => {
    asked.push(what);
    return Promise.resolve({ status: 'missing', error: { code: 'NoSuchBucket', message: 'gone' } });
  };
  const none = () => missing('other');
  return {
    callerAccount: none,
    bucket: (name) => missing(`bucket ${name}`),
    object: (bucket, key) => missing(`object ${bucket}/${key}`),
    role: none,
    permissions: none,
    thing: none,
    thingGroup: none,
    otaUpdate: none,
    stream: none,
    signingProfile: none,
    signingJob: none,
    certificate: none,
  };
}

test('account rules: unknown values are never looked up; findings go through suppressions and fingerprints', async () => {
  const plugin: Plugin = { meta: { name: 'lines', version: '1.0.0' }, sources: [linesKind], rules: {} };
  const builtins: Plugin = { meta: { name: 'otalint', version: '0' }, rules: { lookups }, configs: { recommended: { rules: {} } } };
  const linter = await Linter.create({ cwd: '/tmp', builtins, deep: true, defaultConfig: [{ plugins: { lines: plugin }, extends: ['recommended'] }] });
  const text = [
    'REQ {"files": [{"fileLocation": {"s3Location": {"bucket": "$BUCKET", "key": "fw.bin"}}}]}',
    'REQ {"files": [{"fileLocation": {"s3Location": {"bucket": "known", "key": "$KEY"}}}]}',
    '# otalint-disable-next-line lookups -- created by the pipeline later',
    'REQ {"files": [{"fileLocation": {"s3Location": {"bucket": "later", "key": "fw.bin"}}}]}',
  ].join('\n');
  const checkedFile = linter.check(linter.read(text, 'x.req'));
  const asked: string[] = [];
  const later = await linter.checkAccount([checkedFile], { account: recordingAccount(asked) });
  assert.deepEqual(asked.sort(), ['bucket known', 'bucket later', 'object later/fw.bin']);
  const result = linter.finish(checkedFile, later.get('x.req'));
  assert.deepEqual(
    result.messages.map((m) => [m.ruleId, m.requestIndex, m.line, m.column, m.message, typeof m.fingerprint]),
    [['lookups', 1, 2, 59, 'no bucket known', 'string']],
  );
  assert.deepEqual(
    result.suppressedMessages!.map((m) => [m.requestIndex, m.line]),
    [[2, 4]],
  );
});

test('without --deep, account rules never run, and comments naming them are not called unused', async () => {
  const plugin: Plugin = { meta: { name: 'lines', version: '1.0.0' }, sources: [linesKind], rules: {} };
  const builtins: Plugin = { meta: { name: 'otalint', version: '0' }, rules: { lookups }, configs: { recommended: { rules: { lookups: 'error' } } } };
  const linter = await Linter.create({ cwd: '/tmp', builtins, defaultConfig: [{ plugins: { lines: plugin }, extends: ['recommended'] }] });
  const text = '# otalint-disable-next-line lookups -- for deep runs\nREQ {"files": [{"fileLocation": {"s3Location": {"bucket": "b"}}}]}';
  const asked: string[] = [];
  assert.deepEqual((await linter.checkAccount([linter.check(linter.read(text, 'x.req'))], { account: recordingAccount(asked) })).size, 0);
  assert.deepEqual(asked, []);
  assert.deepEqual(linter.lintText(text, 'x.req').messages, []);
});

test.run();
