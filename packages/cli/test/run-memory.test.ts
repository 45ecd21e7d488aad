import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { runPipeline } from '../src/pipeline.js';
import { keptFiles, lintDiscoveredFile, type FileStep } from '../src/lint-file.js';
import { createLinter } from '../src/lint-run.js';
import { badRequest, ciProject, goodRequest, json } from './helpers/ci-project.js';
import { REPO_ROOT, runCli, tempProject } from './helpers/run-cli.js';

const test = suite('lint: what a run keeps of each file until its report is written');

function project(): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < 6; i++) files[`requests/r-${i}.json`] = json(i % 2 ? badRequest() : { ...goodRequest(), otaUpdateId: `fw-${i}` });
  return ciProject(files);
}

test("a run's result holds the files' results and how many threads linted, not what linting each file gathered", async () => {
  const cwd = project();
  const run = await runPipeline({
    cwd,
    input: { patterns: ['requests'], discovery: {} },
    toolVersion: '0.0.0',
    reportOnly: true,
    stderr: () => {},
    concurrency: 'off',
  });
  assert.deepEqual(Object.keys(run).sort(), ['ignoredExplicit', 'linter', 'results', 'threads']);
  assert.equal(run.results.length, 6);
  assert.deepEqual(
    run.results.map((result) => result.errorCount),
    [0, 2, 0, 2, 0, 2],
  );
});

test('files that used no config suppression share one empty list of them; the run’s own thread keeps none', async () => {
  const cwd = project();
  const linter = await createLinter({ cwd });
  const here: FileStep = { linter, cwd, retain: true };
  const lint = (step: FileStep) => Promise.all(['requests/r-0.json', 'requests/r-1.json'].map((file) => lintDiscoveredFile(step, file, true)));
  const [first, second] = await lint({ ...here, reportsUsage: true });
  assert.deepEqual(first!.used, []);
  assert.equal(first!.used, second!.used);
  assert.deepEqual(Object.keys(first!), ['result', 'used']);
  const [own] = await lint(here);
  assert.deepEqual(Object.keys(own!), ['result'], 'this thread recorded what its files used as it linted them');
});

test("a run keeps each linted file's result itself, not the object linting it handed back around it; a file a folder passed over leaves no hole", async () => {
  const cwd = project();
  const linter = await createLinter({ cwd });
  const step: FileStep = { linter, cwd, retain: true, reportsUsage: true };
  const linted = await Promise.all(['requests/r-0.json', 'requests/r-1.json'].map((file) => lintDiscoveredFile(step, file, true)));
  const kept = keptFiles();
  kept.take(linted[0]);
  kept.take(undefined);
  kept.take({ ...linted[1]!, diff: 'a diff' });
  assert.equal(kept.files.results.length, 2);
  assert.equal(kept.files.results[0], linted[0]!.result);
  assert.equal(kept.files.results[1], linted[1]!.result);
  assert.deepEqual(kept.files.diffs, ['a diff']);
});

const RECORD_V8_FLAGS = path.join(REPO_ROOT, 'packages/cli/test/support/record-v8-flags.cjs');

/** The V8 flags a run of the built binary sets (test/support/record-v8-flags.cjs), without its code caches (bin/v8-flags.cjs puts the flags back around them: bundle.test.ts). */
function v8FlagsSetBy(args: string[], cwd: string, nodeOptions = ''): string[] {
  const record = path.join(cwd, `v8-flags-${Math.random().toString(36).slice(2)}.txt`);
  const run = runCli(args, {
    cwd,
    env: { OTALINT_RECORD_V8_FLAGS: record, NODE_OPTIONS: `${nodeOptions} --require ${RECORD_V8_FLAGS}`, NODE_DISABLE_COMPILE_CACHE: '1' },
  });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n') : [];
}

test("a run that walks a folder or a glob keeps this thread's young generation as V8 started it; named files, and a heap the user sized, are left alone", () => {
  const cwd = project();
  assert.deepEqual(v8FlagsSetBy(['requests', '-f', 'json'], cwd), ['--semi-space-growth-factor=1']);
  assert.deepEqual(v8FlagsSetBy(['requests/*.json', '-f', 'json'], cwd), ['--semi-space-growth-factor=1']);
  assert.deepEqual(v8FlagsSetBy(['requests/r-0.json', 'requests/r-1.json', '-f', 'json'], cwd), []);
  assert.deepEqual(v8FlagsSetBy(['requests', '-f', 'json'], cwd, '--max-semi-space-size=8'), []);
});

/**
 * A plugin rule that writes, from the run's own thread, how many turns its event loop has taken
 * (a ticker it starts when the config loads) as each file is linted, and from a lint thread, the
 * young generation the thread was given.
 */
const TICKS_PLUGIN = `import { appendFileSync, writeFileSync } from 'node:fs';
import { isMainThread, resourceLimits } from 'node:worker_threads';
let ticks = 0;
const tick = () => { ticks += 1; setImmediate(tick).unref(); };
if (isMainThread) setImmediate(tick).unref();
export default {
  meta: { name: 'ticks', version: '1.0.0' },
  rules: {
    count: {
      meta: { id: 'count', description: 'Counts.', defaultSeverity: 'warning', category: 'test', certainty: 'documented', unknownValues: 'checked', messages: { m: 'm' } },
      docsUrl: 'https://example.invalid/count',
      defaultOptions: {},
      check() {
        if (isMainThread) appendFileSync('main-ticks.txt', ticks + '\\n');
        else writeFileSync('thread-young-generation.txt', String(resourceLimits.maxYoungGenerationSizeMb));
      },
    },
  },
};
`;

test("with lint threads, the run's own thread takes in what they send while it lints (not after its share); each thread's young generation is limited", () => {
  const files: Record<string, string> = {
    'ticks.mjs': TICKS_PLUGIN,
    'otalint.config.mjs': "import ticks from './ticks.mjs';\nexport default [{ plugins: { ticks }, rules: { 'ticks/count': 'warn' } }];\n",
  };
  for (let i = 0; i < 600; i++) files[`requests/r-${i}.json`] = json({ ...goodRequest(), otaUpdateId: `fw-${i}` });
  const cwd = tempProject(files);
  const run = runCli(['requests', '-f', 'json', '--concurrency', '2'], { cwd });
  assert.equal(run.status, 0, run.stderr);
  const ticks = readFileSync(path.join(cwd, 'main-ticks.txt'), 'utf8').trim().split('\n').map(Number);
  assert.ok(ticks.length > 64, `this thread linted ${ticks.length} files`);
  assert.ok(ticks.at(-1)! > ticks[0]!, `the event loop turned while this thread linted (${ticks[0]} at its first file, ${ticks.at(-1)} at its last)`);
  assert.equal(readFileSync(path.join(cwd, 'thread-young-generation.txt'), 'utf8'), '3');
});

test.run();
