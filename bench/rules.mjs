#!/usr/bin/env node
// What each built-in rule costs per request: the generated requests (bench/requests.mjs, one in
// five with a mistake) read once, then every rule of the preset run on each request as the engine
// runs them (selections shared per request), each `check` timed. Reports are counted, not placed
// in the file, so this is the rules' own cost; `OTALINT_TIMING=1 otalint ...` gives the same
// figures with the placing of findings and the rest of a lint around them.
//
// Each sample is a fresh Node process that loads this checkout's build and `--before`'s (another
// checkout, built) side by side: the first pass of each over the requests is its "cold" figure
// (a run of many files is mostly cold JIT: it counts as much as the later passes; which build goes
// first alternates between processes), then after `--warm-up` passes each the builds take turns,
// `--passes` rounds, and a rule's "warm" figure is the least of its rounds. Time other processes
// took from this one is not the rule's: each pass's figures are scaled by the thread's share of
// the CPU over the pass (from /proc/thread-self/schedstat). Medians over the processes, in µs of
// CPU per request.
//
//   node bench/rules.mjs [--requests 10000] [--runs 5] [--warm-up 1] [--passes 5] [--top 30]
//                        [--preset recommended] [--rules id,id] [--before /path/to/other/checkout]
//   (--rules: only these rules run, for a closer look at a few)
//   (--allocations: also the bytes the rules allocate per request, cold and warm, counted as the
//    heap's growth over a pass in processes whose young generation holds a whole pass, so no
//    garbage is collected during one: a figure no other process on the machine can move)
//   (after `node scripts/build.mjs` in each checkout)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { median } from './lib/measure.mjs';

const here = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '5' },
    'warm-up': { type: 'string', default: '1' },
    passes: { type: 'string', default: '5' },
    top: { type: 'string', default: '30' },
    preset: { type: 'string', default: 'recommended' },
    rules: { type: 'string' },
    before: { type: 'string' },
    allocations: { type: 'boolean', default: false },
    child: { type: 'string' },
  },
});
const count = Number(values.requests);
/** With --allocations: a young generation larger than what one pass allocates. */
const SEMI_SPACE_MB = 1024;
const builds = { after: here, ...(values.before ? { before: path.resolve(values.before) } : {}) };

