#!/usr/bin/env node
// The engine's own cost per file, in one process, without reading from disk: N generated requests
// (bench/requests.mjs) held in memory as text, then, in interleaved rounds after a warm-up round,
// each step `otalint -f json` takes per file: read (the JSON document), lint (rules, suppressions,
// fingerprints), keep (`retainForRun`, what a lint run holds per file), then the run pass and the
// JSON report over the kept results. Prints the median CPU time (user + system, this process) per
// step, per 1,000 files, and the load average; `--memory` (run with `node --expose-gc`) prints
// what the kept results hold per file once garbage is collected. A figure, never a test.
//
//   node --expose-gc bench/engine-cost.mjs [--files 10000] [--rounds 5] [--memory]
//   (after `pnpm build`)
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { request } from './requests.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: { files: { type: 'string', default: '10000' }, rounds: { type: 'string', default: '5' }, memory: { type: 'boolean' } },
});
const count = Number(values.files);
const rounds = Number(values.rounds);

const { createLinter } = await import(path.join(root, 'packages/cli/dist/lint-run.js'));
const { fromText } = await import(path.join(root, 'packages/core/dist/engine.js'));
const { json } = await import(path.join(root, 'packages/cli/dist/formatters/json.js'));

const cwd = path.join(root, 'bench/out/engine-cost');
const names = Array.from({ length: count }, (_, i) => `r/req-${i}.json`);
const texts = Array.from({ length: count }, (_, i) => fromText(`${JSON.stringify(request(i), null, 2)}\n`));
const linter = await createLinter({ cwd });

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const steps = {
  read: () => {
    for (let i = 0; i < count; i++) linter.readSource(texts[i], names[i]);
  },
  'lint + keep': () => {
    const kept = new Array(count);
    for (let i = 0; i < count; i++) kept[i] = linter.retainForRun(linter.lintSource(texts[i], names[i]));
    return kept;
  },
};
const samples = { read: [], 'lint + keep': [], 'run pass': [], 'json report': [] };
let report = '';
for (let round = 0; round <= rounds; round++) {
  const times = {};
  let start = cpu();
  steps.read();
  times.read = cpu() - start;
  start = cpu();
  const kept = steps['lint + keep']();
  times['lint + keep'] = cpu() - start;
  start = cpu();
  const results = await linter.lintRun(kept);
  times['run pass'] = cpu() - start;
  start = cpu();
  report = json(results, {});
  times['json report'] = cpu() - start;
  if (round > 0) for (const [step, ms] of Object.entries(times)) samples[step].push(ms);
}
const median = (list) => [...list].sort((a, b) => a - b)[list.length >> 1];
console.log(
  `node ${process.version}; ${count} files; CPU ms, median of ${rounds} rounds after a warm-up; load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
for (const [step, list] of Object.entries(samples)) {
  const ms = median(list);
  console.log(`${step.padEnd(12)} ${ms.toFixed(0).padStart(7)} ms  ${((ms / count) * 1000).toFixed(1).padStart(7)} ms per 1,000 files`);
}
console.log(`report: ${report.length} characters`);

if (values.memory) {
  if (typeof globalThis.gc !== 'function') throw new Error('--memory needs node --expose-gc');
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const kept = steps['lint + keep']();
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  console.log(`kept results: ${((after - before) / count).toFixed(0)} bytes per file (heap used after gc), ${kept.length} results`);
}
