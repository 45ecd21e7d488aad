import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { rules as builtinRules, configs } from '@otalint/rules';
import { RESERVED_IDS } from '@otalint/core/engine';
import { suite } from 'uvu';
import { REPO_ROOT, runCli, tempProject } from './helpers/run-cli.js';
import { runMain } from './helpers/run-main.js';

const test = suite('otalint rules');

interface Listing {
  id: string;
  description: string;
  docsUrl: string;
  fixable: boolean;
  presets: Record<string, string>;
  docs?: string;
}

const ACME_PLUGIN = `export default {
  meta: { name: 'otalint-plugin-acme', version: '1.0.0' },
  rules: {
    'no-staging-bucket': {
      meta: { id: 'no-staging-bucket', description: 'Production updates do not read from the staging bucket.', category: 'files',
        defaultSeverity: 'warning', certainty: 'documented', messages: { staging: 'staging' } },
      defaultOptions: {},
      docsUrl: 'https://acme.example/rules/no-staging-bucket',
      check() {},
    },
  },
};
`;

function listJson(cwd?: string): { presets: string[]; rules: Listing[] } {
  const run = runCli(['rules', '--format', 'json'], cwd ? { cwd } : {});
  assert.equal(run.status, 0, run.stderr);
  return JSON.parse(run.stdout);
}

test('--format json lists every built-in rule with its severity in each preset, description and docs URL', () => {
  const listed = listJson(tempProject({}));
  assert.deepEqual(listed.presets, Object.keys(configs));
  assert.deepEqual(listed.rules.map((rule) => rule.id).sort(), Object.keys(builtinRules).sort());
  for (const rule of listed.rules) {
    const meta = builtinRules[rule.id]!.meta;
    assert.equal(rule.description, meta.description);
    assert.equal(rule.fixable, meta.fixable === true, rule.id);
    assert.ok(rule.docsUrl.endsWith(`/${rule.id}.md`), rule.docsUrl);
    for (const [preset, config] of Object.entries(configs)) {
      const setting = (config as { rules?: Record<string, unknown> }).rules?.[rule.id];
      const name = Array.isArray(setting) ? setting[0] : setting;
      const expected = name === undefined ? 'off' : name === 'warn' ? 'warning' : name;
      assert.equal(rule.presets[preset], expected, `${rule.id} in ${preset}`);
    }
  }
});

test('rules of a plugin the config declares are listed as <namespace>/<id>, off in the built-in presets', () => {
  const dir = tempProject({
    'acme-plugin.mjs': ACME_PLUGIN,
    'otalint.config.mjs': `import acme from './acme-plugin.mjs';\nexport default [{ plugins: { acme }, extends: ['recommended'] }];\n`,
  });
  const listed = listJson(dir);
  const acme = listed.rules.find((rule) => rule.id === 'acme/no-staging-bucket');
  assert.ok(acme, listed.rules.map((rule) => rule.id).join(', '));
  assert.equal(acme.docsUrl, 'https://acme.example/rules/no-staging-bucket');
  assert.ok(Object.values(acme.presets).every((severity) => severity === 'off'));
});

test('text: a header with the preset names, one row per rule with its docs URL under it', () => {
  const run = runCli(['rules'], { cwd: tempProject({}) });
  assert.equal(run.status, 0, run.stderr);
  const lines = run.stdout.split('\n');
  assert.match(lines[0]!, new RegExp(`^rule +${Object.keys(configs).join(' +')} +fix +description$`));
  for (const [id, rule] of Object.entries(builtinRules)) {
    const row = lines.findIndex((line) => line.startsWith(`${id} `));
    assert.ok(row > 0, `no row for ${id}`);
    assert.ok(lines[row]!.endsWith(rule.meta.description), lines[row]);
    assert.equal(lines[row + 1]!.trim(), rule.docsUrl);
  }
  assert.match(run.stdout, new RegExp(`\\n${Object.keys(builtinRules).length} rules and \\d+ problems otalint reports itself\\. `));
});

