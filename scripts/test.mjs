#!/usr/bin/env node
// Runs every uvu suite (packages/*/test/**/*.test.ts) in one process through tsx, streams
// uvu's output, and closes with the line CI reads: "N passed, N failed".
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const uvuBin = path.join(root, 'node_modules/uvu/bin.js');
const pattern = process.argv[2] ?? String.raw`test[\\/].*\.test\.ts$`;

const child = spawn(process.execPath, ['--import', 'tsx', uvuBin, 'packages', pattern, '-i', 'dist', '-i', String.raw`fixtures[\\/]`, '--no-color'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, FORCE_COLOR: '0' },
});

let output = '';
child.stdout.on('data', (chunk) => {
  output += chunk;
  process.stdout.write(chunk);
});
child.on('close', (code) => {
  const total = Number(/Total:\s+(\d+)/.exec(output)?.[1] ?? NaN);
  const passed = Number(/Passed:\s+(\d+)/.exec(output)?.[1] ?? NaN);
  const skipped = Number(/Skipped:\s+(\d+)/.exec(output)?.[1] ?? 0);
  if (Number.isNaN(total) || Number.isNaN(passed)) {
    // uvu died before its summary (a suite threw at import): count that as a failure.
    console.log('\nuvu did not finish: a test file failed to load (see above).');
    console.log(`0 passed, 1 failed`);
    process.exit(1);
  }
  // uvu's Total counts the tests that ran; skipped ones are counted apart.
  const failed = total - passed;
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 || code !== 0 ? 1 : 0);
});
