import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import type { FileResult } from '@otalint/core/engine';
import { json, toJsonReport } from '../src/formatters/json.js';
import { createLinter } from '../src/lint-run.js';
import { REPO_ROOT } from './helpers/run-cli.js';

/**
 * The JSON report is written one result at a time (a large run never holds the whole report as
 * objects): its text must stay exactly what `JSON.stringify(toJsonReport(results), null, 2)` gives.
 */
const test = suite('json formatter');

const same = (results: FileResult[]) => assert.equal(json(results, {} as never), `${JSON.stringify(toJsonReport(results), null, 2)}\n`);

test('every bad fixture, a command line with its requests, a fixed output with line breaks, and no results at all', async () => {
  const linter = await createLinter({ cwd: REPO_ROOT });
  const results: FileResult[] = [];
  for (const dir of readdirSync(path.join(REPO_ROOT, 'fixtures/bad'))) {
    for (const name of readdirSync(path.join(REPO_ROOT, 'fixtures/bad', dir)).filter((file) => /\.(json|ya?ml)$/.test(file) && !file.includes('expected'))) {
      const file = `fixtures/bad/${dir}/${name}`;
      results.push(linter.lintText(readFileSync(path.join(REPO_ROOT, file), 'utf8'), file));
    }
  }
  await linter.prepare('release.sh');
  results.push(linter.lintText('aws iot create-ota-update --ota-update-id "a\\"b" --targets x\n', 'release.sh'));
  results.push({ ...results[0]!, output: '{\n  "a": "line\\nbreak"\n}\n' });
  assert.ok(results.filter((result) => result.messages.length > 0).length > 20);
  same(results);
  same([]);
});

test.run();
