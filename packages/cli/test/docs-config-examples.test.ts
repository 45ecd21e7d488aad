import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { REPO_ROOT, runCli, tempProject } from './helpers/run-cli.js';
import { allFencedBlocks } from './support/markdown.js';

const test = suite('config examples in the docs');

/** The pages whose config examples are marked ```js config / ```json config. */
const PAGES = ['README.md', 'docs/config.md', 'docs/command-lines.md', 'docs/suppressions.md'];

/** The plugin the examples name, with the rules and presets they use. */
const ACME_PLUGIN = `export default {
  meta: { name: 'otalint-plugin-acme', version: '1.0.0' },
  rules: {
    'no-beta-buckets': {
      meta: { id: 'no-beta-buckets', description: 'No beta buckets.', category: 'files', defaultSeverity: 'error', certainty: 'documented',
        messages: { beta: 'beta' },
        optionsSchema: { type: 'object', properties: { allow: { type: 'array', items: { type: 'string' } } }, additionalProperties: false } },
      defaultOptions: { allow: [] },
      check() {},
    },
  },
  configs: { recommended: { rules: { 'acme/no-beta-buckets': 'error' } } },
};
`;

/** The files on disk the firmware and certificate examples map locations to. */
const FILES_THE_EXAMPLES_NAME = { 'build/app.bin': 'firmware', 'certs/ota_signer.pem': 'pem' };

interface Example {
  readonly page: string;
  readonly info: string;
  readonly text: string;
}

function examples(): Example[] {
  return PAGES.flatMap((page) =>
    allFencedBlocks(readFileSync(path.join(REPO_ROOT, page), 'utf8'))
      .filter((block) => /^(js|json) config$/.test(block.info))
      .map((block) => ({ page, ...block })),
  );
}

function projectFor(example: Example): string {
  const configFile = example.info === 'js config' ? 'otalint.config.mjs' : '.otalintrc.json';
  return tempProject({
    [configFile]: example.text,
    'node_modules/otalint-plugin-acme/package.json': JSON.stringify({ name: 'otalint-plugin-acme', type: 'module', main: 'index.js' }),
    'node_modules/otalint-plugin-acme/index.js': ACME_PLUGIN,
    ...FILES_THE_EXAMPLES_NAME,
  });
}

test('the pages hold the config examples this test reads', () => {
  const perPage = Object.fromEntries(PAGES.map((page) => [page, examples().filter((example) => example.page === page).length]));
  assert.deepEqual(perPage, { 'README.md': 2, 'docs/config.md': 4, 'docs/command-lines.md': 1, 'docs/suppressions.md': 2 });
});

for (const [index, example] of examples().entries()) {
  const firstLine = example.text.split('\n').find((line) => line.trim() && !line.startsWith('//'))!;
  test(`${example.page} example ${index + 1} loads as written (${firstLine.trim().slice(0, 60)})`, () => {
    const cwd = projectFor(example);
    const run = runCli(['print-config', 'requests/any.json'], { cwd });
    assert.equal(run.stderr, '', `${example.page}:\n${example.text}`);
    assert.equal(run.status, 0);
    const printed = JSON.parse(run.stdout) as { configFile: string | null; rules: Record<string, unknown> };
    assert.ok(printed.configFile, 'the example is the config in use');
    assert.ok(Object.keys(printed.rules).length > 0);
  });
}

/**
 * A config error a page shows is what otalint prints for the setting the message names: a rule
 * id set in `.otalintrc.json`, or on the command line with `--rule`.
 */
test('the config errors docs/config.md shows are the messages otalint prints', () => {
  const page = readFileSync(path.join(REPO_ROOT, 'docs/config.md'), 'utf8');
  const shown = allFencedBlocks(page)
    .map((block) => block.text.trim())
    .filter((text) => text.startsWith('otalint: invalid config:'));
  assert.equal(shown.length, 2);
  for (const message of shown) {
    const [, source, ruleId] = /^otalint: invalid config: (.+?): \[0\]\.rules\.([\w/-]+):/.exec(message)!;
    const run =
      source === 'command line (--rule)'
        ? runCli(['--rule', `${ruleId}:error`, 'request.json'], { cwd: tempProject({ 'request.json': '{}' }) })
        : runCli(['request.json'], { cwd: tempProject({ [source!]: JSON.stringify([{ rules: { [ruleId!]: 'error' } }]), 'request.json': '{}' }) });
    assert.equal(run.status, 2);
    assert.equal(run.stderr.trim(), message);
  }
});

test.run();
