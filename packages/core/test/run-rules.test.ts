import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import type { FileResult } from '../src/diagnostic.js';
import type { Plugin } from '../src/config/types.js';
import { Linter } from '../src/linter/linter.js';
import { decodeValue, encodeValue } from '../src/value/codec.js';
import { unknownValue } from '../src/value/unknown.js';
import { defineRule, type RunRequest } from '../src/rules/define-rule.js';
import { isString } from '../src/util/guards.js';
import { lintRun } from '../src/linter/lint-run.js';
import type { ActiveRule } from '../src/linter/lint-document.js';

const test = suite('engine: rules over the whole run (meta.scope "run")');

/** Reports every request whose `otaUpdateId` an earlier request of the run already has. */
const sameId = defineRule({
  meta: {
    id: 'same-id',
    description: 'd',
    category: 'identity',
    defaultSeverity: 'error',
    certainty: 'documented',
    scope: 'run',
    unknownValues: 'checked',
    presets: ['recommended'],
    messages: { taken: '"{{id}}" is taken by {{other}}.' },
  },
  defaultOptions: {},
  checkRun(context) {
    const seen = new Map<string, RunRequest>();
    for (const request of context.requests) {
      const id = request.value.otaUpdateId;
      if (!isString(id)) continue;
      const first = seen.get(id);
      if (first) context.report(request, { path: ['otaUpdateId'], messageId: 'taken', data: { id, other: first.filePath } });
      else seen.set(id, request);
    }
  },
});
const crashing = defineRule({
  meta: { id: 'crashes', description: 'd', category: 'identity', defaultSeverity: 'error', certainty: 'documented', scope: 'run', messages: { m: 'm' } },
  defaultOptions: {},
  checkRun() {
    throw new Error('boom');
  },
});
const builtins: Plugin = {
  meta: { name: 'otalint', version: '0.0.0' },
  rules: { 'same-id': sameId, crashes: crashing },
  configs: { recommended: { rules: { 'same-id': 'error' } } },
};

const request = (id: unknown) => `${JSON.stringify({ otaUpdateId: id }, null, 2)}\n`;

async function run(files: Record<string, string>, config: unknown[] = [{ extends: ['recommended'] }]): Promise<{ linter: Linter; results: FileResult[] }> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'otalint-run-'));
  writeFileSync(path.join(cwd, '.otalintrc.json'), JSON.stringify(config));
  const linter = await Linter.create({ cwd, builtins });
  const results = Object.entries(files).map(([name, text]) => linter.lintText(text, name));
  return { linter, results: await linter.lintRun(results) };
}
const found = (results: FileResult[]) => results.flatMap((r) => r.messages.map((m) => `${r.filePath}:${m.line} ${m.ruleId} ${m.message}`));

test('rules declare their scope: checkRun for run rules, check for the others', () => {
  assert.throws(() => defineRule({ ...sameId, meta: { ...sameId.meta, scope: 'request' } }), /needs a check function/);
  assert.throws(() => defineRule({ meta: sameId.meta, defaultOptions: {}, check() {} }), /has scope "run": give it checkRun, not check/);
});

test('a run rule sees every file; its findings are resolved, counted and fingerprinted', async () => {
  const { results } = await run({ 'a.json': request('fw'), 'b.json': request('fw'), 'c.json': request('other') });
  assert.deepEqual(found(results), ['b.json:2 same-id "fw" is taken by a.json.']);
  const b = results[1]!;
  assert.equal(b.errorCount, 1);
  assert.equal(b.messages[0]!.path, '/otaUpdateId');
  assert.deepEqual([b.messages[0]!.column, b.messages[0]!.endColumn], [18, 22]);
  assert.match(b.messages[0]!.fingerprint ?? '', /^[0-9a-f]{32}:1$/);
  assert.equal(results[0], results[0]); // untouched files are passed through
});

test('per-file rules never run it, and a per-file lint alone has no run findings', async () => {
  const { linter } = await run({});
  assert.deepEqual(found([linter.lintText(request('fw'), 'a.json'), linter.lintText(request('fw'), 'b.json')]), []);
});

test('off for some files: those take no part', async () => {
  const { results } = await run({ 'a.json': request('fw'), 'legacy/b.json': request('fw'), 'c.json': request('fw') }, [
    { extends: ['recommended'] },
    { files: ['legacy/**'], rules: { 'same-id': 'off' } },
  ]);
  assert.deepEqual(found(results), ['c.json:2 same-id "fw" is taken by a.json.']);
});

test('severity is the reported file’s own', async () => {
  const { results } = await run({ 'a.json': request('fw'), 'b.json': request('fw') }, [
    { extends: ['recommended'] },
    { files: ['b.json'], rules: { 'same-id': 'warn' } },
  ]);
  assert.deepEqual([results[1]!.messages[0]!.severity, results[1]!.warningCount, results[1]!.errorCount], ['warning', 1, 0]);
});