if (values.child !== undefined) {
  process.stdout.write(JSON.stringify(await sample(Number(values.child))));
} else {
  const load = loadavg()[0];
  const samples = [];
  for (let run = 0; run < Number(values.runs); run++) {
    const heap = values.allocations ? [`--max-semi-space-size=${SEMI_SPACE_MB}`, `--min-semi-space-size=${SEMI_SPACE_MB}`] : [];
    const child = spawnSync(process.execPath, [...heap, fileURLToPath(import.meta.url), ...process.argv.slice(2), '--child', String(run)], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    if (child.status !== 0) throw new Error(`sample ${run} failed:\n${child.stderr}`);
    samples.push(JSON.parse(child.stdout));
  }
  report(samples, load);
}

/** One process: every build's rules over the requests, cold then warm, in turns. */
async function sample(run) {
  const { request } = await import(pathToFileURL(path.join(here, 'bench/requests.mjs')).href);
  const cwd = mkdtempSync(path.join(tmpdir(), 'otalint-bench-rules-'));
  writeFileSync(path.join(cwd, '.otalintrc.json'), JSON.stringify([{ extends: [values.preset] }]));
  const texts = Array.from({ length: count }, (_, i) => `${JSON.stringify(request(i), null, 2)}\n`);
  const runners = {};
  for (const [name, root] of Object.entries(builds)) runners[name] = await runner(root, cwd, texts);
  rmSync(cwd, { recursive: true, force: true });
  const names = Object.keys(runners);
  if (run % 2 === 1) names.reverse();
  const out = Object.fromEntries(names.map((name) => [name, { cold: runners[name]() }]));
  for (let i = 0; i < Number(values['warm-up']); i++) for (const name of names) runners[name]();
  const rounds = Object.fromEntries(names.map((name) => [name, []]));
  for (let i = 0; i < Number(values.passes); i++) for (const name of names) rounds[name].push(runners[name]());
  for (const name of names) {
    const least = (pick) => Math.min(...rounds[name].map(pick));
    const ids = Object.keys(out[name].cold.byRule);
    out[name].warm = {
      rules: least((pass) => pass.rules),
      overhead: least((pass) => pass.overhead),
      byRule: Object.fromEntries(ids.map((id) => [id, least((pass) => pass.byRule[id])])),
      reports: rounds[name][0].reports,
    };
  }
  return out;
}

/** A pass of one build's rules over the requests, as the engine runs them on one request at a time. */
async function runner(root, cwd, texts) {
  const load = (file) => import(pathToFileURL(path.join(root, file)).href);
  const { createLinter } = await load('packages/cli/dist/lint-run.js');
  const { withSharedSelections } = await load('packages/core/dist/util/select.js');
  // A rule's `meta.needs` skips it on requests without them, as the engine does (a build from before needs: none skipped).
  const needsModule = await load('packages/core/dist/rules/rule-needs.js').catch(() => undefined);
  const { deviceProfile, DEFAULT_DEVICE_PROFILE } = await load('packages/core/dist/engine.js');
  const linter = await createLinter({ cwd });
  const only = values.rules?.split(',');
  // A source rule's findings come from the reader: a build whose engine never calls its check leaves it out here too.
  const { checksNothing } = await load('packages/core/dist/rules/define-rule.js');
  const active = linter.config
    .rulesFor(path.join(cwd, 'r/req.json'))
    .filter(
      (rule) => typeof rule.rule.check === 'function' && rule.rule.check !== checksNothing && !rule.id.includes('/') && (!only || only.includes(rule.id)),
    );
  const device = deviceProfile(DEFAULT_DEVICE_PROFILE);
  const localFiles = { firmwareFor: () => undefined, certificateFor: () => undefined };
  const requests = texts.map((text, i) => linter.read(text, `r/req-${i}.json`).requests[0]);
  // The timer's own cost per rule call, measured on a check that does nothing and taken off each rule.
  const nothing = { id: '(timer)', rule: { meta: {}, check: () => undefined }, options: undefined };
  active.push(nothing);
  const needsOf = needsFor(needsModule, active);
  const spent = new Float64Array(active.length);
  let reports = 0;
  const report = () => reports++;
  // Timed in ms, or with --allocations counted in bytes the heap grew by.
  const reading = values.allocations ? heapBytes : () => performance.now();
  return () => {
    spent.fill(0);
    reports = 0;
    const youngBefore = youngUsed();
    const cpuBefore = threadCpuMs();
    const started = performance.now();
    for (const request of requests) {
      const context = {
        request: request.value,
        format: request.format,
        filePath: 'r/req.json',
        requestIndex: request.index,
        device,
        localFiles,
        sourceText: (at) => request.sourceText(at),
        blobInput: (at) => request.blobInput?.(at),
        report,
        options: undefined,
      };
      const needs = needsOf(request.value, !request.hasUnknowns);
      withSharedSelections(() => {
        for (let i = 0; i < active.length; i++) {
          // One context per request, its options set for each rule: the harness makes no garbage
          // for the rules' time to pay for.
          context.options = active[i].options;
          const before = reading();
          if (needs.met(i)) active[i].rule.check(context);
          spent[i] += reading() - before;
        }
      }, !request.hasUnknowns);
    }
    // On a busy machine, time other processes took lands on whatever ran then: each rule's time
    // is scaled by this thread's share of the CPU over the pass. Bytes are what they are, unless
    // garbage was collected during the pass (then they are unknown).
    const share = values.allocations ? (youngUsed() >= youngBefore ? 1 : Number.NaN) : Math.min(1, (threadCpuMs() - cpuBefore) / (performance.now() - started));
    const overhead = spent[active.length - 1];
    const rules = active.slice(0, -1);
    const byRule = Object.fromEntries(rules.map((rule, i) => [rule.id, Math.max(0, spent[i] - overhead) * share]));
    return { rules: Object.values(byRule).reduce((a, b) => a + b, 0), byRule, overhead: overhead * share, reports };
  };
}

/** The heap in use, in bytes. */
function heapBytes() {
  return getHeapStatistics().used_heap_size;
}

/** Bytes in use in the young generation: less after a pass than before it when garbage was collected during it. */
function youngUsed() {
  return getHeapSpaceStatistics().find((space) => space.space_name === 'new_space').space_used_size;
}

/**
 * Per request, whether the rule at an index of `active` may find something, as the build's engine
 * decides: with a `NeedsIndex` (numbered patterns), with a `RequestNeeds` of the request alone
 * (patterns as strings), or, in a build without `meta.needs`, every rule on every request.
 */
function needsFor(module, active) {
  if (module?.NeedsIndex) {
    const index = new module.NeedsIndex();
    const numbers = active.map((rule) => index.numbers(rule.rule.meta.needs));
    return (value, known) => {
      // `known` (a request without unknowns, as every generated one is), as the engine passes it; a build before it takes no second argument.
      const needs = index.forRequest(value, known);
      return { met: (i) => needs.met(numbers[i]) };
    };
  }
  if (module?.RequestNeeds) {
    return (value) => {
      const needs = new module.RequestNeeds(value);
      return { met: (i) => needs.met(active[i].rule.meta.needs) };
    };
  }
  return () => ({ met: () => true });
}

/** CPU time of this thread (not GC helper threads, not other processes), from the scheduler's own count. */
function threadCpuMs() {
  return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
}

function report(samples, load) {
  const names = Object.keys(builds);
  // Per request: µs of CPU, or with --allocations bytes.
  const perRequest = (figure) => (values.allocations ? figure : figure * 1000) / count;
  const figure = (name, phase, pick) => perRequest(median(samples.map((s) => pick(s[name][phase]))));
  const reports = names.map((name) => `${name} ${samples[0][name].warm.reports}`).join(', ');
  console.log(
    `${count} generated requests, preset ${values.preset}, ${values.runs} processes, each: every build cold, ${values['warm-up']} warm-up, ${values.passes} warm rounds in turns; load ${load.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at end; reports per pass: ${reports}`,
  );
  const unit = values.allocations ? 'bytes' : 'µs';
  const overhead = names.map((name) => `${name} ${figure(name, 'warm', (pass) => pass.overhead).toFixed(2)}`).join(', ');
  console.log(
    values.allocations
      ? `bytes allocated per request (the heap's growth, no garbage collected during a pass: n/a when one was), medians over the processes; cold: a build's first pass, warm: a rule's least over the rounds; the reading's own bytes per rule call (${overhead} ${unit} warm) taken off\n`
      : `µs of CPU per request, medians over the processes; cold: a build's first pass, warm: a rule's least over the rounds; the timer's own cost per rule call (${overhead} ${unit} warm) taken off\n`,
  );
  const columns = names.flatMap((name) => [`${name} cold`, `${name} warm`]);
  const ids = Object.keys(samples[0][names[0]].cold.byRule);
  const cells = (pick) => names.flatMap((name) => ['cold', 'warm'].map((phase) => figure(name, phase, pick)));
  const rows = ids.map((id) => [id, ...cells((pass) => pass.byRule[id] ?? 0)]);
  rows.sort((a, b) => b[1] + b[2] - (a[1] + a[2]));
  const width = Math.max(...ids.map((id) => id.length));
  const shown = (cell) => (Number.isNaN(cell) ? 'n/a' : cell.toFixed(values.allocations ? 0 : 2));
  const line = (row) => row.map((cell, i) => (i === 0 ? cell.padEnd(width) : (typeof cell === 'number' ? shown(cell) : cell).padStart(12))).join(' ');
  console.log(line(['', ...columns]));
  console.log(line(['all rules', ...cells((pass) => pass.rules)]));

  for (const row of rows.slice(0, Number(values.top))) console.log(line(row));
}
