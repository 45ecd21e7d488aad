#!/usr/bin/env node
// What policies cost. (1) Start-up of `otalint update.json` with `recommended` alone, and with
// `recommended` plus the cookbook policies of docs/policies.md (medians of spawned runs, after
// warm-up). (2) In process: loading those configs (the policy one compiles each schema with ajv),
// and linting N requests under each (requests per second).
//
//   node bench/policies.mjs [--runs 20] [--requests 2000]      (after `node scripts/build.mjs`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { Linter } = await import(path.join(root, 'packages/core/dist/engine.js'));
const { plugin } = await import(path.join(root, 'packages/rules/dist/index.js'));
const bin = path.join(root, 'packages/cli/bin/otalint.cjs');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, requests: { type: 'string', default: '2000' } } });
const runs = Number(values.runs);
const requestCount = Number(values.requests);

const page = readFileSync(path.join(root, 'docs/policies.md'), 'utf8');
const blocks = (info) => [...page.matchAll(/^```([^\n]*)\n([\s\S]*?)^```$/gm)].filter((m) => m[1].trim() === info).map((m) => JSON.parse(m[2]));
const policies = blocks('json policy');
const [base] = blocks('json base');
// The base request with every passing example applied passes every cookbook policy.
const request = Object.assign({}, base, ...blocks('json passes'));

const configs = {
  recommended: [{ extends: ['recommended'] }],
  [`recommended + ${policies.length} policies`]: [{ extends: ['recommended'], policies }],
};
const dirs = Object.fromEntries(
  Object.entries(configs).map(([name, config]) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'otalint-bench-policies-'));
    writeFileSync(path.join(dir, '.otalintrc.json'), JSON.stringify(config));
    writeFileSync(path.join(dir, 'update.json'), JSON.stringify(request, null, 2));
    return [name, dir];
  }),
);

const median = (list) => {
  const sorted = [...list].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function once(dir) {
  const start = process.hrtime.bigint();
  const args = dir === undefined ? ['-e', '0'] : [bin, 'update.json'];
  const result = spawnSync(process.execPath, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0) throw new Error(`otalint exited ${result.status} in ${dir}: ${result.stdout}${result.stderr}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

// `node -e 0` (no dir) is the floor: on a busy machine every figure grows, the ratios less so.
const spawned = { 'node -e 0': undefined, ...dirs };
const times = Object.fromEntries(Object.keys(spawned).map((name) => [name, []]));
for (const dir of Object.values(spawned)) for (let i = 0; i < 3; i++) once(dir);
for (let i = 0; i < runs; i++) for (const [name, dir] of Object.entries(spawned)) times[name].push(once(dir));

console.log(`node ${process.version}; ${policies.length} policies from docs/policies.md`);
console.log(`\nstart-up, otalint update.json (median of ${runs} runs each, interleaved, after 3 warm-up runs):`);
const width = Math.max(...Object.keys(dirs).map((name) => name.length));
const floor = median(times['node -e 0']);
for (const [name, list] of Object.entries(times))
  console.log(`  ${name.padEnd(width)}  ${median(list).toFixed(1).padStart(7)} ms  ${(median(list) / floor).toFixed(2)}x node -e 0`);
const [plain, withPolicies] = Object.keys(dirs).map((name) => median(times[name]));
console.log(
  `  ${'policies add'.padEnd(width)}  ${(withPolicies - plain).toFixed(1).padStart(7)} ms  ${((withPolicies - plain) / floor).toFixed(2)}x node -e 0`,
);

const text = JSON.stringify(request, null, 2);
const linters = {};
console.log(`\nin process: config load (first in this process), then ${requestCount} lints of the same clean request, 5 interleaved rounds:`);
for (const [name, dir] of Object.entries(dirs)) {
  const start = process.hrtime.bigint();
  linters[name] = { linter: await Linter.create({ cwd: dir, builtins: plugin }), file: path.join(dir, 'update.json'), rates: [] };
  console.log(`  ${name.padEnd(width)}  config load ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(1)} ms`);
}
for (const { linter, file } of Object.values(linters)) for (let i = 0; i < 200; i++) linter.lintText(text, file);
for (let round = 0; round < 5; round++) {
  for (const entry of Object.values(linters)) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < requestCount; i++) entry.linter.lintText(text, entry.file);
    entry.rates.push(requestCount / (Number(process.hrtime.bigint() - start) / 1e9));
  }
}
for (const [name, { rates }] of Object.entries(linters)) console.log(`  ${name.padEnd(width)}  ${median(rates).toFixed(0)} requests/s (median round)`);
