// The rule catalogue is generated from metadata (scripts/generate-rule-index.mjs): these tests
// fail when the index, the tables or a rule's docs page drift from it.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import { MODEL_SCHEMA, RESERVED_IDS, schemaAt } from '@otalint/core/engine';
import * as api from '../src/index.js';
import {
  DOCS_DIR,
  INDEX_FILE,
  README,
  RULES_DOC,
  TABLE_END,
  TABLE_START,
  listRuleIds,
  renderIndex,
  renderPresetsSection,
  renderReadmeTable,
  renderRulesDoc,
  sections,
} from '../../../scripts/lib/rule-catalogue.mjs';

const rules = Object.values(api.rules);
const REGENERATE = 'run `node scripts/generate-rule-index.mjs`';
const HEADINGS = ['Why', 'Examples', 'Options', 'Presets', 'Fix'];

test('the generated index imports every rule file, in id order', () => {
  assert.equal(readFileSync(INDEX_FILE, 'utf8'), renderIndex(listRuleIds()), `index.generated.ts is stale: ${REGENERATE}`);
});

test('every rule file exports a rule whose id is its file name', () => {
  const ids = listRuleIds();
  assert.deepEqual(
    rules.map((rule) => rule.meta.id),
    ['aws-api-model', ...ids],
  );
});

test('the README rule table matches the metadata', () => {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  assert.ok(start !== -1 && end > start, 'README.md lost its rules-table markers');
  assert.equal(
    readme.slice(start + TABLE_START.length, end).trim(),
    renderReadmeTable(rules, api, RESERVED_IDS).trim(),
    `README table is stale: ${REGENERATE}`,
  );
});

test('docs/rules.md matches the metadata', () => {
  assert.equal(readFileSync(RULES_DOC, 'utf8'), renderRulesDoc(rules, api, RESERVED_IDS), `docs/rules.md is stale: ${REGENERATE}`);
});

test('presets: recommended is inside strict and freertos, all has every rule, aws-api-model is everywhere', () => {
  const ids = (preset: string) => Object.keys(api.configs[preset]!.rules ?? {});
  for (const preset of ['strict', 'freertos', 'all']) {
    for (const id of ids('recommended')) assert.ok(ids(preset).includes(id), `${id} is in recommended but not in ${preset}`);
  }
  assert.deepEqual(
    ids('all'),
    rules.map((rule) => rule.meta.id),
  );
  for (const preset of api.BUILTIN_PRESETS) assert.ok(ids(preset).includes('aws-api-model'), `aws-api-model missing from ${preset}`);
});

test('all is never weaker than any other preset, for any rule', () => {
  const rank = { off: -1, info: 0, warn: 1, error: 2 } as const;
  const level = (preset: string, id: string) => rank[(api.configs[preset]!.rules?.[id] ?? 'off') as keyof typeof rank];
  for (const rule of rules) {
    for (const preset of ['recommended', 'strict', 'freertos']) {
      assert.ok(level('all', rule.meta.id) >= level(preset, rule.meta.id), `${rule.meta.id} is weaker in all than in ${preset}`);
    }
  }
});

test('severity follows certainty: with no config (recommended) an inferred rule is never an error', () => {
  const recommended = api.configs.recommended!.rules ?? {};
  const inferredErrors = rules.filter((rule) => rule.meta.certainty === 'inferred' && recommended[rule.meta.id] === 'error').map((rule) => rule.meta.id);
  assert.deepEqual(inferredErrors, [], 'an inference is a warning by default: give these evidence (and a certainty to match) or a warning');
});

for (const rule of rules) {
  const { id } = rule.meta;
  test(`docs page of ${id}`, () => {
    const page = path.join(DOCS_DIR, `${id}.md`);
    assert.ok(existsSync(page), `${id} has no docs page (packages/rules/docs/${id}.md)`);
    assert.ok(rule.docsUrl.endsWith(`/packages/rules/docs/${id}.md`), `${id}: docs URL ${rule.docsUrl} does not point at its page`);
    const markdown = readFileSync(page, 'utf8');
    const parts = sections(markdown);
    const intro = (parts.get('') ?? '').split('\n').filter((line: string) => line.trim() !== '');
    assert.equal(intro[0], `# ${id}`, `${id}: the page must start with "# ${id}"`);
    assert.equal(intro.slice(1).join(' '), rule.meta.description, `${id}: the description line differs from the metadata`);
    assert.deepEqual(
      [...parts.keys()].slice(1),
      HEADINGS,
      `${id}: the page needs exactly the headings ${HEADINGS.map((h) => `## ${h}`).join(', ')}, in that order`,
    );
    const examples = parts.get('Examples') ?? '';
    assert.match(examples, /^### Incorrect\n+```[a-z]+(?: abridged| setup)?\n[\s\S]+?```/m, `${id}: "### Incorrect" needs a code block`);
    assert.match(examples, /^### Correct\n+```[a-z]+(?: abridged| setup)?\n[\s\S]+?```/m, `${id}: "### Correct" needs a code block`);
    assert.ok(examples.indexOf('### Incorrect') < examples.indexOf('### Correct'), `${id}: Incorrect comes before Correct`);
    assert.match(
      (parts.get('Why') ?? '').toLowerCase(),
      new RegExp(`certainty: ${rule.meta.certainty}`),
      `${id}: "## Why" must state "Certainty: ${rule.meta.certainty}"`,
    );
    assert.equal(parts.get('Presets'), renderPresetsSection(rule, api), `${id}: the Presets section is stale: ${REGENERATE}`);
    for (const heading of ['Options', 'Fix']) assert.ok((parts.get(heading) ?? '').length > 0, `${id}: "## ${heading}" is empty`);
    if (!rule.meta.optionsSchema) assert.match(parts.get('Options') ?? '', /^None\./, `${id} takes no options: "## Options" should say "None."`);
  });
}

test('every path a rule needs is in the request model (a misspelt path would skip the rule on every request)', () => {
  // A rule about a member one level too deep (rollout-maximum-placement) needs it where the model
  // has no such member: its parent must be in the model, and its name a member the model has.
  const members = new Set<string>();
  const collect = (node: unknown): void => {
    if (node === null || typeof node !== 'object') return;
    const properties = (node as { properties?: Record<string, unknown> }).properties;
    for (const name of Object.keys(properties ?? {})) members.add(name);
    for (const child of Object.values(node)) collect(child);
  };
  collect(MODEL_SCHEMA);
  for (const rule of rules) {
    for (const pattern of rule.meta.needs ?? []) {
      // `files[].codeSigning` as a path into the schema: a list's item at index 0.
      const steps = pattern.split('.').flatMap((part) => (part.endsWith('[]') ? [part.slice(0, -2), 0] : [part]));
      const last = pattern.split('.').at(-1)!.replace(/\[\]$/, '');
      const where = schemaAt(MODEL_SCHEMA, steps) ? steps : steps.slice(0, steps.lastIndexOf(last));
      assert.ok(schemaAt(MODEL_SCHEMA, where) && members.has(last), `${rule.meta.id}: needs "${pattern}", which is not in the request model`);
    }
  }
});

test.run();
