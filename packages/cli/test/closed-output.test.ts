import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { suite } from 'uvu';
import { BIN, runCli, tempProject } from './helpers/run-cli.js';

/**
 * The binary's own streams when their reader goes away (`otalint | head`) or cannot take the
 * output (a full disk): no Node stack, and an exit code that still tells the truth.
 */
const test = suite('closed output (real binary, real pipes)');

const BAD = '{ "otaUpdateId": "bad id!", "files": [], "targets": [], "roleArn": "x" }\n';
/** 400 bad requests: about 160 KB of stylish output, well over a pipe's 64 KB buffer. */
const project = tempProject(Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`requests/r${i}.json`, BAD])));

function runWithClosedStdout(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    // Close the reading end before otalint writes a byte: its first write meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

test('the output is large enough to fill a pipe (so the cases below really meet a closed one)', () => {
  const run = runCli(['requests'], { cwd: project });
  assert.equal(run.status, 1);
  assert.ok(run.stdout.length > 2 * 65536, `${run.stdout.length} bytes`);
});

test('stdout closed before the first write: nothing on stderr, and the exit code of the run (1: lint errors)', async () => {
  for (const format of ['stylish', 'json', 'sarif']) {
    const run = await runWithClosedStdout(['requests', '-f', format]);
    assert.equal(run.stderr, '', `${format}: ${run.stderr}`);
    assert.equal(run.status, 1, format);
  }
});

test('`otalint | head -n 3` under `set -o pipefail`: three lines, no stack, and pipefail sees exit 1', () => {
  const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" requests | head -n 3`], { cwd: project, encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.stdout.split('\n').length, 4, run.stdout);
  assert.equal(run.status, 1);
});

test('a clean run piped into `head` exits 0, as it would have', () => {
  const clean = tempProject({ 'good.json': '{}\n', 'otalint.config.mjs': 'export default [];\n' });
  const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" good.json -f json | head -c 1`], { cwd: clean, encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.stdout, '{');
  assert.equal(run.status, 0);
});

test('stderr closed early (`--fix-dry-run 2>&1 >/dev/null | head`): quiet too, and the clean run stays 0', () => {
  // Each file's one problem is a missing comma --fix can fix: the dry run leaves nothing to report
  // (exit 0), and writes its diffs (about 150 KB) to stderr.
  const missingComma = '{\n  "otaUpdateId": "a"\n  "roleArn": "arn:aws:iam::123456789012:role/r"\n}\n';
  const dir = tempProject({
    'otalint.config.mjs': 'export default [];\n',
    ...Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`r${i}.json`, missingComma])),
  });
  const run = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${BIN}" . --fix-dry-run 2>&1 >/dev/null | head -n 2`], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(run.stdout, '--- a/r0.json\n+++ b/r0.json\n');
  assert.equal(run.stderr, '');
  assert.equal(run.status, 0);
});

(existsSync('/dev/full') ? test : test.skip)('a full disk (/dev/full) loses the report: said on stderr, exit 2', () => {
  const run = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" requests -f json > /dev/full`], { cwd: project, encoding: 'utf8' });
  assert.equal(run.stderr, 'otalint: cannot write to standard output: ENOSPC: no space left on device, write\n');
  assert.equal(run.status, 2);
});

test.run();
