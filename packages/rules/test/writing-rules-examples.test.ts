// docs/writing-rules.md shows code that rule authors copy. Each of its code blocks is a file in
// test/docs-examples, as written: the spec tsconfig type-checks them, the runner runs their tables,
// and this test holds the page to them and puts the plugin to work through the Linter.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { test } from 'uvu';
import { Linter } from '@otalint/core/engine';
import { plugin as builtins } from '../src/index.js';
import plugin from './docs-examples/plugin.js';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const PAGE = 'docs/writing-rules.md';
const MARKER = /^<!-- example: (\S+) -->\n```\w+\n([\s\S]*?)^```$/gm;

test(`every code block of ${PAGE} is an example file, as written`, () => {
  const page = readFileSync(path.join(REPO, PAGE), 'utf8');
  const blocks = page.match(/^```\w+$/gm) ?? [];
  const examples = [...page.matchAll(MARKER)];
  assert.ok(examples.length > 0, `${PAGE} has no <!-- example: FILE --> blocks`);
  assert.equal(examples.length, blocks.length, `every code block of ${PAGE} needs a <!-- example: FILE --> line above it, naming the file that runs it`);
  for (const [, file, code] of examples) {
    assert.equal(code, readFileSync(path.join(REPO, file!), 'utf8'), `the block of ${file} in ${PAGE} differs from the file: copy the file into the page`);
  }
});

test('the plugin, registered under a namespace, reports through its preset', async () => {
  const linter = await Linter.create({ cwd: REPO, builtins, defaultConfig: [{ plugins: { acme: plugin }, extends: ['acme/recommended'] }] });
  const result = linter.lintText('{"files": [{"fileLocation": {"s3Location": {"bucket": "beta-1"}}}], "targets": "x"}\n', 'release.json');
  const found = result.messages.filter((message) => message.ruleId.startsWith('acme/'));
  assert.deepEqual(
    found.map((message) => `${message.ruleId} ${message.severity} ${message.path}`),
    ['acme/no-beta-buckets warning /files/0/fileLocation/s3Location/bucket'],
  );
});

test.run();
