#!/usr/bin/env node
// Do worker threads pay? Lints N generated requests (bench/requests.mjs) the way `otalint -f json`
// does (one linter, each file read, linted and kept as lint keeps it, then the JSON report), in
// this thread and split over K worker threads (each its own linter, results sent back and merged
// in path order), each sample a fresh process (JIT and module loading included, as a run pays
// them), rounds interleaved with the floor (bench/floor.cjs), medians. Prints wall and CPU (every
// thread) against the floor, and the load average, which decides what a second core can give.
//
//   node bench/workers.mjs [--sizes 1000,10000,50000] [--runs 3] [--workers 2]
//   (after `pnpm build`)
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { writeRequests } from './requests.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

if (!isMainThread) {
  parentPort.postMessage(await lintFiles(workerData.cwd, workerData.files));
} else if (process.argv[2] === '--run') {
  await runOnce(process.argv[3], Number(process.argv[4]));
} else {
  await compare();
}

/** What one thread does: a linter over its share of the files, each result kept as `lint` keeps it. */
async function lintFiles(cwd, files) {
  const { createLinter } = await import(path.join(root, 'packages/cli/dist/lint-run.js'));
  const { decodeText } = await import(path.join(root, 'packages/core/dist/engine.js'));
  const linter = await createLinter({ cwd });
  return files.map((file) => linter.retainForRun(linter.lintSource(decodeText(readFileSync(path.resolve(cwd, file))), file)));
}

/** One run over a folder with `workers` threads (0: this one), then the run pass and the JSON report. */
async function runOnce(dir, workers) {
  const { json } = await import(path.join(root, 'packages/cli/dist/formatters/json.js'));
  const cwd = path.dirname(dir);
  const files = readdirSync(dir)
    .map((name) => `${path.basename(dir)}/${name}`)
    .sort();
  let results;
  if (workers === 0) results = await lintFiles(cwd, files);
  else {
    const share = Math.ceil(files.length / workers);
    const parts = await Promise.all(
      Array.from(
        { length: workers },
        (_, i) =>
          new Promise((resolve, reject) => {
            const worker = new Worker(fileURLToPath(import.meta.url), { workerData: { cwd, files: files.slice(i * share, (i + 1) * share) } });
            worker.once('message', resolve);
            worker.once('error', reject);
          }),
      ),
    );
    results = parts.flat();
  }
  const { createLinter } = await import(path.join(root, 'packages/cli/dist/lint-run.js'));
  results = await (await createLinter({ cwd })).lintRun(results);
  process.stdout.write(`${json(results, {}).length}\n`);
}

async function compare() {
  const { values } = parseArgs({
    options: { sizes: { type: 'string', default: '1000,10000,50000' }, runs: { type: 'string', default: '3' }, workers: { type: 'string', default: '2' } },
  });
  const workers = Number(values.workers);
  const runs = Number(values.runs);
  const scratch = path.join(tmpdir(), 'otalint-bench-workers');
  const commands = {
    floor: (dir) => [path.join(root, 'bench/floor.cjs'), dir],
    'one thread': (dir) => [fileURLToPath(import.meta.url), '--run', dir, '0'],
    [`${workers} workers`]: (dir) => [fileURLToPath(import.meta.url), '--run', dir, String(workers)],
  };
  console.log(
    `node ${process.version}; medians of ${runs} interleaved rounds after a warm-up round; load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  console.log(['files', 'command', 'wall ms', 'CPU ms', 'wall / floor', 'CPU / floor', 'load (1 min)'].join('\t'));
  for (const size of values.sizes.split(',').map(Number)) {
    const dir = path.join(scratch, `requests-${size}`);
    writeRequests(dir, size);
    const samples = Object.fromEntries(Object.keys(commands).map((name) => [name, []]));
    const outputs = new Map();
    for (let round = 0; round <= runs; round++) {
      for (const [name, argsOf] of Object.entries(commands)) {
        const sample = measure(argsOf(dir));
        if (name !== 'floor') outputs.set(name, sample.output);
        if (round > 0) samples[name].push(sample);
      }
    }
    if (new Set(outputs.values()).size !== 1) throw new Error(`the threaded run's report differs from the one-thread run's at ${size} files`);
    const floor = { wall: median(samples.floor.map((s) => s.wall)), cpu: median(samples.floor.map((s) => s.cpu)) };
    for (const name of Object.keys(commands)) {
      const wall = median(samples[name].map((s) => s.wall));
      const cpu = median(samples[name].map((s) => s.cpu));
      const load = median(samples[name].map((s) => s.load));
      console.log(
        [size, name, wall.toFixed(0), cpu.toFixed(0), `${(wall / floor.wall).toFixed(2)}x`, `${(cpu / floor.cpu).toFixed(2)}x`, load.toFixed(2)].join('\t'),
      );
    }
  }
}

function measure(args) {
  const usage = path.join(tmpdir(), `otalint-bench-workers-${process.pid}.txt`);
  const load = loadavg()[0];
  const start = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', usage, process.execPath, ...args], { encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
  const [user, system] = readFileSync(usage, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: (user + system) * 1000, output: result.stdout.trim(), load };
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
