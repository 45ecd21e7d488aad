import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { AUTO, chooseThreads, parseConcurrency } from '../src/threads/concurrency.js';
import { badRequest, goodRequest, json } from './helpers/ci-project.js';
import { REPO_ROOT, runCli, tempProject, type CliRun } from './helpers/run-cli.js';

const test = suite('--concurrency: lint threads give the report one thread gives');

/** Every file on the workers (this thread lints only what they leave): so that the workers lint. */
const WORKERS_ONLY = { OTALINT_TEST_THREADS: 'workers-only' };

/** Every format at once: standard output gets JSON, the others go to files read back after the run. */
const FORMATS = ['-f', 'json', '-f', 'sarif:out/report.sarif', '-f', 'junit:out/report.xml', '-f', 'github:out/github.txt', '-f', 'stylish:out/stylish.txt'];

function reports(cwd: string, run: CliRun): Record<string, string | number | null> {
  const out = path.join(cwd, 'out');
  const files = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(path.join(out, name), 'utf8')]));
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, ...files };
}

/** A project of `count` requests: some bad, ids taken twice across files, a suppression used and one unused. */
function generatedProject(count: number): string {
  const files: Record<string, string> = {
    '.otalintrc.json': json([
      { extends: ['recommended'] },
      {
        suppressions: [
          { files: ['requests/r-0007.json'], path: '/otaUpdateId', rule: 'aws-api-model', reason: 'a legacy id (TICKET-1)' },
          { files: ['requests/none-*.json'], path: '', rule: 'aws-api-model', reason: 'files that are not there' },
          { files: ['requests/r-001*.json'], path: '/roleArn', rule: 'role-arn-format', reason: 'applies, waives nothing' },
        ],
      },
    ]),
  };
  for (let i = 0; i < count; i++) {
    const request = i % 5 === 2 ? badRequest() : goodRequest();
    // Every 40th id is taken again by the next file: otaupdate-id-unique looks across files.
    request.otaUpdateId = i % 5 === 2 ? `bad id ${i}!` : `fw-${i - (i % 40 === 1 ? 1 : 0)}`;
    files[`requests/r-${String(i).padStart(4, '0')}.json`] = json(request);
  }
  files['requests/notes.json'] = json({ locale: 'en', hello: 'world' });
  files['requests/broken.json'] = '{ "otaUpdateId": "x", ';
  return tempProject(files);
}

test('the fixtures: every format byte for byte, one thread against two and three, every file on the workers', () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'otalint-threads-'));
  cpSync(path.join(REPO_ROOT, 'fixtures'), path.join(cwd, 'fixtures'), { recursive: true });
  const one = reports(cwd, runCli(['fixtures', ...FORMATS, '--concurrency', 'off'], { cwd }));
  assert.equal(one.status, 1);
  assert.ok((one.stdout as string).length > 10_000);
  for (const threads of ['2', '3']) {
    assert.deepEqual(reports(cwd, runCli(['fixtures', ...FORMATS, '--concurrency', threads], { cwd, env: WORKERS_ONLY })), one, `--concurrency ${threads}`);
  }
});

test('a generated folder: run rules across files, suppressions used and unused, baselines; this thread and a worker sharing the files', () => {
  const cwd = generatedProject(1200);
  const one = reports(cwd, runCli(['requests', ...FORMATS, '--concurrency', 'off'], { cwd }));
  assert.match(one.stdout as string, /otaupdate-id-unique/);
  assert.match(one.stdout as string, /unused-suppression/);
  assert.match(one.stdout as string, /"suppressedMessages"/);
  assert.match(one.stdout as string, /syntax-error/);
  assert.equal(one.status, 1);
  assert.deepEqual(reports(cwd, runCli(['requests', ...FORMATS, '--concurrency', '2'], { cwd })), one, 'this thread and a worker');
  assert.deepEqual(reports(cwd, runCli(['requests', ...FORMATS, '--concurrency', '2'], { cwd, env: WORKERS_ONLY })), one, 'a worker alone');

  const create = (threads: string, env = {}) => {
    const run = runCli(['requests', '-f', 'json', '--baseline-create', 'baseline.json', '--concurrency', threads], { cwd, env });
    return { ...run, baseline: readFileSync(path.join(cwd, 'baseline.json'), 'utf8') };
  };
  const created = create('2', WORKERS_ONLY);
  assert.deepEqual(create('off'), created);
  const baseline = ['requests', '-f', 'json', '--baseline', 'baseline.json'];
  const adopted = runCli([...baseline, '--concurrency', 'off'], { cwd });
  assert.deepEqual(runCli([...baseline, '--concurrency', '2'], { cwd, env: WORKERS_ONLY }), adopted);
});

