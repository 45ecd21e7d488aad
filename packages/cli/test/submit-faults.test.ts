import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { suite } from 'uvu';
import { TEST_CREDENTIALS, startFakeIot, type FakeIot, type FakeIotOptions } from './support/fake-iot.js';
import { BIN, REPO_ROOT, isolatedAwsEnv, runOtalint, submitProject, type BinRun } from './support/run-bin.js';

const CONTENDER = path.join(REPO_ROOT, 'packages/cli/test/support/lock-contender.ts');

// submit under faults: many processes at once, kills at random moments, and each server fault of
// issue 12. The figure that matters is CreateOTAUpdate calls per otaUpdateId that reached the
// service (past authentication and throttling; a call whose sender was killed before the service
// took it does not count): always 1.

const test = suite('otalint submit under faults (built binary, fake IoT endpoint)');
let iot: FakeIot;
const start = async (options: FakeIotOptions = {}) => (iot = await startFakeIot(options));
test.after.each(async () => {
  await iot?.close();
});

const GOOD = ['garage-fw-1-4-2', 'kitchen-fw-1-4-2', 'porch-fw-1-4-2'];
const submit = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}, url = iot.url) =>
  runOtalint(['submit', ...args, '--endpoint-url', url], { cwd, env: isolatedAwsEnv(env) });

