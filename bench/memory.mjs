#!/usr/bin/env node
// Where a lint run's memory goes as it grows: `otalint -f json` over N generated requests
// (bench/requests.mjs), peak memory (max RSS, /usr/bin/time) and CPU, each sample a fresh process
// with its code cache in force, rounds interleaved after a warm-up round, medians; how much the
// peak grows per file from the smallest size to the largest (the target: ~2 KiB); and,
// once per size, each thread's memory at points of the run (bench/lib/heap-phases.cjs: files
// read, the report's first write, exit), which says what is kept per file, what the young
// generations hold, and what the report and the run pass add. `--before` measures another
// checkout (built) beside this one, and checks both print the same report.
//
//   node bench/memory.mjs [--sizes 1000,10000,50000] [--runs 3] [--concurrency auto] [--before /path/to/checkout]
//   (after `node scripts/build.mjs`)
import { readFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measure, mib, printTable } from './lib/measure.mjs';
import { writeRequests } from './requests.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,10000,50000' },
    runs: { type: 'string', default: '3' },
    concurrency: { type: 'string', default: 'auto' },
    before: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const builds = { ...(values.before ? { before: path.resolve(values.before) } : {}), after: root };
const scratch = path.join(tmpdir(), 'otalint-bench-memory');
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');
const bin = (checkout) => path.join(checkout, 'packages/cli/bin/otalint.cjs');
const args = (checkout, dir) => [bin(checkout), '-f', 'json', '--concurrency', values.concurrency, dir];

console.log(
  `node ${process.version}; --concurrency ${values.concurrency}; medians of ${values.runs} interleaved rounds after a warm-up round; load average before: ${load()}\n`,
);
const rows = [];
const peaks = {};
const phases = [];
for (const size of sizes) {
  const dir = path.join(scratch, `requests-${size}`);
  writeRequests(dir, size);
  const results = measure(Object.keys(builds), (name) => args(builds[name], dir), Number(values.runs), { cwd: scratch, scratch });
  const outputs = Object.values(results).map((result) => readFileSync(result.output, 'utf8'));
  if (outputs.some((output) => output !== outputs[0])) throw new Error(`the builds' reports differ at ${size} files`);
  for (const [name, { rss, cpu }] of Object.entries(results)) {
    rows.push([size, name, mib(rss), cpu.toFixed(0)]);
    (peaks[name] ??= []).push([size, rss]);
  }
  const probed = spawnSync(process.execPath, ['--require', path.join(root, 'bench/lib/heap-phases.cjs'), ...args(root, dir)], {
    cwd: scratch,
    env: { ...process.env, OTALINT_BENCH_EVERY: String(Math.max(1, Math.round(size / 5))) },
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  phases.push(`${size} files (this checkout):\n${probed.stderr.trim()}`);
}
printTable(['files', 'build', 'peak MiB', 'CPU ms'], rows);
for (const [name, list] of Object.entries(peaks)) {
  const [[smallest, low], [largest, high]] = [list[0], list.at(-1)];
  if (largest > smallest)
    console.log(`${name}: peak memory grows ${((high - low) / 1024 / (largest - smallest)).toFixed(2)} KiB per file from ${smallest} to ${largest} files`);
}
console.log(`\n${phases.join('\n\n')}\n\nload average after: ${load()}`);