test('--fix and --fix-dry-run: the same files written, the same diffs, the same report', () => {
  const fixable = (id: string) =>
    `otaUpdateId: ${id}\ntargets: [arn:aws:iot:us-east-1:123456789012:thing/d1]\nprotocols: [MQTT, MQTT]\nfiles:\n  - fileName: fw.bin\n    fileLocation: { stream: { streamId: s1, fileId: 0 } }\n    codeSigning: { awsSignerJobId: job-1 }\nroleArn: arn:aws:iam::123456789012:role/ota\n`;
  const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`ota/u-${i}.yaml`, fixable(`fw-${i % 20}`)]));
  const [a, b] = [tempProject(files), tempProject(files)];
  const dryOne = runCli(['ota', '--fix-dry-run', '-f', 'json', '--concurrency', 'off'], { cwd: a });
  assert.match(dryOne.stderr, /^\+\+\+ /m, 'the dry run shows diffs');
  assert.deepEqual(runCli(['ota', '--fix-dry-run', '-f', 'json', '--concurrency', '2'], { cwd: b, env: WORKERS_ONLY }), dryOne);
  const one = runCli(['ota', '--fix', '-f', 'json', '--concurrency', 'off'], { cwd: a });
  assert.match(one.stdout, /"output"/);
  assert.deepEqual(runCli(['ota', '--fix', '-f', 'json', '--concurrency', '2'], { cwd: b, env: WORKERS_ONLY }), one);
  for (const name of Object.keys(files)) {
    assert.notEqual(readFileSync(path.join(a, name), 'utf8'), files[name], `${name} was fixed`);
    assert.equal(readFileSync(path.join(b, name), 'utf8'), readFileSync(path.join(a, name), 'utf8'), name);
  }
});

test('--cache: the cache a threaded run writes is the one-thread run cache, and a threaded run reads it', () => {
  const [a, b] = [generatedProject(200), generatedProject(200)];
  const args = ['requests', '-f', 'json', '--cache'];
  const one = runCli([...args, '--concurrency', 'off'], { cwd: a });
  assert.deepEqual(runCli([...args, '--concurrency', '2'], { cwd: b, env: WORKERS_ONLY }), one);
  const cacheOf = (cwd: string) => readFileSync(path.join(cwd, '.otalint/cache.json'), 'utf8');
  assert.equal(cacheOf(b), cacheOf(a));
  // The cached messages rewritten: a run that shows the rewritten text read the cache.
  writeFileSync(path.join(b, '.otalint/cache.json'), cacheOf(b).replaceAll('Missing required member', 'FROM THE CACHE'));
  const cached = runCli([...args, '--concurrency', '2'], { cwd: b, env: WORKERS_ONLY });
  assert.match(cached.stdout, /FROM THE CACHE/);
  assert.equal(cached.status, one.status);
});

/** A plugin whose rule reports which request it saw and leaves a mark when it runs in a worker. */
const PLUGIN = (prelude: string, check: string) => `import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';
${prelude}
export default {
  meta: { name: 'threads', version: '1.0.0' },
  rules: {
    seen: {
      meta: { id: 'seen', description: 'Seen.', defaultSeverity: 'warning', category: 'test', certainty: 'documented', unknownValues: 'checked', messages: { seen: 'linted {{id}}' } },
      docsUrl: 'https://example.invalid/seen',
      defaultOptions: {},
      check(context) {
        const id = String(context.request.otaUpdateId);
        ${check}
        context.report({ path: ['otaUpdateId'], messageId: 'seen', data: { id } });
      },
    },
  },
};
`;
const PLUGIN_CONFIG = `import threads from './threads.mjs';\nexport default [{ rules: { 'aws-api-model': 'error' } }, { plugins: { threads }, rules: { 'threads/seen': 'warn' } }];\n`;

function pluginProject(plugin: string, count = 12): string {
  const files: Record<string, string> = { 'otalint.config.mjs': PLUGIN_CONFIG, 'threads.mjs': plugin };
  for (let i = 0; i < count; i++) files[`ota/u-${i}.json`] = json({ ...goodRequest(), otaUpdateId: `fw-${i}` });
  return tempProject(files);
}

