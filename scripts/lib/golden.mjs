// Golden results for fixtures/bad: each <case>.{json,yaml} is linted with every rule of the `all`
// preset and its messages, as the JSON report prints them, are kept in <case>.expected.json.
// Shared by scripts/update-golden.mjs (writes them) and packages/rules/test/fixtures.test.ts
// (compares). Uses the built packages: run `node scripts/build.mjs` first.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './rule-catalogue.mjs';

const load = (relative) => import(pathToFileURL(path.join(ROOT, relative)).href);
const core = await load('packages/core/dist/engine.js');
const builtins = await load('packages/rules/dist/index.js');
const { toJsonReport } = await load('packages/cli/dist/formatters/json.js');

export const FIXTURES = path.join(ROOT, 'fixtures');
export const GOOD = path.join(FIXTURES, 'good');
export const BAD = path.join(FIXTURES, 'bad');
const REQUEST_FILE = /\.(json|ya?ml)$/;

export { builtins, core };

/** Request files in a folder (golden files excluded), sorted. */
export function requestFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => REQUEST_FILE.test(name) && !name.endsWith('.expected.json'))
    .sort()
    .map((name) => path.join(dir, name));
}

/** Every bad case: { id (the folder, a rule id), file, golden }. */
export function badCases() {
  if (!existsSync(BAD)) return [];
  return readdirSync(BAD, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((id) => requestFiles(path.join(BAD, id)).map((file) => ({ id, file, golden: file.replace(REQUEST_FILE, '.expected.json') })));
}

/** The active rules of a built-in preset, at the severities it sets, optionally narrowed to some ids. */
export function presetRules(preset, only) {
  return Object.entries(builtins.configs[preset].rules)
    .filter(([id, setting]) => setting !== 'off' && (!only || only.includes(id)))
    .map(([id, setting]) => {
      const rule = builtins.rules[id];
      return { id, rule, severity: core.toSeverity(setting), options: rule.defaultOptions };
    });
}

export function lintText(text, filePath, rules) {
  return core.lintDocument(core.readSource(filePath, text), rules);
}

/** The messages of a fixture as the JSON report prints them (with `all` on). */
export function goldenMessages(file) {
  const result = lintText(readFileSync(file, 'utf8'), path.relative(ROOT, file), presetRules('all'));
  return toJsonReport([result]).results[0].messages;
}

export function renderGolden(file) {
  return `${JSON.stringify(goldenMessages(file), null, 2)}\n`;
}
