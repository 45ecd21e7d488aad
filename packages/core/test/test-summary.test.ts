import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { test } from 'uvu';
import { closingLine } from '../../../scripts/lib/test-summary.mjs';

// The line `.ci/run` ends with, read from real uvu output: a skipped test is counted as skipped,
// never as passed, and a failure is never hidden.
const UVU = realpathSync(fileURLToPath(new URL('../../../node_modules/uvu/bin.js', import.meta.url)));
// The suites below live in a temporary folder, outside node_modules' reach: they import the very
// module the runner uses, by its real path.
const UVU_MODULE = pathToFileURL(path.join(path.dirname(UVU), 'dist/index.mjs')).href;

function uvuOn(suites: Record<string, string>): { output: string; status: number | null } {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-uvu-'));
  try {
    for (const [name, text] of Object.entries(suites)) writeFileSync(path.join(dir, name), text);
    const run = spawnSync(process.execPath, [UVU, dir, '--no-color'], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
    return { output: run.stdout, status: run.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const SUITE = (body: string) => `import { test } from '${UVU_MODULE}';\n${body}\ntest.run();\n`;

test('passes, skips and failures each counted as what they are', () => {
  const run = uvuOn({
    'a.test.mjs': SUITE(`test('one', () => {});\ntest('two', () => {});\n(false ? test : test.skip)('needs a program', () => {});`),
    'b.test.mjs': SUITE(`test('breaks', () => { throw new Error('no'); });\ntest.skip('later', () => {});`),
  });
  assert.deepEqual(closingLine(run.output, run.status), { line: '2 passed, 1 failed, 2 skipped', ok: false, finished: true });
});

test('all green: no skipped part, ok', () => {
  const run = uvuOn({ 'a.test.mjs': SUITE(`test('one', () => {});`) });
  assert.deepEqual(closingLine(run.output, run.status), { line: '1 passed, 0 failed', ok: true, finished: true });
});

test('only skips: nothing passed, and it still says so', () => {
  const run = uvuOn({ 'a.test.mjs': SUITE(`test.skip('x', () => {});`) });
  assert.deepEqual(closingLine(run.output, run.status), { line: '0 passed, 0 failed, 1 skipped', ok: true, finished: true });
});

test('a suite that throws while loading: a failure, never a pass', () => {
  const run = uvuOn({ 'a.test.mjs': `throw new Error('import failed');\n` });
  assert.deepEqual(closingLine(run.output, run.status), { line: '0 passed, 1 failed', ok: false, finished: false });
});

test.run();
