#!/usr/bin/env node
// Runs every uvu suite (packages/*/test/**/*.test.ts) in one process through tsx, streams
// uvu's output, and closes with the line CI reads: "N passed, N failed[, N skipped]".
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { closingLine } from './lib/test-summary.mjs';

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
  const { line, ok, finished } = closingLine(output, code);
  if (!finished) console.log('\nuvu did not finish: a test file failed to load (see above).');
  console.log(`\n${line}`);
  process.exit(ok ? 0 : 1);
});
