#!/usr/bin/env node
// Do lint threads pay, and from what size on? Runs the real CLI (bin/otalint.cjs, `-f json`) over
// N generated requests (bench/requests.mjs) with `--concurrency off`, `--concurrency <threads>`
// and `--concurrency auto`, each sample a fresh process, rounds interleaved with the
// read-and-parse floor (bench/floor.cjs), medians. Checks that the three reports are identical,
// prints wall, CPU (every thread) and peak memory against the floor with the load average (which
// decides what a second core can give), what `auto` chose, and the crossover: the smallest size
// from which on the threaded run's wall stays below the one-thread run's.
// docs/decisions/0008-lint-threads-for-large-runs.md.
//
//   node bench/workers.mjs [--sizes 1000,2000,5000,10000,20000,50000] [--runs 3] [--threads 2]
//   (after `pnpm build`)
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measure, mib, ratio } from './lib/measure.mjs';
import { writeRequests } from './requests.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const BIN = path.join(root, 'packages/cli/bin/otalint.cjs');

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,2000,5000,10000,20000,50000' },
    runs: { type: 'string', default: '3' },
    threads: { type: 'string', default: '2' },
  },
});
const runs = Number(values.runs);
const threaded = `${values.threads} threads`;
const scratch = path.join(tmpdir(), 'otalint-bench-workers');
mkdirSync(scratch, { recursive: true });
const lint = (dir, concurrency) => [BIN, path.basename(dir), '-f', 'json', '--concurrency', concurrency];
const commands = {
  floor: (dir) => [path.join(root, 'bench/floor.cjs'), dir],
  off: (dir) => lint(dir, 'off'),
  [threaded]: (dir) => lint(dir, values.threads),
  auto: (dir) => lint(dir, 'auto'),
};

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
console.log(
  `node ${process.version}, ${availableParallelism()} cores; medians of ${runs} interleaved rounds after a warm-up round; load average at start ${load()}\n`,
);
console.log(['files', 'command', 'wall ms', 'CPU ms', 'peak MiB', 'wall / floor', 'CPU / floor'].join('\t'));
const walls = [];
for (const size of values.sizes.split(',').map(Number)) {
  const dir = path.join(scratch, `requests-${size}`);
  writeRequests(dir, size);
  const names = Object.keys(commands);
  const figures = measure(names, (name) => commands[name](dir), runs, { cwd: scratch, scratch });
  const reports = names.filter((name) => name !== 'floor').map((name) => readFileSync(figures[name].output, 'utf8'));
  if (new Set(reports).size !== 1) throw new Error(`at ${size} files the reports of ${names.slice(1).join(', ')} differ`);
  const floor = figures.floor;
  for (const name of names) {
    const { wall, cpu, rss } = figures[name];
    console.log([size, name, wall.toFixed(0), cpu.toFixed(0), mib(rss), ratio(wall, floor.wall), ratio(cpu, floor.cpu)].join('\t'));
  }
  console.log(`\t(auto: ${autoChoice(dir)}; load ${load()})`);
  walls.push({ size, off: figures.off.wall, threaded: figures[threaded].wall });
}
console.log(`\n${crossover(walls)}`);

/** What `--concurrency auto` chose for this folder, as `--debug` says it. */
function autoChoice(dir) {
  const result = spawnSync(process.execPath, [...lint(dir, 'auto'), '--debug', '-o', path.join(scratch, 'auto.json')], { cwd: scratch, encoding: 'utf8' });
  return /linted \d+ files on (.*)\.$/m.exec(result.stderr)?.[1] ?? result.stderr.trim();
}

/** The smallest size from which on the threaded wall stays below one thread's, in words. */
function crossover(rows) {
  let from;
  for (const row of [...rows].reverse()) {
    if (row.threaded >= row.off) break;
    from = row;
  }
  const range = rows.map((row) => `${row.size}: ${(row.threaded / row.off).toFixed(2)}x`).join(', ');
  if (!from) return `${threaded} never beat one thread here (${threaded} wall / off wall: ${range}).`;
  const before = rows[rows.indexOf(from) - 1];
  const where = before ? `between ${before.size} and ${from.size} files` : `at ${from.size} files or fewer`;
  return `Crossover: ${threaded} beat one thread from ${where} on (${threaded} wall / off wall: ${range}; load ${load()}).`;
}