test("a plugin's rule runs in the workers, loaded there from the config; the workers run the bundle", () => {
  const cwd = pluginProject(PLUGIN('', `if (!isMainThread) writeFileSync('in-worker-' + id, new Error().stack);`));
  const one = runCli(['ota', '-f', 'json', '--concurrency', 'off'], { cwd });
  assert.match(one.stdout, /linted fw-11/);
  assert.deepEqual(runCli(['ota', '-f', 'json', '--concurrency', '2'], { cwd, env: WORKERS_ONLY }), one);
  for (let i = 0; i < 12; i++) assert.ok(existsSync(path.join(cwd, `in-worker-fw-${i}`)), `fw-${i} was linted in a worker`);
  assert.match(readFileSync(path.join(cwd, 'in-worker-fw-0'), 'utf8'), /packages\/cli\/dist\/otalint\.cjs:/, 'called from the bundle');
});

test('a plugin that cannot load in a worker: a note, and the run lints on this thread with the same report', () => {
  const cwd = pluginProject(PLUGIN(`if (!isMainThread) throw new Error('this plugin loads on the main thread only');`, ''));
  const one = runCli(['ota', '-f', 'json', '--concurrency', 'off'], { cwd });
  const threaded = runCli(['ota', '-f', 'json', '--concurrency', '2'], { cwd, env: WORKERS_ONLY });
  assert.equal(threaded.stdout, one.stdout);
  assert.equal(threaded.status, one.status);
  assert.match(
    threaded.stderr,
    /a lint thread could not load the config or its plugins \(.*this plugin loads on the main thread only\); its share is linted on the other threads/,
  );
});

test("an error thrown from a rule's timer on this thread: exit 2 (not 1, which reads as lint errors), and what was thrown", () => {
  const cwd = pluginProject(PLUGIN('', `if (id === 'fw-3') setTimeout(() => { throw new Error('late boom'); }, 0);`));
  const run = runCli(['ota', '-f', 'json', '--concurrency', 'off'], { cwd });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^otalint: internal error: an error escaped a callback, from a plugin's timer or promise or from otalint itself: late boom\n/);
  assert.match(run.stderr, /The run failed before its report was written \(exit 2\)\./);
});

test('a worker that stops (a plugin calls process.exit): exit 3, its file reported as not linted, every other file linted', () => {
  const cwd = pluginProject(PLUGIN('', `if (!isMainThread) process.exit(5);`));
  const run = runCli(['ota', '-f', 'json', '--concurrency', '2'], { cwd, env: WORKERS_ONLY });
  assert.equal(run.status, 3);
  assert.match(run.stderr, /a lint thread stopped \(a rule or plugin ended it \(exit code 5\)\); the files it held are reported as not linted/);
  const results = (JSON.parse(run.stdout) as { results: Array<{ filePath: string; messages: Array<{ ruleId: string; message: string }> }> }).results;
  assert.equal(results.length, 12, 'every file is in the report');
  const lost = results.filter((result) => result.messages.some((m) => m.ruleId === 'internal-error'));
  assert.equal(lost.length, 1, 'the worker took one file before it stopped');
  assert.match(
    lost[0]!.messages[0]!.message,
    /^Not linted: the lint thread that took this file stopped \(a rule or plugin ended it \(exit code 5\)\)\. Run otalint --concurrency off/,
  );
  for (const result of results.filter((r) => !lost.includes(r))) assert.match(result.messages[0]!.message, /^linted fw-/);
});

test('OTALINT_TIMING counts the rules of every thread', () => {
  const cwd = pluginProject(PLUGIN('', ''));
  const rows = (run: CliRun) =>
    run.stderr
      .split('\n')
      .filter((line) => /^\S+ +\d+\.\d +\d+\.\d% +\d+$/.test(line))
      .map((line) => line.split(/ +/))
      .map((cells) => `${cells[0]} ${cells[3]}`)
      .sort();
  const one = rows(runCli(['ota', '-f', 'json', '--concurrency', 'off'], { cwd, env: { OTALINT_TIMING: 'all' } }));
  assert.ok(one.includes('threads/seen 12'), one.join('\n'));
  assert.deepEqual(rows(runCli(['ota', '-f', 'json', '--concurrency', '2'], { cwd, env: { OTALINT_TIMING: 'all', ...WORKERS_ONLY } })), one);
});

