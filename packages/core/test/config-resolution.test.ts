import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { Linter } from '../src/linter/linter.js';
import { UPPER_ID_BUILTINS } from './helpers/upper-id-plugin.js';

/**
 * Config is resolved once per set of config objects that match a file, not once per file: a run
 * over thousands of files in a few folders merges the settings a few times. These tests count
 * the resolutions and check that each file still gets exactly the settings its objects give.
 */
const test = suite('config resolution, once per set of matching objects');

const builtins = UPPER_ID_BUILTINS;

const cwd = mkdtempSync(path.join(tmpdir(), 'otalint-resolution-'));
process.on('exit', () => rmSync(cwd, { recursive: true, force: true }));

const config = [
  { rules: { 'upper-id': 'error' as const } },
  { files: ['prod/**'], rules: { 'upper-id': 'warning' as const }, device: 'generic' as const },
  { files: ['prod/**'], ignores: ['prod/legacy/**'], rules: { 'upper-id': 'off' as const } },
];

test('300 files in three folders: three resolutions, and each file linted with its own settings', async () => {
  const linter = await Linter.create({ cwd, builtins, defaultConfig: config });
  const severities = new Map<string, string[]>();
  for (const folder of ['dev', 'prod/legacy', 'prod/current']) {
    for (let i = 0; i < 100; i++) {
      const result = linter.lintText('{ "otaUpdateId": "lower" }', `${folder}/r-${i}.json`);
      const seen = result.messages.filter((m) => m.ruleId === 'upper-id').map((m) => m.severity);
      severities.set(folder, [...new Set([...(severities.get(folder) ?? []), ...(seen.length ? seen : ['none'])])]);
    }
  }
  assert.deepEqual(Object.fromEntries(severities), { dev: ['error'], 'prod/legacy': ['warning'], 'prod/current': ['none'] });
  assert.equal(linter.config.resolvedSets, 3);
});

test('files with the same matching objects share one resolution; others get their own', async () => {
  const linter = await Linter.create({ cwd, builtins, defaultConfig: config });
  const resolved = linter.config;
  assert.equal(resolved.rulesFor('dev/a.json'), resolved.rulesFor('other/b.json'));
  assert.notEqual(resolved.rulesFor('dev/a.json'), resolved.rulesFor('prod/a.json'));
  assert.equal(resolved.deviceFor('prod/legacy/a.json').name, 'generic');
  assert.equal(resolved.deviceFor('dev/a.json').name, 'freertos');
  assert.equal(resolved.resolvedSets, 3);
});

test.run();