/** Start `otalint submit` without waiting for it: for signals and processes started together. */
function spawnSubmit(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; done: Promise<BinRun> } {
  const child = spawn(process.execPath, [BIN, 'submit', ...args, '--endpoint-url', iot.url], {
    cwd,
    env: isolatedAwsEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const done = new Promise<BinRun>((resolve) => child.on('close', (status, signal) => resolve({ status, signal, stdout, stderr })));
  return { child, done };
}

/** More good requests: copies of good-kitchen.json under new ids. */
function addRequests(dir: string, count: number): string[] {
  const text = readFileSync(path.join(dir, 'requests/good-kitchen.json'), 'utf8');
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `extra-fw-${i}`;
    writeFileSync(path.join(dir, `requests/extra-${i}.json`), text.replace('"kitchen-fw-1-4-2"', `"${id}"`));
    ids.push(id);
  }
  return ids;
}

const report = (run: BinRun) => {
  try {
    return JSON.parse(run.stdout) as { results: Array<Record<string, any> & { filePath: string; status: string }>; summary: Record<string, number> };
  } catch {
    return assert.fail(`not JSON (exit ${run.status}, signal ${run.signal}):\n${run.stdout}\n${run.stderr}`);
  }
};
const statuses = (run: BinRun) => Object.fromEntries(report(run).results.map((result) => [path.basename(result.filePath), result.status]));
const postsPerId = () => [...iot.posts().values()];
const waitFor = async (condition: () => boolean, ms = 20_000) => {
  for (const end = Date.now() + ms; !condition();) {
    if (Date.now() > end) assert.fail('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};
/** A seeded random number generator (numbers in [0, 1)). */
function seeded(seed: number): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** A run killed while it holds the journal's lock, mid-request: its lock stays behind. */
async function killedHolder(dir: string): Promise<void> {
  iot.setFaults({ delayMs: 5000 });
  const { child, done } = spawnSubmit(dir, ['requests/good-kitchen.json']);
  await waitFor(() => iot.arrivals() > 0);
  child.kill('SIGKILL');
  await done;
  iot.setFaults({ delayMs: 20 });
  assert.ok(existsSync(path.join(dir, '.otalint/submissions.jsonl.lock')), 'the killed run left its lock');
}

async function raceForTheLock(leave?: 'stale-break'): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-lock-'));
  const lock = path.join(dir, 'submissions.jsonl.lock');
  const [contenders, slots, slotMs] = [8, 80, 25];
  let ready = 0;
  const runs = Array.from({ length: contenders }, () => {
    const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER, lock, String(slots), String(slotMs), ...(leave ? [leave] : [])], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      if (!output.includes('ready') && (output + chunk).includes('ready')) ready++;
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    return new Promise<string>((resolve) => child.on('close', () => resolve(output)));
  });
  // Once every contender is loaded, all start together.
  await waitFor(() => ready === contenders, 60_000);
  // Far enough ahead that a contender the machine's load keeps waiting still starts with the first slots.
  writeFileSync(`${lock}.go`, String(Date.now() + 500));
  const totals = { taken: 0, refused: 0, overlaps: 0, failures: 0 };
  const failures = new Set<string>();
  for (const output of await Promise.all(runs)) {
    const counts = /^taken (\d+), refused (\d+), overlaps (\d+), failures (\d+)$/m.exec(output);
    assert.ok(counts, output);
    totals.taken += Number(counts[1]);
    totals.refused += Number(counts[2]);
    totals.overlaps += Number(counts[3]);
    totals.failures += Number(counts[4]);
    for (const [, failure] of output.matchAll(/^failure: (.*)$/gm)) failures.add(failure!);
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(
    `  lock alone${leave ? ` (${leave})` : ''}: ${contenders} processes, ${slots} slots: ${totals.taken} takeovers of a stale lock, ${totals.refused} refusals, ${totals.overlaps} times two inside at once, ${totals.failures} failures`,
  );
  assert.ok(totals.taken >= slots / 2, `the processes met at the lock: ${totals.taken} takeovers`);
  assert.equal(totals.overlaps, 0);
  assert.deepEqual([...failures], [], 'take() threw only its refusal');
}

test('the lock alone: 8 processes break and take a stale lock together, slot after slot; never two inside at once', () => raceForTheLock());

test('the lock alone: 8 processes break a stale break lock, then the stale lock, together, slot after slot; never two inside at once', () =>
  raceForTheLock('stale-break'));

/** Long enough for a dozen processes to start on a busy 2-core machine. */
const LINE_UP_MS = 2000;

/** The journal's runs, each with the span of its entries, oldest first: runs that held the lock in turn never overlap. */
function runSpans(dir: string): Array<{ run: string; first: number; last: number }> {
  const spans = new Map<string, { run: string; first: number; last: number }>();
  for (const line of readFileSync(path.join(dir, '.otalint/submissions.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const entry = JSON.parse(line) as { run: string; time: string };
    const time = Date.parse(entry.time);
    const span = spans.get(entry.run) ?? { run: entry.run, first: time, last: time };
    spans.set(entry.run, { ...span, last: time });
  }
  return [...spans.values()].sort((a, b) => a.first - b.first);
}

test('many processes started together on one journal, some killed at random moments: one sends at a time, every id POSTed once', async () => {
  const random = seeded(20261201);
  // More for a figure: OTALINT_LOCK_TRIALS=20 OTALINT_LOCK_PROCESSES=16 (CI runs the default).
  const trials = Number(process.env.OTALINT_LOCK_TRIALS ?? 3);
  const processes = Number(process.env.OTALINT_LOCK_PROCESSES ?? 12);
  const perId: number[] = [];
  let killed = 0;
  let refused = 0;
  let ran = 0;
  for (let trial = 0; trial < trials; trial++) {
    await start({ faults: { delayMs: 20 } });
    const dir = submitProject();
    const ids = [...GOOD, ...addRequests(dir, 3)];
    // Half the trials start from a lock left by a run killed mid-request.
    if (trial % 2 === 1) await killedHolder(dir);
    // Lined up at the lock: every process tries to take it at the same moment, once all have started.
    const lineUp = { OTALINT_TEST_LOCK_AT: String(Date.now() + LINE_UP_MS) };
    const runs = Array.from({ length: processes }, () => spawnSubmit(dir, ['requests/', '--format', 'json'], lineUp));
    const kills = runs.map((run) => (random() < 0.35 ? setTimeout(() => run.child.kill('SIGKILL'), Math.floor(random() * LINE_UP_MS * 1.5)) : undefined));
    const ended = await Promise.all(runs.map((run) => run.done));
    kills.forEach((timer) => clearTimeout(timer));
    for (const run of ended) {
      if (run.signal === 'SIGKILL') {
        killed++;
        continue;
      }
      assert.ok(run.status === 1 || run.status === 2, `exit ${run.status}: ${run.stderr}`);
      if (run.status === 2) {
        assert.match(run.stderr, /^otalint: The journal is in use by another otalint submit \(pid \d+\); wait for it to finish\./);
        refused++;
      } else ran++;
    }
    iot.setFaults({});
    // The run holding the lock may have been killed after the others were refused: the re-run
    // then sends what nobody sent, and only that.
    const neverPosted = ids.filter((id) => !iot.posts().has(id)).length;
    const rerun = await submit(dir, ['requests/', '--format', 'json']);
    assert.equal(rerun.status, 1, rerun.stderr); // the bad file is skipped
    assert.deepEqual(
      Object.values(statuses(rerun))
        .filter((status) => status !== 'skipped')
        .sort(),
      [...ids.map((_, i) => (i < ids.length - neverPosted ? 'already-done' : 'sent'))],
    );
    assert.ok(!existsSync(path.join(dir, '.otalint/submissions.jsonl.lock')), 'the last run released the lock');
    const spans = runSpans(dir);
    spans.slice(1).forEach((span, i) => assert.ok(span.first >= spans[i]!.last, `trial ${trial}: two runs wrote the journal at once`));
    for (const id of ids) assert.equal(iot.creates(id), 1, `trial ${trial}: ${id} created once`);
    assert.deepEqual([...iot.posts().keys()].sort(), [...ids].sort());
    perId.push(...postsPerId());
    await iot.close();
  }
  const counts = new Map<number, number>();
  for (const count of perId) counts.set(count, (counts.get(count) ?? 0) + 1);
  console.log(
    `  lock: ${trials} trials x ${processes} processes started together (${killed} killed at random moments, ${refused} refused, ${ran} ran); ` +
      `POSTs per id: ${[...counts].map(([posts, ids]) => `${posts} for ${ids} ids`).join(', ')}`,
  );
  assert.ok(refused >= trials, 'the runs met at the lock');
  assert.deepEqual(
    perId.filter((count) => count !== 1),
    [],
  );
});

test('killed at random moments (seeded), then run again: every update created once, POSTed once', async () => {
  const random = seeded(1201);
  const perId: number[] = [];
  const trials = 4;
  for (let trial = 0; trial < trials; trial++) {
    await start({ faults: { delayMs: 150 } });
    const dir = submitProject();
    const { child, done } = spawnSubmit(dir, ['requests/', '--concurrency', '1']);
    // Wait for the process to start talking to the endpoint, then kill it at a random moment.
    await waitFor(() => iot.arrivals() > 0 || child.exitCode !== null);
    await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * 500)));
    child.kill('SIGKILL');
    await done;
    iot.setFaults({});
    const rerun = await submit(dir, ['requests/', '--format', 'json']);
    assert.equal(rerun.status, 1, rerun.stderr); // the bad file is skipped
    for (const id of GOOD) assert.equal(iot.creates(id), 1, `trial ${trial}: ${id}`);
    perId.push(...postsPerId());
    await iot.close();
  }
  assert.deepEqual(
    perId.filter((count) => count !== 1),
    [],
  );
  console.log(`  kills: ${trials} runs killed at random moments, then re-run; POSTs per id: ${[...new Set(perId)].join(', ')} (${perId.length} ids)`);
});

test('the same requests submitted from two folders share one journal: nothing is sent twice', async () => {
  await start();
  const dir = submitProject();
  const first = await submit(dir, ['requests/', '--format', 'json']);
  assert.equal(first.status, 1);
  const second = await submit(path.join(dir, 'requests'), ['.', '--format', 'json']);
  assert.deepEqual(Object.values(statuses(second)).sort(), ['already-done', 'already-done', 'already-done', 'skipped']);
  assert.equal(
    report(second)
      .results.find((result) => result.status === 'already-done')
      ?.note?.includes('(journal); confirmed at AWS'),
    true,
  );
  assert.deepEqual(
    postsPerId().filter((count) => count !== 1),
    [],
  );
  assert.ok(existsSync(path.join(dir, '.otalint/submissions.jsonl')));
  assert.ok(!existsSync(path.join(dir, 'requests/.otalint')));
});

test('expired credentials: the run stops at the first refusal, exit 2, nothing more is sent', async () => {
  await start({ faults: { expiredToken: 1 } });
  const dir = submitProject();
  const run = await submit(dir, ['requests/', '--format', 'json', '--concurrency', '1']);
  assert.equal(run.status, 2, run.stderr);
  assert.match(
    run.stderr,
    /otalint: AWS rejected the credentials \(ExpiredTokenException: The security token included in the request is expired\); nothing more was sent\./,
  );
  const results = report(run).results.filter((result) => result.status !== 'skipped');
  assert.deepEqual(
    results.map((result) => result.status),
    ['failed', 'not-attempted', 'not-attempted'],
  );
  assert.equal(results[1]!.note, 'not sent: AWS rejected the credentials');
  assert.equal(iot.requests.filter((request) => request.method === 'POST').length, 1);
});

test('credentials AWS does not know (UnrecognizedClientException): the run stops at the first refusal, exit 2', async () => {
  await start();
  const dir = submitProject();
  const run = await submit(dir, ['requests/', '--format', 'json', '--concurrency', '1'], { AWS_ACCESS_KEY_ID: 'AKIAOTALINTUNKNOWN01' });
  assert.equal(run.status, 2, run.stderr);
  assert.match(
    run.stderr,
    /otalint: AWS rejected the credentials \(UnrecognizedClientException: The security token included in the request is invalid\.\); nothing more was sent\./,
  );
  assert.deepEqual(
    report(run)
      .results.map((result) => result.status)
      .sort(),
    ['failed', 'not-attempted', 'not-attempted', 'skipped'],
  );
  assert.equal(iot.requests.length, 1);
});

test('a dead endpoint: the run stops after 3 requests in a row get no answer, with a clear message', async () => {
  await start();
  const dir = submitProject();
  addRequests(dir, 3);
  const dead = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  const started = Date.now();
  const run = await submit(dir, ['requests/', '--format', 'json', '--concurrency', '1', '--max-attempts', '1'], {}, `http://127.0.0.1:${dead}`);
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, new RegExp(`otalint: http://127\\.0\\.0\\.1:${dead} did not answer 3 requests in a row \\(last: ECONNREFUSED: `));
  const counts = report(run).summary;
  assert.equal(counts.failed, 3);
  assert.equal(counts.notAttempted, 3);
  assert.ok(Date.now() - started < 30_000);
});

test('an endpoint that takes connections and never answers: 3 timeouts in a row stop the run', async () => {
  await start({ faults: { delayMs: 60_000 } });
  const dir = submitProject();
  addRequests(dir, 3);
  const run = await submit(dir, ['requests/', '--format', 'json', '--concurrency', '1', '--max-attempts', '1', '--request-timeout', '0.3']);
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /did not answer 3 requests in a row \(last: TimeoutError: /);
  assert.deepEqual([report(run).summary.failed, report(run).summary.notAttempted], [3, 3]);
  // The service never took them (each sender hung up first): nothing was created.
  assert.equal(iot.creates(), 0);
});

test('an HTML 502 from a proxy is reported by its status, not as a JSON syntax error', async () => {
  await start({ faults: { htmlBadGateway: 3 } });
  const dir = submitProject();
  const run = await submit(dir, ['requests/good-kitchen.json', '--format', 'json']);
  assert.equal(run.status, 1, run.stderr);
  const [result] = report(run).results;
  assert.deepEqual(result!.error, { code: 'HTTP 502', message: 'the body is not an AWS error', httpStatus: 502, attempts: 3 });
  const stylish = await submit(dir, ['requests/good-kitchen.json']);
  assert.doesNotMatch(stylish.stdout + stylish.stderr, /SyntaxError|\$response|Deserialization/);
});

test('a 200 whose body is cut short: outcome unknown, and the next run confirms it without sending again', async () => {
  await start({ faults: { malformedCreateAnswer: 1 } });
  const dir = submitProject();
  const run = await submit(dir, ['requests/good-kitchen.json', '--format', 'json']);
  assert.equal(run.status, 1, run.stderr);
  const [result] = report(run).results;
  assert.equal(result!.status, 'unknown');
  assert.match(
    result!.note,
    /^outcome unknown: AWS answered HTTP 200: the body is not the answer AWS sends; the next run confirms it with GetOTAUpdate before sending anything$/,
  );
  assert.equal(report(run).summary.unknown, 1);
  const rerun = await submit(dir, ['requests/good-kitchen.json', '--format', 'json']);
  assert.equal(rerun.status, 0, rerun.stderr);
  assert.equal(report(rerun).results[0]!.status, 'already-done');
  assert.deepEqual(postsPerId(), [1]);
});

test('--wait keeps polling through failed GetOTAUpdate calls until the update is done', async () => {
  await start({ getsUntilDone: 2, faults: { getFailures: 2 } });
  const dir = submitProject();
  const run = await submit(dir, ['requests/good-kitchen.json', '--format', 'json', '--wait', '--wait-interval', '0.05', '--max-attempts', '1']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const [result] = report(run).results;
  assert.equal(result!.status, 'sent');
  assert.equal(result!.wait.otaUpdateStatus, 'CREATE_COMPLETE');
});

test('a region that cannot exist is refused before anything is sent, with the region it resembles', async () => {
  await start();
  const dir = submitProject();
  const run = await submit(dir, ['requests/good-kitchen.json', '--region', 'us-wets-2']);
  assert.equal(run.status, 2);
  assert.equal(
    run.stderr,
    'otalint: "us-wets-2" is not an AWS region name. Did you mean "us-west-2"? (It came from --region, AWS_REGION or the profile\'s region.)\n',
  );
  assert.equal(iot.requests.length, 0);
});

test('Ctrl-C: the request in flight finishes, the rest are not sent, journal and report are written, exit 130', async () => {
  await start({ faults: { delayMs: 1500 } });
  const dir = submitProject();
  const { child, done } = spawnSubmit(dir, ['requests/', '--format', 'json', '--concurrency', '1']);
  await waitFor(() => iot.arrivals() > 0);
  child.kill('SIGINT');
  const run = await done;
  assert.equal(run.status, 130, run.stderr);
  assert.match(run.stderr, /otalint: interrupted: finishing the requests in flight/);
  const sent = report(run).results.filter((result) => result.status !== 'skipped');
  assert.deepEqual(
    sent.map((result) => result.status),
    ['sent', 'not-attempted', 'not-attempted'],
  );
  assert.equal(sent[1]!.note, 'not sent: interrupted (Ctrl-C)');
  assert.ok(!existsSync(path.join(dir, '.otalint/submissions.jsonl.lock')), 'the lock is released');
  const journal = readFileSync(path.join(dir, '.otalint/submissions.jsonl'), 'utf8');
  assert.match(journal, /"event":"outcome".*"result":"created"/);
});

test('Ctrl-C twice: the request in flight is abandoned as unknown, and the next run settles it without sending it again', async () => {
  await start({ faults: { delayMs: 1500 } });
  const dir = submitProject();
  const { child, done } = spawnSubmit(dir, ['requests/good-kitchen.json', '--format', 'json']);
  await waitFor(() => iot.arrivals() > 0);
  child.kill('SIGINT');
  await new Promise((resolve) => setTimeout(resolve, 100));
  child.kill('SIGINT');
  const run = await done;
  assert.equal(run.status, 130, run.stderr);
  assert.equal(report(run).results[0]!.status, 'unknown');
  assert.match(report(run).results[0]!.note, /^outcome unknown: interrupted while the request was in flight; the next run confirms it/);
  iot.setFaults({});
  // The service never took the abandoned call (its sender hung up first): the next run asks, finds nothing, and sends it.
  const rerun = await submit(dir, ['requests/good-kitchen.json', '--format', 'json']);
  assert.equal(report(rerun).results[0]!.status, 'sent');
  assert.ok(
    iot.requests.some((request) => request.method === 'GET'),
    'asked AWS first',
  );
  assert.equal(iot.creates('kitchen-fw-1-4-2'), 1);
  assert.deepEqual(postsPerId(), [1]);
});

test('--concurrency bounds the requests in flight and --rate spaces their start', async () => {
  await start({ faults: { delayMs: 400 } });
  const dir = submitProject();
  addRequests(dir, 5);
  const run = await submit(dir, ['requests/', '--format', 'json', '--concurrency', '3', '--rate', '1000']);
  assert.equal(run.status, 1, run.stderr);
  assert.equal(iot.maxInFlight(), 3);
  await iot.close();
  await start();
  const paced = submitProject();
  const spaced = await submit(paced, ['requests/', '--format', 'json', '--concurrency', '4', '--rate', '2']);
  assert.equal(spaced.status, 1, spaced.stderr);
  const starts = iot.requests.map((request) => request.arrived).sort((a, b) => a - b);
  const gaps = starts.slice(1).map((time, i) => time - starts[i]!);
  assert.ok(
    gaps.every((gap) => gap >= 350),
    `calls at most 2 a second (500 ms apart, give or take the network): ${gaps.join(', ')} ms apart`,
  );
  const bad = await submit(paced, ['requests/', '--concurrency', '0']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--concurrency takes a whole number from 1 to 16, got "0"\./);
});

test('secrets in the encodings they travel in (URL-encoded, base64) never print, even when an answer quotes them', async () => {
  const token = encodeURIComponent(TEST_CREDENTIALS.sessionToken);
  const secret = Buffer.from(`Credentials: ${TEST_CREDENTIALS.secretAccessKey}`).toString('base64');
  await start({ faults: { refuseQuoting: { times: 1, message: `Bad request; X-Amz-Security-Token=${token}; echo ${secret}` } } });
  const dir = submitProject();
  const run = await submit(dir, ['requests/good-kitchen.json']);
  const json = await submit(dir, ['requests/good-porch.yaml', '--format', 'json']);
  assert.equal(run.status, 1);
  assert.match(run.stdout, /InvalidRequestException.*Bad request; X-Amz-Security-Token=\[redacted\]; echo /);
  const journal = readFileSync(path.join(dir, '.otalint/submissions.jsonl'), 'utf8');
  for (const text of [run.stdout, run.stderr, json.stdout, journal]) {
    assert.ok(!text.includes(token), 'URL-encoded session token shown');
    assert.ok(!text.includes(secret.slice(20, 60)), 'base64 secret shown');
  }
});

test.run();