test('auto lints a small run on this thread; --debug says how many threads linted', () => {
  const cwd = pluginProject(PLUGIN('', ''), 3);
  const small = runCli(['ota', '--concurrency', 'auto', '--debug', '-f', 'json'], { cwd });
  assert.match(small.stderr, new RegExp(`^otalint: linted 3 files on 1 thread \\(auto: 3 files, fewer than ${AUTO.minFiles}\\)\\.$`, 'm'));
  assert.match(runCli(['ota', '--debug', '-f', 'json'], { cwd }).stderr, /on 1 thread \(auto: 3 files/, 'auto is the default');
  assert.match(runCli(['ota', '--concurrency', '2', '--debug', '-f', 'json'], { cwd }).stderr, /^otalint: linted 3 files on 2 threads \(--concurrency 2\)\.$/m);
  assert.match(
    runCli(['ota', '--concurrency', '8', '--debug', '-f', 'json'], { cwd }).stderr,
    /on 3 threads \(--concurrency 8, 3 files\)/,
    'never more threads than files',
  );
});

test('auto: threads by the bytes to lint, at most the cores; one thread below the file count', () => {
  const files = (count: number) => Array.from({ length: count }, (_, i) => `f${i}.json`);
  const machine = (cores: number, size: number) => ({ cores, sizeOf: () => size * 1000 });
  assert.equal(chooseThreads('auto', files(AUTO.minFiles - 1), '.', machine(8, 1000)).threads, 1, 'big files, but few');
  assert.equal(chooseThreads('auto', files(AUTO.minFiles), '.', machine(8, 1)).threads, 1, 'enough files, too few bytes');
  const large = files(50_000);
  assert.equal(chooseThreads('auto', large, '.', machine(2, 1.65)).threads, 2);
  assert.deepEqual(chooseThreads('auto', large, '.', machine(2, 1.65)), {
    threads: 2,
    reason: `auto: 50000 files, about 82.5 MB (the sizes of ${AUTO.sampledFiles} of them), 2 cores`,
  });
  assert.equal(chooseThreads('auto', files(10_000), '.', machine(2, 1.65)).threads, 1, 'the 10,000 requests of bench/peers.mjs: 16.5 MB');
  assert.equal(chooseThreads('auto', large, '.', machine(1, 1.65)).threads, 1, 'one core');
  assert.equal(chooseThreads('auto', large, '.', machine(64, 1.65)).threads, Math.floor((50_000 * 1650) / AUTO.bytesPerThread));
  assert.equal(chooseThreads('off', large, '.', machine(2, 1.65)).threads, 1);
  assert.equal(chooseThreads(4, files(3), '.', machine(2, 1)).threads, 3, 'a number is taken as given, never more than the files');
});

test('auto asks the sizes of a bounded, evenly spread sample of the files, the same on every run', () => {
  const files = Array.from({ length: 50_000 }, (_, i) => `requests/r-${i}.json`);
  const asked: string[] = [];
  // The second half of the run is ten times larger: a sample from the start alone would say one thread.
  const sizeOf = (file: string) => (asked.push(file), Number(/\d+/.exec(file)![0]) < 25_000 ? 200 : 2000);
  const choice = chooseThreads('auto', files, '.', { cores: 2, sizeOf });
  assert.equal(asked.length, AUTO.sampledFiles);
  assert.equal(new Set(asked).size, asked.length, 'no file asked twice');
  assert.equal(choice.threads, 2, 'about 55 MB: two threads');
  assert.match(choice.reason, /about 55\.0 MB/);
  const again: string[] = [];
  chooseThreads('auto', files, '.', { cores: 2, sizeOf: (file) => (again.push(file), 1) });
  assert.deepEqual(again, asked);
});

test('--concurrency takes off, auto or 1..64; 1 is off', () => {
  assert.equal(parseConcurrency('1'), 'off');
  assert.equal(parseConcurrency('4'), 4);
  assert.equal(parseConcurrency(undefined), 'auto');
  for (const bad of ['0', 'many', '65', '1.5']) {
    const run = runCli(['--concurrency', bad, 'fixtures/good']);
    assert.equal(run.status, 2, bad);
    assert.match(run.stderr, /--concurrency takes off, auto or a number of threads from 1 to 64, got/);
  }
});

test('standard input lints on this thread whatever --concurrency says', () => {
  const run = runCli(['--stdin', '--concurrency', '4', '-f', 'json', '--debug'], { input: json(badRequest()) });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /aws-api-model/);
});

test.run();
