import assert from 'node:assert/strict';
import path from 'node:path';
import v8 from 'node:v8';
import { suite } from 'uvu';
import type { Plugin } from '../src/config/types.js';
import { Linter } from '../src/linter/linter.js';
import { defineRule, type RuleContext } from '../src/rules/define-rule.js';
import { lineIndexes } from '../src/document/line-index.js';
import { suppressionScopeFor } from '../src/suppressions/scope.js';
import { suppressionSteps } from '../src/suppressions/apply.js';
import { valueWalks } from '../src/document/limits.js';
import { FolderPaths } from '../src/util/folder-paths.js';
import { fingerprinting } from '../src/fingerprint.js';

const test = suite('engine: what a run makes and keeps per file');

// V8's own answer to "do these objects share a hidden class": a run over 50,000 files holds one
// result per file, and an object made as `{ ...other, added }` gets a class of its own (Node 20).
// The flag stays on: V8 compiles a function on its first call, and may compile it again later.
// (It changes nothing for other code: `%Name(` is a syntax error without it.)
v8.setFlagsFromString('--allow-natives-syntax');
const sameClass = new Function('a', 'b', 'return %HaveSameMap(a, b)') as (a: object, b: object) => boolean;

const oddId = defineRule({
  meta: {
    id: 'odd-id',
    description: 'd',
    category: 'identity',
    defaultSeverity: 'warning',
    certainty: 'documented',
    unknownValues: 'checked',
    presets: ['recommended'],
    messages: { odd: '"{{id}}" is odd.' },
  },
  defaultOptions: {},
  check({ request, report }) {
    const id = request.otaUpdateId;
    if (typeof id === 'string' && Number(id.slice(3)) % 2 === 1) report({ path: ['otaUpdateId'], messageId: 'odd', data: { id } });
  },
});
const builtins: Plugin = { meta: { name: 'otalint', version: '0.0.0' }, rules: { 'odd-id': oddId }, configs: { recommended: { rules: { 'odd-id': 'warn' } } } };

async function lintMany(count: number) {
  const linter = await Linter.create({ cwd: '/', builtins, defaultConfig: [{ extends: ['recommended'] }] });
  return {
    linter,
    results: Array.from({ length: count }, (_, i) => linter.lintText(`${JSON.stringify({ otaUpdateId: `fw-${i}` }, null, 2)}\n`, `r/${i}.json`)),
  };
}

function assertOneClass(objects: readonly object[], what: string): void {
  assert.ok(objects.length > 1, what);
  for (const object of objects.slice(1)) assert.ok(sameClass(objects[0]!, object), `${what}: not one hidden class`);
}

test('clean results, results with findings, and their findings each share one hidden class', async () => {
  const { results } = await lintMany(40);
  assertOneClass(
    results.filter((result) => result.messages.length === 0),
    'clean results',
  );
  assertOneClass(
    results.filter((result) => result.messages.length > 0),
    'results with findings',
  );
  assertOneClass(
    results.flatMap((result) => result.messages),
    'fingerprinted findings',
  );
});

test('files without findings share one empty list of findings (a run keeps every result to its end)', async () => {
  const { linter, results } = await lintMany(40);
  const clean = [...results, ...results.map((result) => linter.retainForRun(result))].filter((result) => result.messages.length === 0);
  assert.ok(clean.length > 2);
  for (const result of clean) assert.equal(result.messages, clean[0]!.messages);
  assert.ok(Object.isFrozen(clean[0]!.messages), 'shared, so never changed');
});

test('what a report-only run keeps of each file (retainForRun) shares one hidden class', async () => {
  const { linter, results } = await lintMany(40);
  const kept = results.map((result) => linter.retainForRun(result));
  assert.equal(kept[0]!.source, undefined, 'no text kept');
  assertOneClass(
    kept.filter((result) => result.messages.length === 0),
    'kept clean results',
  );
  assertOneClass(
    kept.flatMap((result) => result.requests ?? []),
    'kept requests',
  );
});

