import assert from 'node:assert/strict';
import { suite } from 'uvu';
import type { Diagnostic, FileResult } from '../src/diagnostic.js';
import { decodeText } from '../src/document/decode.js';
import { LIMITS } from '../src/document/limits.js';
import { SourceKinds, readSource } from '../src/document/source-kinds.js';
import type { SourceKind } from '../src/document/types.js';
import { lintDocument, MAX_FINDINGS_PER_KIND, type ActiveRule } from '../src/linter/lint-document.js';
import { Linter } from '../src/linter/linter.js';
import { awsApiModel } from '../src/rules/aws-api-model.js';
import { defineRule } from '../src/rules/define-rule.js';
import type { Plugin } from '../src/config/types.js';

// Inputs built to break the engine's promises: every one must end as diagnostics of its own
// file, never as a crash, a hang, or a range outside the file.
const test = suite('engine under hostile input: encodings, limits, caps, rule budgets');

const GOOD = {
  otaUpdateId: 'fw-1',
  targets: ['arn:aws:iot:us-east-1:123456789012:thing/d1'],
  files: [{ fileName: 'fw.bin', fileLocation: { stream: { streamId: 's1', fileId: 0 } }, codeSigning: { awsSignerJobId: 'job-1' } }],
  roleArn: 'arn:aws:iam::123456789012:role/ota',
};
const model: ActiveRule = { id: 'aws-api-model', rule: awsApiModel, severity: 'error', options: {} };
const lint = (file: string, text: string, rules: ActiveRule[] = [model]) => lintDocument(readSource(file, text), rules);
const ids = (result: FileResult) => result.messages.map((m) => m.ruleId);

function assertInside(result: FileResult, text: string): void {
  for (const m of result.messages) {
    assert.ok(m.offset >= 0 && m.length >= 0 && m.offset + m.length <= text.length, `${m.ruleId} at ${m.offset}+${m.length} of ${text.length}`);
  }
}

test('invalid UTF-8: an error at its byte offset, the rest still read, no fix survives', async () => {
  const bytes = Buffer.concat([Buffer.from('{\n  "otaUpdateId": "fw-\u00e9'), Buffer.from([0xff]), Buffer.from('1",\n}\n')]);
  const decoded = decodeText(bytes);
  assert.equal(decoded.faithful, false);
  assert.match(decoded.problem!.message, /^The file is not valid UTF-8: byte 25 \(0xFF\) cannot start a character; the AWS CLI cannot read it/);
  const linter = await Linter.create({ cwd: '/', builtins: { meta: { name: 'b', version: '1' }, rules: { 'aws-api-model': awsApiModel } }, defaultConfig: [] });
  const result = linter.lintBytes(bytes, 'r.json');
  const encoding = result.messages.find((m) => m.ruleId === 'encoding-error')!;
  assert.deepEqual([encoding.line, encoding.column, encoding.severity], [2, 23, 'error']);
  assert.ok(ids(result).includes('syntax-error'), 'the trailing comma is still found');
  assert.ok(
    result.messages.every((m) => m.fix === undefined),
    'no fix may rewrite a file whose bytes are not its text',
  );
});

test('UTF-8 checks: overlong forms, encoded surrogates, a character cut at the end, a stray continuation byte', () => {
  const cases: Array<[number[], RegExp]> = [
    [[0x7b, 0xc0, 0xaf, 0x7d], /byte 1 \(0xC0\) cannot start a character/],
    [[0x7b, 0xed, 0xa0, 0x80, 0x7d], /byte 1 \(0xED\) starts a character whose next bytes do not complete it/],
    [[0x7b, 0x7d, 0xe2, 0x82], /byte 2 \(0xE2\) starts a character the file ends in the middle of/],
    [[0x7b, 0x80, 0x7d, 0x80], /byte 1 \(0x80\) is a continuation byte with no character before it \(1 more invalid sequence follow/],
  ];
  for (const [bytes, message] of cases) assert.match(decodeText(Uint8Array.from(bytes)).problem!.message, message);
  const fine = decodeText(Buffer.from('\uFEFF{"a": "\u00e9\u{1F600}"}'));
  assert.deepEqual([fine.problem, fine.faithful, fine.text.charCodeAt(0)], [undefined, true, 0xfeff], 'valid UTF-8 (with a BOM) is read as is');
});

test('UTF-16 and UTF-32, with and without a byte order mark, are named', () => {
  const text = JSON.stringify(GOOD);
  const le = Buffer.from(text, 'utf16le');
  const be = Buffer.from(le).swap16();
  const cases: Array<[Buffer, string]> = [
    [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), 'UTF-16 (little-endian) (with a byte order mark)'],
    [le, 'UTF-16 (little-endian) (without a byte order mark)'],
    [Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'UTF-16 (big-endian) (with a byte order mark)'],
    [be, 'UTF-16 (big-endian) (without a byte order mark)'],
    [Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]), 'UTF-32 (little-endian) (with a byte order mark)'],
    [Buffer.from([...text.slice(0, 40)].flatMap((ch) => [ch.charCodeAt(0), 0, 0, 0])), 'UTF-32 (little-endian) (without a byte order mark)'],
  ];
  for (const [bytes, name] of cases) {
    const decoded = decodeText(bytes);
    assert.ok(decoded.problem?.message.startsWith(`The file is ${name}, not UTF-8;`), `${name}: ${decoded.problem?.message}`);
    assert.equal(decoded.faithful, false);
    if (name.startsWith('UTF-16')) assert.equal(decoded.text, text, 'UTF-16 is still read, so its other problems show');
  }
});

