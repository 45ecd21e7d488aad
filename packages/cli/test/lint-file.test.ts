import assert from 'node:assert/strict';
import { suite } from 'uvu';
import path from 'node:path';
import { lintDiscoveredFile, type FileStep } from '../src/lint-file.js';
import { absoluteIn } from '../src/paths.js';
import { createLinter } from '../src/lint-run.js';
import { badRequest, json } from './helpers/ci-project.js';
import { tempProject } from './helpers/run-cli.js';

/** What a linted file carries besides its result: only what the thread that takes it needs. */
const test = suite('a discovered file, linted');

test('the suppressions a file used travel with it from a lint thread, not on the run’s own thread (it has recorded them)', async () => {
  const cwd = tempProject({
    '.otalintrc.json': json([
      { extends: ['recommended'] },
      { suppressions: [{ files: ['ota/a.json'], path: '', rule: 'aws-api-model', reason: 'legacy (T-1)' }] },
    ]),
    'ota/a.json': json(badRequest()),
  });
  const linter = await createLinter({ cwd });
  const step: FileStep = { linter, cwd, retain: true };
  const here = await lintDiscoveredFile(step, 'ota/a.json', false);
  assert.ok((here?.result.suppressedMessages?.length ?? 0) > 0, 'the suppression applied');
  assert.equal(here?.used, undefined);
  assert.equal(linter.unusedSuppressions().length, 0, 'this thread recorded it');
  const onThread = await lintDiscoveredFile({ ...step, reportsUsage: true }, 'ota/a.json', false);
  assert.equal(onThread?.used?.length, 1);
});

test('a file whose parser cannot load is reported unread, with why, and the run reads the other files', async () => {
  const cwd = tempProject({
    'scripts/start.py': 'import boto3\n\nboto3.client("iot").create_ota_update(otaUpdateId="a", targets=[], files=[], roleArn="r")\n',
  });
  const linter = await createLinter({ cwd });
  linter.pending = () => Promise.reject(new Error("Cannot find module 'tree-sitter-python/tree-sitter-python.wasm'\nRequire stack:\n- tree-sitter.js"));
  const linted = await lintDiscoveredFile({ linter, cwd, retain: true }, 'scripts/start.py', true);
  assert.equal(linted?.result.fatal, true);
  assert.deepEqual(
    linted?.result.messages.map(({ ruleId, message }) => ({ ruleId, message })),
    [
      {
        ruleId: 'unreadable-file',
        message: "Cannot read the file: its parser could not load (Cannot find module 'tree-sitter-python/tree-sitter-python.wasm'); reinstall otalint.",
      },
    ],
  );
});

test('a file is linted without a promise once its kind has nothing to load: a run does not wait a microtask per file', async () => {
  const cwd = tempProject({
    'ota/a.json': json(badRequest()),
    'ota/b.json': json(badRequest()),
    'scripts/start.py': 'import boto3\n\nboto3.client("iot").create_ota_update(otaUpdateId="a", targets=[], files=[], roleArn="r")\n',
    'scripts/again.py': 'import boto3\n\nboto3.client("iot").create_ota_update(otaUpdateId="b", targets=[], files=[], roleArn="r")\n',
  });
  const linter = await createLinter({ cwd });
  const step: FileStep = { linter, cwd, retain: true };
  for (const file of ['ota/a.json', 'ota/b.json']) {
    const linting = lintDiscoveredFile(step, file, false);
    assert.ok(!(linting instanceof Promise), file);
    assert.ok((linting?.result.errorCount ?? 0) > 0, `${file} was linted`);
  }
  // The first Python file waits for its parser to load; the next ones do not.
  const first = lintDiscoveredFile(step, 'scripts/start.py', false);
  assert.ok(first instanceof Promise);
  assert.equal((await first)?.result.filePath, 'scripts/start.py');
  const next = lintDiscoveredFile(step, 'scripts/again.py', false);
  assert.ok(!(next instanceof Promise));
  assert.equal(next?.result.filePath, 'scripts/again.py');
});

test('a file’s absolute path is what path.resolve gives, whichever working directory asked last', () => {
  const asked = [
    ['/work/repo', 'requests/a.json'],
    ['/work/repo', 'requests/b.json'],
    ['/work/other', 'requests/b.json'],
    ['/work/repo', '../x/./a.json'],
    ['/', 'a.json'],
    ['/work/repo', ''],
  ] as const;
  for (const [cwd, file] of asked) assert.equal(absoluteIn(cwd, file), path.resolve(cwd, file), `${cwd} ${file}`);
});

test.run();
