import assert from 'node:assert/strict';
import v8 from 'node:v8';
import { suite } from 'uvu';
import type { Plugin } from '../src/config/types.js';
import { Linter } from '../src/linter/linter.js';
import { defineRule } from '../src/rules/define-rule.js';

const test = suite('engine: what a run holds per file has one shape');

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

test.run();