test('the rules of one request share one context: one per request, not one per rule', async () => {
  const seen: Array<RuleContext<unknown, string>> = [];
  const seeing = (id: string) =>
    defineRule({
      meta: {
        id,
        description: 'd',
        category: 'identity',
        defaultSeverity: 'warning',
        certainty: 'documented',
        unknownValues: 'checked',
        messages: { m: `{{id}} ${id}` },
      },
      defaultOptions: { id },
      check(context) {
        seen.push(context);
        assert.deepEqual(context.options, { id }, 'each rule sees its own options');
        if (context.request.otaUpdateId === id) context.report({ path: ['otaUpdateId'], messageId: 'm', data: { id } });
      },
    });
  const plugin: Plugin = { meta: { name: 'otalint', version: '0.0.0' }, rules: { a: seeing('a'), b: seeing('b'), c: seeing('c') } };
  const linter = await Linter.create({ cwd: '/', builtins: plugin, defaultConfig: [{ rules: { a: 'warn', b: 'warn', c: 'warn' } }] });
  const first = linter.lintText(JSON.stringify({ otaUpdateId: 'b' }), 'one.json');
  const second = linter.lintText(JSON.stringify({ otaUpdateId: 'c' }), 'two.json');
  assert.equal(seen.length, 6);
  assert.equal(new Set(seen.slice(0, 3)).size, 1, 'one context for the rules of the first request');
  assert.equal(new Set(seen).size, 2, 'and another for the second');
  assert.deepEqual(
    [first, second].map((result) => result.messages.map((m) => `${m.ruleId}: ${m.message}`)),
    [['b: b b'], ['c: c c']],
  );
});

test('a clean request file is linted without indexing its lines; a finding indexes them once', async () => {
  const { linter } = await lintMany(0);
  const before = lineIndexes.built;
  linter.lintText(`${JSON.stringify({ otaUpdateId: 'fw-2' }, null, 2)}\n`, 'clean.json');
  assert.equal(lineIndexes.built, before, 'clean');
  linter.lintText(`${JSON.stringify({ otaUpdateId: 'fw-3' }, null, 2)}\n`, 'odd.json');
  assert.equal(lineIndexes.built, before + 1, 'one finding');
});

test('files whose config waives nothing share one suppression scope; the others get their own', async () => {
  const linter = await Linter.create({
    cwd: '/',
    builtins,
    defaultConfig: [{ extends: ['recommended'] }, { files: ['legacy/**'], suppressions: [{ files: '**', path: '', rule: 'odd-id', reason: 'old fleet' }] }],
  });
  const scope = (file: string) => suppressionScopeFor(linter.config, `/${file}`);
  assert.equal(scope('a.json'), scope('b.json'), 'one scope for the files nothing waives');
  assert.deepEqual(scope('a.json').suppressions, []);
  assert.notEqual(scope('legacy/a.json'), scope('legacy/b.json'));
  assert.deepEqual(
    scope('legacy/a.json').suppressions.map((suppression) => suppression.rule),
    ['odd-id'],
  );
  assert.deepEqual(
    ['a.json', 'legacy/a.json'].map((file) => linter.lintText(JSON.stringify({ otaUpdateId: 'fw-1' }), file).messages.map((m) => m.ruleId)),
    [['odd-id'], []],
  );
});