test('rules <id> explains one rule: metadata, then its docs page from the first section on', async () => {
  const documented = Object.keys(builtinRules).filter((id) => existsSync(path.join(REPO_ROOT, 'packages/rules/docs', `${id}.md`)));
  assert.ok(documented.length > 0, 'no rule has a docs page');
  // Every rule, in-process (one spawn each would dominate the suite); the binary is checked below.
  for (const id of documented) {
    const run = await runMain(['rules', id]);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.stdout.startsWith(`${id}: ${builtinRules[id]!.meta.description}\n`), run.stdout.slice(0, 200));
    assert.match(run.stdout, /\n {2}docs {7}https:\/\/\S+\.md\n/);
    assert.match(run.stdout, /\n## \w+/, `${id}: the docs page is not shown`);
  }
  const binary = runCli(['rules', documented[0]!]);
  assert.equal(binary.stdout, (await runMain(['rules', documented[0]!])).stdout);
  const json = runCli(['rules', documented[0]!, '--format', 'json']);
  const explained = JSON.parse(json.stdout) as Listing;
  assert.equal(explained.id, documented[0]);
  assert.match(explained.docs ?? '', new RegExp(`^# ${documented[0]}`));
});

test('the problems otalint reports itself are listed after the rules, and each is explained with its page', async () => {
  const listed = listJson(tempProject({})) as ReturnType<typeof listJson> & { engine: Array<Listing & { kind: string; configurable: unknown }> };
  assert.deepEqual(
    listed.engine.map((entry) => entry.id),
    RESERVED_IDS.map((entry) => entry.id),
  );
  for (const entry of listed.engine) {
    const reserved = RESERVED_IDS.find((candidate) => candidate.id === entry.id)!;
    assert.equal(entry.kind, 'engine');
    assert.equal(entry.docsUrl, reserved.docsUrl);
    assert.deepEqual(entry.configurable, reserved.configurable);
    assert.ok(
      Object.values(entry.presets).every((severity) => severity === reserved.defaultSeverity),
      entry.id,
    );
  }
  assert.ok(listed.rules.every((rule) => (rule as Listing & { kind: string }).kind === 'rule'));

  const text = runCli(['rules'], { cwd: tempProject({}) }).stdout;
  assert.match(text, /\nReported by otalint itself, whatever the preset .*\nid +severity +set +fix +description\n/);
  assert.match(text, /\nduplicate-key +error +yes +No key appears twice in one object\.\n +https:\/\/\S+\/packages\/core\/docs\/duplicate-key\.md\n/);
  assert.match(text, /\ninternal-error +error +no +No rule crashes/);
  assert.match(text, new RegExp(`\\n${Object.keys(builtinRules).length} rules and ${RESERVED_IDS.length} problems otalint reports itself\\. `));

  for (const entry of RESERVED_IDS) {
    const run = await runMain(['rules', entry.id]);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(run.stdout.startsWith(`${entry.id}: ${entry.description}\n`), run.stdout.slice(0, 200));
    assert.match(run.stdout, /\n {2}reported {3}by otalint itself, whatever the preset\n/);
    if (entry.configurable === true) assert.match(run.stdout, /\n {2}severity {3}\w+; config `rules` and --rule may set it \(off, info, warn, error\)\n/);
    else assert.ok(run.stdout.includes(`config cannot set it: ${entry.configurable.refused}`), run.stdout);
    assert.match(run.stdout, /\n## Why\n[\s\S]*\n## Configuration\n/, `${entry.id}: the docs page is not shown`);
  }
  const json = JSON.parse((await runMain(['rules', 'duplicate-key', '-f', 'json'])).stdout) as Listing & { kind: string };
  assert.equal(json.kind, 'engine');
  assert.match(json.docs ?? '', /^# duplicate-key\n/);
});

test('an unknown rule id or format is a usage error (exit 2) with a hint', () => {
  const typo = runCli(['rules', 'aws-api-modle']);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /Unknown rule "aws-api-modle"; did you mean "aws-api-model"/);
  assert.match(runCli(['rules', 'unused-supression']).stderr, /Unknown rule "unused-supression"; did you mean "unused-suppression"/);
  assert.equal(typo.stdout, '');
  const format = runCli(['rules', '--format', 'sarif']);
  assert.equal(format.status, 2);
  assert.match(format.stderr, /use text or json/);
});

test.run();