test('disable comments and config suppressions waive run findings; unused ones are reported once, by the run pass', async () => {
  const yaml = (comment: string) => `${comment}\notaUpdateId: fw\n`;
  const { results, linter } = await run(
    {
      'a.yaml': yaml('# otalint-disable-next-line same-id -- not this one: nothing to waive here'),
      'b.yaml': yaml('# otalint-disable-next-line same-id -- a retry of a.yaml'),
      'c.yaml': yaml('# nothing'),
    },
    [{ extends: ['recommended'], suppressions: [{ files: ['c.yaml'], path: '/otaUpdateId', rule: 'same-id', reason: 'a planned replacement' }] }],
  );
  assert.deepEqual(found(results), [
    'a.yaml:1 unused-suppression "# otalint-disable-next-line same-id -- not this one: nothing to waive here" suppressed nothing for "same-id" on line 2; remove it.',
  ]);
  assert.deepEqual(
    results.flatMap((r) => (r.suppressedMessages ?? []).map((m) => `${r.filePath} ${m.ruleId} ${m.suppressions[0]!.kind}`)),
    ['b.yaml same-id inSource', 'c.yaml same-id external'],
  );
  assert.deepEqual(linter.unusedSuppressions(), []);
});

test('the file pass does not judge comments for run rules', async () => {
  const { linter } = await run({});
  const alone = linter.lintText('# otalint-disable-next-line same-id -- x\notaUpdateId: fw\n', 'a.yaml');
  assert.deepEqual(found([alone]), []);
});

test('a run that only reports keeps no text, and only the members run rules read; findings are still placed exactly', async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'otalint-run-'));
  const narrow = defineRule({ ...sameId, meta: { ...sameId.meta, reads: ['otaUpdateId'] } });
  const plugin: Plugin = { ...builtins, rules: { 'same-id': narrow } };
  writeFileSync(path.join(cwd, '.otalintrc.json'), JSON.stringify([{ extends: ['recommended'] }]));
  const files = {
    'a.json': request('fw'),
    'b.json': `{\n  "description": "second",\n  "otaUpdateId": "fw"\n}\n`,
    'c.yaml': '# otalint-disable-next-line same-id -- a copy on purpose\notaUpdateId: fw\n',
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(cwd, name), text);
  const linter = await Linter.create({ cwd, builtins: plugin });
  const kept = Object.entries(files).map(([name, text]) => linter.retainForRun(linter.lintText(text, name)));
  assert.deepEqual(
    kept.map((result) => [result.source === undefined, result.requests?.map((r) => r.value)]),
    [
      [true, [{ otaUpdateId: 'fw' }]],
      [true, [{ otaUpdateId: 'fw' }]],
      [false, [{ otaUpdateId: 'fw' }]], // names the run rule: its comment is judged by the run pass
    ],
  );
  const results = await linter.lintRun(kept);
  assert.deepEqual(found(results), ['b.json:3 same-id "fw" is taken by a.json.']);
  assert.deepEqual([results[1]!.messages[0]!.column, results[1]!.messages[0]!.endColumn], [18, 22]);
  assert.equal(results[2]!.suppressedMessages?.length, 1);
});

test('a report-only run keeps no text of a file that can hold no disable comment, even one whose text names a run rule', async () => {
  const { linter } = await run({});
  const named = `{\n  "description": "checked by same-id",\n  "otaUpdateId": "fw"\n}\n`;
  const kept = [linter.retainForRun(linter.lintText(named, 'a.json')), linter.retainForRun(linter.lintText(request('fw'), 'b.json'))];
  assert.equal(kept[0]!.source, undefined, 'a JSON file has no comments for the run pass to judge');
  // (b.json is not on disk: the run pass places its finding at the start of the file it cannot read again.)
  assert.deepEqual(found(await linter.lintRun(kept)), ['b.json:1 same-id "fw" is taken by a.json.']);
  // Asked of a result other than the one just finished, it looks for the rule in the text.
  const first = linter.lintText(named, 'c.json');
  linter.lintText(request('other'), 'd.json');
  assert.equal(linter.retainForRun(first).source, named);
});

test('results restored from a cache feed it: request values survive encodeValue/decodeValue', async () => {
  const { linter } = await run({});
  const fresh = [linter.lintText(request('fw'), 'a.json'), linter.lintText(request('fw'), 'b.json')];
  const restored = fresh.map((r) => ({
    ...r,
    requests: r.requests!.map((q) => ({ ...q, value: decodeValue(JSON.parse(JSON.stringify(encodeValue(q.value)))) })),
  }));
  assert.deepEqual(found(await linter.lintRun(restored)), ['b.json:2 same-id "fw" is taken by a.json.']);
});