test('5,000-deep nesting in JSON and YAML, and in a reader that recurses: a limit-exceeded diagnostic naming the depth', () => {
  for (const [file, text] of [
    ['deep.json', `{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`],
    ['deep.yaml', `a: ${'['.repeat(5000)}${']'.repeat(5000)}\n`],
    ['shallow-enough.json', `{"a": ${'['.repeat(LIMITS.maxDepth + 1)}${']'.repeat(LIMITS.maxDepth + 1)}}`],
  ] as const) {
    const result = lint(file, text);
    assert.deepEqual(ids(result), ['limit-exceeded'], file);
    assert.match(result.messages[0]!.message, /more than 100 levels deep, past otalint's nesting limit/);
    assertInside(result, text);
  }
  const deepest = `{"a": ${'['.repeat(LIMITS.maxDepth - 1)}${']'.repeat(LIMITS.maxDepth - 1)}}`;
  assert.ok(!ids(lint('ok.json', deepest)).includes('limit-exceeded'), 'up to the limit is read');

  const recursing: SourceKind = {
    id: 'recursing',
    description: 'test kind',
    patterns: [],
    claims: () => true,
    read: () => {
      const down = (n: number): number => (n === 0 ? 0 : 1 + down(n - 1));
      down(1e7);
      throw new Error('unreachable');
    },
  };
  const kinds = new SourceKinds([recursing]);
  const read = kinds.read('x.rec', 'x');
  assert.deepEqual(ids(lintDocument(read, [])), ['limit-exceeded'], 'a reader that overflows the stack');
});

test('a reader that throws is an internal error of that file (fatal); one that points outside the file is cut to it', () => {
  const throwing: SourceKind = {
    id: 'throwing',
    description: 't',
    patterns: [],
    claims: () => true,
    read: () => {
      throw {};
    },
  };
  const result = lintDocument(new SourceKinds([throwing]).read('x.t', 'abc'), []);
  assert.deepEqual([ids(result), result.fatal], [['internal-error'], true]);
  assert.match(result.messages[0]!.message, /^The throwing reader crashed on this file: it threw \{\}, not an Error\./);

  const json = readSource('r.json', JSON.stringify(GOOD));
  const wild: SourceKind = {
    id: 'wild',
    description: 't',
    patterns: [],
    claims: () => true,
    read: (filePath, text) => ({
      ...json,
      filePath,
      text,
      problems: [{ ruleId: 'syntax-error', message: 'm', offset: -5, length: 1e9, path: '' }],
      requests: [{ ...json.requests[0]!, locate: () => ({ offset: 1e9, length: -3 }) }],
    }),
  };
  const text = 'short';
  const outside = lintDocument(new SourceKinds([wild]).read('x.w', text), [{ id: 'reports', rule: reporting, severity: 'warning', options: {} }]);
  assert.ok(outside.messages.length >= 2);
  assertInside(outside, text);
});

test('a YAML alias bomb: past maxAliasCount, or expanding past the size limit, is a limit-exceeded diagnostic', () => {
  const anchor = 'A'.repeat(200_000);
  const big = `otaUpdateId: x\nbig: &a "${anchor}"\nmany:\n${Array.from({ length: 999 }, () => '  - *a').join('\n')}\n`;
  const expanded = lint('bomb.yaml', big);
  assert.deepEqual(ids(expanded), ['limit-exceeded']);
  assert.match(expanded.messages[0]!.message, /expands to more than 16 MB .* past otalint's expanded-size limit/);

  const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++)
    laughs.push(
      `${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10)
        .fill(`*${'abcdefghi'[i - 1]}`)
        .join(', ')}]`,
    );
  const counted = lint('laughs.yaml', `${laughs.join('\n')}\n`);
  assert.deepEqual(ids(counted), ['limit-exceeded']);
  assert.match(counted.messages[0]!.message, /more than 1000 times over, past otalint's alias-expansion limit \(maxAliasCount/);
});

test('a file larger than the size limit is not read at all', () => {
  const text = `{"otaUpdateId": "${'x'.repeat(LIMITS.maxFileChars)}"}`;
  const result = lint('huge.json', text);
  assert.deepEqual(ids(result), ['limit-exceeded']);
  assert.match(result.messages[0]!.message, /more than otalint reads \(10 MB\)/);
});

test('20,000 unknown members: the first 101 shown, the last of them saying how many more, totals counting all', () => {
  const request: Record<string, unknown> = { ...GOOD };
  for (let i = 0; i < 20_000; i++) request[`k${i}`] = i;
  const text = JSON.stringify(request);
  const result = lint('many.json', text);
  assert.equal(result.messages.length, MAX_FINDINGS_PER_KIND + 1);
  assert.equal(result.errorCount, 20_000);
  const last = result.messages.at(-1)!;
  assert.equal(last.omitted, 20_000 - MAX_FINDINGS_PER_KIND - 1);
  assert.match(
    last.message,
    /^Unknown member `k100` in the request; .*\(And 19,899 more like this, not shown: otalint shows the first 101 of a kind per request\.\)$/,
  );
  assert.deepEqual(
    result.messages.slice(0, 3).map((m) => text.slice(m.offset, m.offset + m.length)),
    ['"k0"', '"k1"', '"k2"'],
  );
});

test('50,000 missing commas: capped the same way, each shown one at its comma', () => {
  const text = `{"targets": [${Array.from({ length: 50_000 }, (_, i) => `"t${i}"`).join(' ')}]}`;
  const result = lint('commas.json', text);
  const syntax = result.messages.filter((m) => m.ruleId === 'syntax-error');
  assert.equal(syntax.length, MAX_FINDINGS_PER_KIND + 1);
  assert.equal(
    syntax.reduce((sum, m) => sum + 1 + (m.omitted ?? 0), 0),
    49_999,
  );
  assert.deepEqual([syntax[0]!.path, text.slice(syntax[0]!.offset, syntax[0]!.offset + syntax[0]!.length)], ['/targets/1', '"t1"']);
});

test('__proto__ with a syntax error elsewhere: the member stays, and so do its problems', () => {
  for (const text of ['{"otaUpdateId": "a", "__proto__": {"x": 1},}', '{"__proto__": 1, "otaUpdateId": "a" "roleArn": "r"}']) {
    const result = lint('proto.json', text);
    const unknown = result.messages.find((m) => m.ruleId === 'aws-api-model' && m.message.startsWith('Unknown member `__proto__`'));
    assert.ok(unknown, `${text}: ${result.messages.map((m) => m.message).join(' | ')}`);
    assert.equal(text.slice(unknown.offset, unknown.offset + unknown.length), '"__proto__"');
  }
  const yaml = lint('proto.yaml', 'otaUpdateId: a\n__proto__: {x: 1}\nbad: [\n');
  assert.ok(
    yaml.messages.some((m) => m.message.startsWith('Unknown member `__proto__`')),
    yaml.messages.map((m) => m.message).join(' | '),
  );
});

test('a report on a path that does not exist points at the nearest existing ancestor', () => {
  const text = '{\n  "files": [{"fileName": "a"}],\n  "otaUpdateId": "x"\n}\n';
  const at = (path: Array<string | number>, target: 'value' | 'key' | 'parent' = 'value') => {
    const rule = defineRule({
      meta: { id: 'points', description: 'd', category: 'files', defaultSeverity: 'error', certainty: 'documented', messages: { m: 'm' } },
      defaultOptions: {},
      check: (context) => context.report({ path, messageId: 'm', target }),
    });
    const [found] = lintDocument(readSource('r.json', text), [{ id: 'points', rule, severity: 'error', options: {} }]).messages;
    return text.slice(found!.offset, found!.offset + found!.length);
  };
  assert.equal(at(['files', 3, 'fileName']), '[{"fileName": "a"}]', 'an index past the end: the list');
  assert.equal(at(['files', 0, 'codeSigning', 'x']), '{"fileName": "a"}', 'a missing member: its object');
  assert.equal(at(['otaUpdateId', 'deeper'], 'key'), '"x"', 'below a scalar: the scalar');
  assert.equal(at(['nope']), text.trimEnd(), 'a missing top-level member: the request');
});

const reporting = defineRule({
  meta: { id: 'reports', description: 'd', category: 'files', defaultSeverity: 'warning', certainty: 'documented', messages: { m: 'found' } },
  defaultOptions: {},
  check: (context) => context.report({ path: ['otaUpdateId'], messageId: 'm' }),
});
const looping = defineRule({
  meta: { id: 'loops', description: 'd', category: 'files', defaultSeverity: 'error', certainty: 'documented', messages: { m: 'never' } },
  defaultOptions: {},
  check() {
    for (;;) {
      try {
        for (;;);
      } catch {
        // a rule cannot catch its way out of the budget
      }
    }
  },
});
const slow = (ms: number) =>
  defineRule({
    meta: { id: 'slow', description: 'd', category: 'files', defaultSeverity: 'warning', certainty: 'documented', messages: { m: 'slow' } },
    defaultOptions: {},
    check(context) {
      const end = performance.now() + ms;
      while (performance.now() < end);
      context.report({ path: ['otaUpdateId'], messageId: 'm' });
    },
  });
const asynchronous = defineRule({
  meta: { id: 'later', description: 'd', category: 'files', defaultSeverity: 'error', certainty: 'documented', messages: { m: 'late' } },
  defaultOptions: {},
  check: ((context: { report: (r: object) => void }) => Promise.resolve().then(() => context.report({ path: [], messageId: 'm' }))) as unknown as () => void,
});
const throwsObject = defineRule({
  meta: { id: 'throws', description: 'd', category: 'files', defaultSeverity: 'error', certainty: 'documented', messages: { m: 'x' } },
  defaultOptions: {},
  check() {
    throw {};
  },
});
const acme: Plugin = { meta: { name: 'acme', version: '1.0.0' }, rules: { loops: looping, reports: reporting, later: asynchronous, throws: throwsObject } };

test('a plugin rule that never returns is stopped at its time budget: an internal error for the file, the other rules still report', async () => {
  const linter = await Linter.create({
    cwd: '/',
    builtins: { meta: { name: 'b', version: '1' }, rules: { reports: reporting } },
    defaultConfig: [{ plugins: { acme }, rules: { reports: 'warn', 'acme/loops': 'error', 'acme/reports': 'warn' } }],
    ruleTimeoutMs: 150,
  });
  const started = performance.now();
  const result = linter.lintText(JSON.stringify(GOOD), 'r.json');
  assert.ok(performance.now() - started < 5000, 'stopped, not waited for');
  assert.equal(result.fatal, true);
  assert.deepEqual(ids(result).sort(), ['acme/reports', 'internal-error', 'reports']);
  assert.match(
    result.messages.find((m) => m.ruleId === 'internal-error')!.message,
    /^Rule "acme\/loops" did not finish on this file within 150 ms, otalint's time budget per rule, and was stopped\./,
  );
  assert.deepEqual(ids(linter.lintText(JSON.stringify(GOOD), 'again.json')).sort(), ['acme/reports', 'internal-error', 'reports'], 'and the next file too');
});

test('plugin rules that each stay within the budget are never stopped, even when together they pass it', async () => {
  const pack: Plugin = { meta: { name: 'slow', version: '1' }, rules: { a: slow(150), b: slow(150), c: slow(150) } };
  const linter = await Linter.create({
    cwd: '/',
    builtins: { meta: { name: 'b', version: '1' }, rules: {} },
    defaultConfig: [{ plugins: { pack }, rules: { 'pack/a': 'warn', 'pack/b': 'warn', 'pack/c': 'warn' } }],
    ruleTimeoutMs: 400, // each rule far below it (a busy machine stretches them), all three above it
  });
  const result = linter.lintText(JSON.stringify(GOOD), 'r.json');
  assert.deepEqual(ids(result), ['pack/a', 'pack/b', 'pack/c']);
  assert.equal(result.fatal, false);
});

test('a rule that returns a promise, or throws a non-Error, is an internal error that says so', async () => {
  const linter = await Linter.create({
    cwd: '/',
    builtins: { meta: { name: 'b', version: '1' }, rules: {} },
    defaultConfig: [{ plugins: { acme }, rules: { 'acme/later': 'error', 'acme/throws': 'error' } }],
  });
  const messages = linter.lintText(JSON.stringify(GOOD), 'r.json').messages.map((m: Diagnostic) => m.message);
  assert.ok(
    messages.some((m) => /Rule "acme\/later" crashed on this file: its check\(\) returned a promise; rules are synchronous/.test(m)),
    messages.join('\n'),
  );
  assert.ok(
    messages.some((m) => /Rule "acme\/throws" crashed on this file: it threw \{\}, not an Error\./.test(m)),
    messages.join('\n'),
  );
  await new Promise((resolve) => setTimeout(resolve, 10));
});

test.run();
