import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fg from 'fast-glob';
import { Linter } from '@otalint/core/engine';
import { plugin } from '@otalint/rules';
import { suite } from 'uvu';
import { REPO_ROOT } from './helpers/run-cli.js';

// Never crash on any input: every rule of the `all` preset runs over requests whose values are
// swapped for every other JSON type, and over fixture texts mangled at random (seeded).
const test = suite('robustness: no rule crashes on any input');

const linter = await Linter.create({ cwd: REPO_ROOT, builtins: plugin, defaultConfig: [{ extends: ['all'] }], configFile: undefined as never });
const fixtures = fg.sync(['fixtures/**/*.{json,yaml,yml}'], { cwd: REPO_ROOT, ignore: ['**/*.expected.json', 'fixtures/real-world/sources.json'] });
const WEIRD: unknown[] = [null, true, 0, -1, 1.5, 1e308, '', 'x', '\u0000', [], [null], {}, { a: 1 }];

function crashes(text: string, file: string): string[] {
  return linter
    .lintText(text, file)
    .messages.filter((m) => m.ruleId === 'internal-error')
    .map((m) => m.message);
}

/** Every path to a value in a JSON value. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  const out = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => out.push(...paths(item, [...prefix, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function replaced(root: unknown, at: Array<string | number>, value: unknown): unknown {
  if (at.length === 0) return value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[at[at.length - 1]!] = value;
  return copy;
}

test('there are fixtures to mangle', () => {
  assert.ok(fixtures.length >= 2, fixtures.join(', '));
});

test('every value swapped for every other type', () => {
  const failures: string[] = [];
  for (const file of fixtures.filter((f) => f.endsWith('.json'))) {
    let request: unknown;
    try {
      request = JSON.parse(readFileSync(path.join(REPO_ROOT, file), 'utf8'));
    } catch {
      continue;
    }
    for (const at of paths(request)) {
      for (const weird of WEIRD) {
        const text = JSON.stringify(replaced(request, at, weird));
        for (const message of crashes(text, 'mangled.json')) failures.push(`${file} ${JSON.stringify(at)} = ${JSON.stringify(weird)}: ${message}`);
      }
    }
  }
  assert.deepEqual(failures.slice(0, 10), []);
});

test('texts mangled at random (seeded): deleted, duplicated and inserted characters', () => {
  let seed = 20261129;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const failures: string[] = [];
  for (const file of fixtures) {
    const original = readFileSync(path.join(REPO_ROOT, file), 'utf8');
    for (let round = 0; round < 40; round++) {
      let text = original;
      for (let edit = 0; edit < 1 + Math.floor(random() * 4); edit++) {
        const at = Math.floor(random() * text.length);
        const span = Math.floor(random() * 12);
        const kind = random();
        if (kind < 0.4) text = text.slice(0, at) + text.slice(at + span);
        else if (kind < 0.7) text = text.slice(0, at) + text.slice(at, at + span) + text.slice(at);
        else text = text.slice(0, at) + '{}[]:,"-\n#&*!'[Math.floor(random() * 14)] + text.slice(at);
      }
      try {
        for (const message of crashes(text, file)) failures.push(`${file} round ${round}: ${message}`);
      } catch (error) {
        failures.push(`${file} round ${round}: threw ${(error as Error).stack}`);
      }
    }
  }
  assert.deepEqual(failures.slice(0, 10), []);
});

test.run();