test('a finding in a file that no suppression or comment can reach skips the suppression step', async () => {
  const linter = await Linter.create({
    cwd: '/',
    builtins,
    defaultConfig: [{ extends: ['recommended'] }, { files: ['legacy/**'], suppressions: [{ files: '**', path: '', rule: 'odd-id', reason: 'old fleet' }] }],
  });
  const before = suppressionSteps.count;
  const plain = linter.lintText(JSON.stringify({ otaUpdateId: 'fw-1' }), 'a.json');
  assert.equal(suppressionSteps.count, before, 'nothing can waive it');
  assert.deepEqual(
    plain.messages.map((m) => [m.ruleId, typeof m.fingerprint]),
    [['odd-id', 'string']],
  );
  const waived = linter.lintText(JSON.stringify({ otaUpdateId: 'fw-1' }), 'legacy/a.json');
  assert.equal(suppressionSteps.count, before + 1, 'a config suppression applies');
  assert.deepEqual(
    waived.suppressedMessages?.map((m) => m.fingerprint),
    plain.messages.map((m) => m.fingerprint),
  );
  linter.lintText('# otalint-disable-next-line odd-id\notaUpdateId: fw-1\n', 'b.yaml');
  assert.equal(suppressionSteps.count, before + 2, 'a disable comment');
});

test("a finding is one object from its rule's report to the file's result: fingerprinted in place, never copied", async () => {
  const linter = await Linter.create({
    cwd: '/',
    builtins,
    defaultConfig: [{ extends: ['recommended'] }, { files: ['legacy/**'], suppressions: [{ files: '**', path: '', rule: 'odd-id', reason: 'old fleet' }] }],
  });
  const copied = fingerprinting.copied;
  const checked = linter.check(linter.read(JSON.stringify({ otaUpdateId: 'fw-1' }), 'a.json'));
  const reported = checked.result.messages[0]!;
  const result = linter.finish(checked);
  assert.equal(result.messages[0], reported, 'the object the report made');
  assert.match(reported.fingerprint ?? '', /^[0-9a-f]{32}:1$/);
  const waived = linter.lintText(JSON.stringify({ otaUpdateId: 'fw-1' }), 'legacy/a.json');
  assert.equal(waived.suppressedMessages?.[0]?.fingerprint, reported.fingerprint, 'a waived finding: fingerprinted as it was waived');
  assert.equal(fingerprinting.copied, copied, 'no finding copied to take its fingerprint');
});

test('a strict JSON request is held to the limits in the walk its reader makes anyway, not walked again', async () => {
  const { linter } = await lintMany(0);
  const before = valueWalks.count;
  linter.lintText(JSON.stringify({ otaUpdateId: 'fw-2' }), 'a.json');
  assert.equal(valueWalks.count, before, 'JSON');
  linter.lintText('otaUpdateId: fw-2\n', 'a.yaml');
  assert.equal(valueWalks.count, before + 1, 'YAML');
  // Numbers count 8 each, as the limits' walk counts them: 2.2 million of them pass 16 MB.
  const expanding = linter.lintText(`{"otaUpdateId":"fw-2","files":[${'0,'.repeat(2_200_000)}0]}`, 'numbers.json');
  assert.deepEqual(
    expanding.messages.map((m) => m.ruleId),
    ['limit-exceeded'],
  );
  assert.match(expanding.messages[0]!.message, /expands to more than 16 MB/);
});

const sameId = defineRule({
  meta: {
    id: 'same-id',
    description: 'd',
    category: 'identity',
    defaultSeverity: 'error',
    certainty: 'documented',
    unknownValues: 'checked',
    scope: 'run',
    reads: ['otaUpdateId'],
    messages: { m: 'taken' },
  },
  defaultOptions: {},
  checkRun({ requests, report }) {
    const seen = new Set<unknown>();
    for (const request of requests) {
      if (seen.has(request.value.otaUpdateId)) report(request, { path: ['otaUpdateId'], messageId: 'm' });
      seen.add(request.value.otaUpdateId);
    }
  },
});