test('unknown ids are never read as equal; files with syntax errors still take part', async () => {
  const { linter } = await run({});
  const unknownId = (name: string) => {
    const result = linter.lintText(request('placeholder'), name);
    return { ...result, requests: result.requests!.map((q) => ({ ...q, value: { otaUpdateId: unknownValue('$ID') }, hasUnknowns: true })) };
  };
  assert.deepEqual(found(await linter.lintRun([unknownId('a.json'), unknownId('b.json')])), []);
  const broken = await linter.lintRun([linter.lintText(request('fw'), 'a.json'), linter.lintText('{ "otaUpdateId": "fw", }\n', 'b.json')]);
  assert.deepEqual(
    found(broken).filter((line) => line.includes('same-id')),
    ['b.json:1 same-id "fw" is taken by a.json.'],
  );
});

test('a run rule gets one object per request, with only the members of RunRequest; a report on any other object is an internal error', async () => {
  const seen: RunRequest[][] = [];
  const reportsOn = (pick: (requests: readonly RunRequest[]) => RunRequest) =>
    defineRule({
      meta: { ...sameId.meta, id: 'reports-on', optionsSchema: { type: 'object', properties: { other: { type: 'boolean' } }, additionalProperties: false } },
      defaultOptions: {},
      checkRun(context) {
        seen.push([...context.requests]);
        context.report(pick(context.requests), { path: ['otaUpdateId'], messageId: 'taken', data: { id: 'x', other: 'y' } });
      },
    });
  const runWith = async (rule: ReturnType<typeof reportsOn>, config: unknown[] = [{ rules: { 'reports-on': 'error' } }]) => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'otalint-run-'));
    writeFileSync(path.join(cwd, '.otalintrc.json'), JSON.stringify(config));
    const linter = await Linter.create({ cwd, builtins: { ...builtins, rules: { 'reports-on': rule } } });
    return linter.lintRun([linter.lintText(request('a'), 'a.json'), linter.lintText(request('b'), 'b.json')]);
  };
  const fine = await runWith(reportsOn((requests) => requests[1]!));
  assert.deepEqual(found(fine), ['b.json:2 reports-on "x" is taken by y.']);
  assert.deepEqual(Object.keys(seen[0]![0]!), ['filePath', 'kind', 'requestIndex', 'requestsInFile', 'line', 'value', 'device']);
  assert.deepEqual(JSON.parse(JSON.stringify(seen[0]![0]!.value)), { otaUpdateId: 'a' });

  const copy = await runWith(reportsOn((requests) => ({ ...requests[0]! })));
  assert.equal(copy[0]!.fatal, true);
  assert.match(copy[0]!.messages[0]!.message, /reported on a request that is not in the run/);

  // Files that set other options for the rule form a group of their own: a request of one group is not in another's run.
  seen.length = 0;
  let first: RunRequest | undefined;
  const across = await runWith(
    reportsOn((requests) => (first ??= requests[0]!)),
    [{ rules: { 'reports-on': 'error' } }, { files: ['b.json'], rules: { 'reports-on': ['error', { other: true }] } }],
  );
  assert.equal(seen.length, 2);
  assert.deepEqual(
    across.map((result) => result.fatal),
    [false, true],
  );
  assert.match(across[1]!.messages.at(-1)!.message, /reported on a request that is not in the run/);
});

test('a crashing run rule is an internal error on the first file, and fails the run', async () => {
  const { results } = await run({ 'a.json': request('x'), 'b.json': request('y') }, [{ rules: { crashes: 'error' } }]);
  assert.equal(results[0]!.fatal, true);
  assert.match(results[0]!.messages[0]!.message, /^Rule "crashes" crashed on the run's requests: boom\./);
  assert.equal(results[1]!.fatal, false);
});

test('files that share their rules list are grouped once per list, not once per file and rule', async () => {
  const { results } = await run(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`r${i}.json`, request(i < 2 ? 'fw' : `fw-${i}`)])));
  let idsRead = 0;
  const active: ActiveRule = {
    get id() {
      idsRead++;
      return 'same-id';
    },
    rule: sameId,
    severity: 'error',
    options: {},
  };
  const rules = [active];
  const out = await lintRun(results, {
    rulesFor: () => rules,
    deviceFor: () => ({}) as never,
    read: () => {
      throw new Error('no file has a run finding left to place');
    },
  }).catch((error: unknown) => error);
  assert.ok(out instanceof Error, 'r1.json repeats r0.json: its finding is placed (read)');
  assert.ok(idsRead <= 4, `the rule's id read ${idsRead} times for 30 files`);
});

test.run();
