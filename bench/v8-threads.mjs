#!/usr/bin/env node
// Where a lint run's CPU goes between its main thread and V8's own threads (TurboFan's compiler,
// the garbage collector's helpers, lint threads where `auto` starts them), this checkout against
// `--before` (another checkout, built): `otalint -f json` over N generated requests
// (bench/requests.mjs), each sample a fresh process with its code cache in force, rounds
// interleaved (the order turned each round) after a warm-up round, medians. CPU is user + system
// (/usr/bin/time), every thread's; the threads' figures are each thread's run time from
// /proc/self/task/*/schedstat at exit, which other processes on the machine do not add to (they
// slow a run's wall, not its CPU, much). A lint thread (`--concurrency`) has ended by then: it is
// in the CPU column only. Checks that both builds print the same report. docs/decisions/0009-less-inlining-in-large-runs.md.
//
//   node bench/v8-threads.mjs --before /path/to/other/checkout [--sizes 100,1000,10000] [--runs 7]
//   (after `node scripts/build.mjs` in each checkout)
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from './lib/measure.mjs';
import { writeRequests } from './requests.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: { before: { type: 'string' }, sizes: { type: 'string', default: '100,1000,10000' }, runs: { type: 'string', default: '7' } },
});
if (!values.before) throw new Error('--before <checkout> is required: the build to compare with');
const builds = { before: path.resolve(values.before), after: root };
const runs = Number(values.runs);
const scratch = path.join(tmpdir(), 'otalint-bench-v8-threads');
mkdirSync(scratch, { recursive: true });

// Loaded with `node --require`: at exit, the run time of the main thread and of all the others.
const recorder = path.join(scratch, 'thread-times.cjs');
writeFileSync(
  recorder,
  `const fs = require('node:fs');
process.on('exit', () => {
  let main = 0, others = 0;
  for (const id of fs.readdirSync('/proc/self/task')) {
    const ns = Number(fs.readFileSync('/proc/self/task/' + id + '/schedstat', 'utf8').split(' ')[0]);
    if (Number(id) === process.pid) main = ns; else others += ns;
  }
  fs.writeFileSync(process.env.OTALINT_BENCH_THREAD_TIMES, (main / 1e6) + ' ' + (others / 1e6));
});
`,
);

function runOnce(build, dir, output) {
  const usage = path.join(scratch, 'usage.txt');
  const times = path.join(scratch, 'thread-times.txt');
  const out = openSync(output, 'w');
  const start = process.hrtime.bigint();
  const bin = path.join(builds[build], 'packages/cli/bin/otalint.cjs');
  const result = spawnSync('/usr/bin/time', ['-f', '%U %S', '-o', usage, process.execPath, '--require', recorder, bin, '-f', 'json', dir], {
    cwd: scratch,
    env: { ...process.env, OTALINT_BENCH_THREAD_TIMES: times },
    stdio: ['ignore', out, 'inherit'],
  });
  const wall = Number(process.hrtime.bigint() - start) / 1e6;
  closeSync(out);
  if (result.status !== 0 && result.status !== 1) throw new Error(`${build} exited ${result.status} on ${dir}`);
  const [user, system] = readFileSync(usage, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
  const [main, others] = readFileSync(times, 'utf8').split(' ').map(Number);
  return { wall, cpu: (user + system) * 1000, main, others };
}

const load = () => loadavg()[0].toFixed(2);
console.log(`node ${process.version}; before: ${builds.before}; medians of ${runs} interleaved rounds after a warm-up round`);
console.log(['files', 'build', 'CPU ms', 'main thread ms', "V8's threads ms", 'wall ms', 'load (1 min) over the rounds'].join('\t'));
for (const size of values.sizes.split(',').map(Number)) {
  const dir = path.join(scratch, `requests-${size}`);
  writeRequests(dir, size);
  const samples = { before: [], after: [] };
  const loads = [];
  for (let round = 0; round <= runs; round++) {
    for (const build of round % 2 ? ['before', 'after'] : ['after', 'before']) {
      const sample = runOnce(build, dir, path.join(scratch, `${build}.json`));
      if (round > 0) samples[build].push(sample);
    }
    loads.push(load());
  }
  if (readFileSync(path.join(scratch, 'before.json'), 'utf8') !== readFileSync(path.join(scratch, 'after.json'), 'utf8')) {
    throw new Error(`at ${size} files the two builds' reports differ`);
  }
  for (const build of ['before', 'after']) {
    const of = (key) => median(samples[build].map((sample) => sample[key])).toFixed(0);
    console.log([size, build, of('cpu'), of('main'), of('others'), of('wall'), loads.join(' ')].join('\t'));
  }
}
