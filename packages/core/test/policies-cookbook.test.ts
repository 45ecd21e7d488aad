import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import type { Policy } from '../src/config/types.js';
import { NO_RULES, linterFor } from './helpers/policy-project.js';

/**
 * docs/policies.md as written: each cookbook policy, alone, on the base request changed as its
 * examples show (their members replace the request's) gives exactly the findings the page lists.
 */
const test = suite('docs/policies.md cookbook');

const DOCS = path.resolve(fileURLToPath(import.meta.url), '../../../../docs/policies.md');
const page = readFileSync(DOCS, 'utf8');

interface Block {
  readonly info: string;
  readonly text: string;
}

function blocks(markdown: string): Block[] {
  return [...markdown.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].map((match) => ({ info: match[1]!.trim(), text: match[2]! }));
}

const only = (found: readonly Block[], info: string, where: string): Block => {
  const matching = found.filter((block) => block.info === info);
  assert.equal(matching.length, 1, `${where}: expected one \`\`\`${info} block, found ${matching.length}`);
  return matching[0]!;
};

const cookbook = page.slice(page.indexOf('\n## Cookbook\n'), page.indexOf('\n## ', page.indexOf('\n## Cookbook\n') + 1));
const base = JSON.parse(only(blocks(cookbook), 'json base', 'Cookbook').text) as Record<string, unknown>;
const recipes = cookbook
  .split(/^### /m)
  .slice(1)
  .map((section) => {
    const title = section.slice(0, section.indexOf('\n'));
    const found = blocks(section);
    return {
      title,
      policy: JSON.parse(only(found, 'json policy', title).text) as Policy,
      fails: JSON.parse(only(found, 'json fails', title).text) as Record<string, unknown>,
      findings: only(found, 'text', title).text.trimEnd().split('\n'),
      passes: JSON.parse(only(found, 'json passes', title).text) as Record<string, unknown>,
    };
  });

async function findings(policies: readonly Policy[], change: Record<string, unknown>): Promise<string[]> {
  const linter = await linterFor([{ policies }]);
  const result = linter.lintText(JSON.stringify({ ...base, ...change }, null, 2), path.join(linter.cwd, 'req.json'));
  return result.messages.map((m) => `${m.ruleId}  ${m.message}`);
}

test('the cookbook has at least ten policies, each with its own id', () => {
  assert.ok(recipes.length >= 10, `${recipes.length} recipes`);
  assert.equal(new Set(recipes.map((recipe) => recipe.policy.id)).size, recipes.length);
});

test('with every passing example applied, the request passes every cookbook policy at once', async () => {
  const passing = Object.assign({}, ...recipes.map((recipe) => recipe.passes)) as Record<string, unknown>;
  assert.deepEqual(
    await findings(
      recipes.map((recipe) => recipe.policy),
      passing,
    ),
    [],
  );
});

for (const recipe of recipes) {
  test(`${recipe.title}: fails as shown, passes as shown`, async () => {
    assert.deepEqual(await findings([recipe.policy], recipe.fails), recipe.findings);
    assert.deepEqual(await findings([recipe.policy], recipe.passes), []);
  });
}

test('the plugin preset and the config that extends it, as written', async () => {
  const intro = page.slice(0, page.indexOf('\n## Cookbook\n'));
  const plugin = only(blocks(intro), 'js plugin', 'Sharing policies').text;
  const config = JSON.parse(only(blocks(intro), 'json config', 'Sharing policies').text) as unknown;
  const files = {
    'node_modules/otalint-plugin-acme/package.json': JSON.stringify({ name: 'otalint-plugin-acme', version: '1.0.0', type: 'module', main: 'index.js' }),
    'node_modules/otalint-plugin-acme/index.js': plugin,
  };
  // The built-in `recommended` preset, empty: only the plugin's policies report.
  const linter = await linterFor(config, files, { ...NO_RULES, configs: { recommended: {} } });
  const result = linter.lintText(JSON.stringify({ ...base, awsJobExecutionsRolloutConfig: { maximumPerMinute: 500 } }), path.join(linter.cwd, 'req.json'));
  assert.deepEqual(
    result.messages.map((m) => m.ruleId),
    ['acme/abort-required', 'acme/max-rate'],
  );
});

test.run();
