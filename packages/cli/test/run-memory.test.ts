import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { runPipeline } from '../src/pipeline.js';
import { lintDiscoveredFile, type FileStep } from '../src/lint-file.js';
import { createLinter } from '../src/lint-run.js';
import { badRequest, ciProject, goodRequest, json } from './helpers/ci-project.js';

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

test.run();