test("a run resolves the path of each folder once, not of each file, and asks for each file's rules once in the run pass", async () => {
  const plugin: Plugin = { ...builtins, rules: { ...builtins.rules, 'same-id': sameId } };
  const linter = await Linter.create({ cwd: '/work', builtins: plugin, defaultConfig: [{ rules: { 'odd-id': 'warn', 'same-id': 'error' } }] });
  const files = Array.from({ length: 30 }, (_, i) => `${i < 15 ? 'a' : '../b'}/${i}.json`);
  const before = FolderPaths.resolved;
  const results = files.map((file, i) => linter.retainForRun(linter.lintText(JSON.stringify({ otaUpdateId: `fw-${i % 20}` }), file)));
  let asked = 0;
  const rulesFor = linter.config.rulesFor.bind(linter.config);
  linter.config.rulesFor = (filePath) => {
    asked++;
    return rulesFor(filePath);
  };
  assert.equal(FolderPaths.resolved - before, 2, 'linting: one full resolve per folder');
  const run = await linter.lintRun(results);
  assert.equal(FolderPaths.resolved - before, 4, 'the run pass: one more per folder');
  assert.equal(asked, files.length, "the run pass asks for each file's rules once");
  assert.deepEqual(
    run.flatMap((result) => result.messages.map((m) => `${result.filePath} ${m.ruleId}`)).filter((line) => line.endsWith('same-id')),
    [
      '../b/20.json same-id',
      '../b/21.json same-id',
      '../b/22.json same-id',
      '../b/23.json same-id',
      '../b/24.json same-id',
      '../b/25.json same-id',
      '../b/26.json same-id',
      '../b/27.json same-id',
      '../b/28.json same-id',
      '../b/29.json same-id',
    ],
  );
});

test('asking whether a file is ignored works out no path when config ignores nothing', async () => {
  const { linter } = await lintMany(0);
  const before = FolderPaths.resolved;
  for (let i = 0; i < 10; i++) assert.equal(linter.isIgnored(`folder-${i}/${i}.json`), false);
  assert.equal(FolderPaths.resolved - before, 0);
  const ignoring = await Linter.create({ cwd: '/', builtins, defaultConfig: [{ extends: ['recommended'] }, { ignores: ['folder-3/**'] }] });
  assert.deepEqual(
    Array.from({ length: 5 }, (_, i) => ignoring.isIgnored(`folder-${i}/${i}.json`)),
    [false, false, false, true, false],
  );
});

test("a file's absolute path is the one path.resolve gives, whatever its name", () => {
  const paths = new FolderPaths('/work/repo');
  for (const name of [
    'a.json',
    'x/a.json',
    '../a.json',
    './a.json',
    'x/../a.json',
    '/abs/a.json',
    '/a.json',
    'x/',
    'x/.',
    'x/..',
    '.',
    '..',
    '',
    'x//a.json',
    '.a',
    'x/...',
    'x\\y.json',
  ]) {
    assert.equal(paths.of(name), path.resolve('/work/repo', name), name);
  }
});

test('a file nothing can waive is finished without reading the clock; a suppression with an expiry still reads the date', async () => {
  const { linter } = await lintMany(0);
  const clock = Date.now;
  let asked = 0;
  Date.now = () => {
    asked++;
    return clock();
  };
  try {
    linter.lintText(`${JSON.stringify({ otaUpdateId: 'fw-2' }, null, 2)}\n`, 'clean.json');
    const odd = linter.lintText(`${JSON.stringify({ otaUpdateId: 'fw-3' }, null, 2)}\n`, 'odd.json');
    assert.equal(odd.messages.length, 1);
    assert.equal(asked, 0, 'a clean file and a finding with nothing to waive it');
  } finally {
    Date.now = clock;
  }
  const until = async (expires: string) =>
    (
      await Linter.create({
        cwd: '/',
        builtins,
        defaultConfig: [{ extends: ['recommended'] }, { suppressions: [{ files: '**', path: '', rule: 'odd-id', reason: 'old fleet', expires }] }],
      })
    ).lintText(JSON.stringify({ otaUpdateId: 'fw-1' }), 'a.json');
  const expired = await until('2000-01-01');
  assert.equal(expired.suppressedMessages?.length ?? 0, 0, 'an expired suppression waives nothing');
  assert.ok(expired.messages.some((message) => /expired on 2000-01-01/.test(message.message)));
  assert.equal((await until('2999-01-01')).suppressedMessages?.length, 1, 'one that has not expired waives the finding');
});

test.run();
