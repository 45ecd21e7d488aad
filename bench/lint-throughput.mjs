#!/usr/bin/env node
// Lints N generated request files and prints files per second, against reading plus JSON.parse of
// the same files in the same process. Usage: node bench/lint-throughput.mjs [N=2000] [rounds=5]
// Needs a build first (pnpm build).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeRequests } from './requests.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { Linter } = await import(path.join(root, 'packages/core/dist/engine.js'));
const { plugin } = await import(path.join(root, 'packages/rules/dist/index.js'));

const count = Number(process.argv[2] ?? 2000);
const rounds = Number(process.argv[3] ?? 5);
const dir = path.join(root, 'bench/out/throughput');

const files = writeRequests(dir, count);

const linter = await Linter.create({ cwd: root, builtins: plugin, configFile: undefined, defaultConfig: [{ extends: ['all'] }] });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time(label, fn) {
  const perRound = [];
  for (let r = 0; r < rounds + 1; r++) {
    const start = process.hrtime.bigint();
    await fn();
    if (r > 0) perRound.push(Number(process.hrtime.bigint() - start) / 1e6); // round 0 warms up
  }
  const ms = median(perRound);
  return { label, ms, filesPerSecond: (count / ms) * 1000 };
}

let problems = 0;
const baseline = await time('read + JSON.parse', async () => {
  for (const file of files) JSON.parse(await readFile(file, 'utf8'));
});
const lint = await time('otalint (preset all)', async () => {
  problems = 0;
  for (const file of files) problems += (await linter.lintFile(file)).messages.length;
});

console.log(`${count} files, ${rounds} rounds (median), Node ${process.version}, ${linter.config.rulesFor(files[0]).length} rules on`);
for (const { label, ms, filesPerSecond } of [baseline, lint]) {
  console.log(`${label.padEnd(22)} ${ms.toFixed(1).padStart(8)} ms  ${Math.round(filesPerSecond).toString().padStart(8)} files/s`);
}
console.log(`ratio lint / (read + parse): ${(lint.ms / baseline.ms).toFixed(1)}x   (${problems} problems found per round)`);
