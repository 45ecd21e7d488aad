import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { suite } from 'uvu';
import { TEST_CREDENTIALS, startFakeIot, type FakeIot, type FakeIotOptions } from './support/fake-iot.js';
import { REPO_ROOT, isolatedAwsEnv, runOtalint, submitProject, type BinRun } from './support/run-bin.js';

const schema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'docs/submit-output.schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

interface Report {
  dryRun: boolean;
  region: string | null;
  endpoint: string | null;
  journal: string | null;
  results: Array<Record<string, any> & { filePath: string; status: string }>;
  summary: Record<string, number>;
}
function parseReport(run: BinRun): Report {
  let report: unknown;
  try {
    report = JSON.parse(run.stdout);
  } catch {
    assert.fail(`not JSON (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  }
  assert.ok(validate(report), JSON.stringify(validate.errors, null, 2));
  return report as Report;
}
const byFile = (report: Report) => Object.fromEntries(report.results.map((result) => [path.basename(result.filePath), result]));

const GOOD = { 'good-garage.json': 'garage-fw-1-4-2', 'good-kitchen.json': 'kitchen-fw-1-4-2', 'good-porch.yaml': 'porch-fw-1-4-2' } as const;
const GOOD_IDS = Object.values(GOOD);
const SIGNATURES = readdirSync(path.join(REPO_ROOT, 'fixtures/submit'))
  .map((name) => readFileSync(path.join(REPO_ROOT, 'fixtures/submit', name), 'utf8'))
  .flatMap((text) => [...text.matchAll(/"inlineDocument": "([A-Za-z0-9+/=]{40,})"/g)].map((match) => match[1]!));

const journalLines = (dir: string) =>
  existsSync(path.join(dir, '.otalint/submissions.jsonl'))
    ? readFileSync(path.join(dir, '.otalint/submissions.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];

/** Nothing secret in any output or the journal: the secret key, the session token, signature bytes. */
function assertNoSecrets(dir: string, ...runs: BinRun[]): void {
  const journal = existsSync(path.join(dir, '.otalint/submissions.jsonl')) ? readFileSync(path.join(dir, '.otalint/submissions.jsonl'), 'utf8') : '';
  for (const [name, text] of [
    ...runs.flatMap(
      (run, i) =>
        [
          [`stdout ${i}`, run.stdout],
          [`stderr ${i}`, run.stderr],
        ] as const,
    ),
    ['journal', journal] as const,
  ]) {
    for (const secret of [TEST_CREDENTIALS.secretAccessKey, TEST_CREDENTIALS.sessionToken, ...SIGNATURES]) {
      assert.ok(!text.includes(secret), `${name} shows a secret (${secret.slice(0, 6)}…)`);
    }
  }
}

let iot: FakeIot;
const start = async (options: FakeIotOptions = {}) => {
  iot = await startFakeIot(options);
  return iot;
};
const submit = (dir: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  runOtalint(['submit', ...args, '--endpoint-url', iot.url], { cwd: dir, env: isolatedAwsEnv(env) });

const test = suite('otalint submit (built binary, fake IoT endpoint)');
test.after.each(async () => {
  await iot?.close();
});
assert.ok(SIGNATURES.length >= 2, 'fixtures carry signatures to look for');

test('dry run: shows operation, region, endpoint and body per good file, lists the bad one with its diagnostics, sends nothing', async () => {
  await start();
  const dir = submitProject();
  const run = await submit(dir, ['requests', '--dry-run', '--format', 'json']);
  assert.equal(run.status, 1, run.stderr);
  const report = parseReport(run);
  assert.equal(report.dryRun, true);
  assert.equal(report.region, 'us-east-1');
  assert.equal(report.endpoint, iot.url);
  assert.equal(report.journal, null);
  const results = byFile(report);
  for (const [file, id] of Object.entries(GOOD)) {
    assert.equal(results[file]!.status, 'would-send');
    assert.deepEqual(
      { ...results[file]!.planned, body: undefined },
      { operation: 'CreateOTAUpdate', region: 'us-east-1', endpoint: iot.url, method: 'POST', path: `/otaUpdates/${id}`, body: undefined },
    );
    assert.equal(results[file]!.planned.body.otaUpdateId, undefined, 'the id travels in the path only');
  }
  assert.match(
    results['good-kitchen.json']!.planned.body.files[0].codeSigning.customCodeSigning.signature.inlineDocument,
    /^<redacted: 70 bytes, sha256 [0-9a-f]{16}>$/,
  );
  const bad = results['bad-role-and-id.json']!;
  assert.equal(bad.status, 'skipped');
  assert.ok(bad.diagnostics.some((d: { ruleId: string; line: number }) => d.ruleId === 'aws-api-model' && d.line === 2));
  assert.deepEqual(report.summary, { sent: 0, alreadyDone: 0, skipped: 1, failed: 0, unknown: 0, notAttempted: 0, wouldSend: 3 });
  assert.equal(iot.requests.length, 0, 'nothing reached the endpoint');
  assert.ok(!existsSync(path.join(dir, '.otalint')), 'a dry run writes no journal');

  const stylish = await submit(dir, ['requests/good-kitchen.json', '--dry-run'], {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
  });
  assert.equal(stylish.status, 0, `a dry run needs no credentials: ${stylish.stderr}`);
  assert.match(
    stylish.stdout,
    /requests\/good-kitchen\.json {2}would-send {2}kitchen-fw-1-4-2\n {2}operation {2}CreateOTAUpdate \(POST \/otaUpdates\/kitchen-fw-1-4-2\)\n {2}region {5}us-east-1\n/,
  );
  assert.match(stylish.stdout, /\n1 would be sent, 0 skipped\n$/);
  assert.equal(stylish.stderr, '', 'no SDK warnings on a clean run');
  assertNoSecrets(dir, run, stylish);
});

test('real run: each good file created once, the bad one refused with diagnostics; a re-run sends nothing again', async () => {
  await start();
  const dir = submitProject();
  const first = await submit(dir, ['requests', '--format', 'json']);
  assert.equal(first.status, 1, 'exit 1: a file was skipped by lint');
  const report = parseReport(first);
  const results = byFile(report);
  for (const [file, id] of Object.entries(GOOD)) {
    assert.equal(results[file]!.status, 'sent', JSON.stringify(results[file]));
    assert.deepEqual(results[file]!.update, {
      otaUpdateId: id,
      awsIotJobId: `AFR_OTA-${id}`,
      otaUpdateArn: `arn:aws:iot:us-east-1:123456789012:otaupdate/${id}`,
      awsIotJobArn: `arn:aws:iot:us-east-1:123456789012:job/AFR_OTA-${id}`,
      otaUpdateStatus: 'CREATE_PENDING',
    });
    assert.equal(iot.creates(id), 1);
  }
  assert.equal(results['bad-role-and-id.json']!.status, 'skipped');
  assert.deepEqual(report.summary, { sent: 3, alreadyDone: 0, skipped: 1, failed: 0, unknown: 0, notAttempted: 0, wouldSend: 0 });
  assert.equal(report.journal, '.otalint/submissions.jsonl');
  assert.ok(
    iot.requests.every((request) => request.service === 'iot'),
    'the SDK signs for iot',
  );

  const lines = journalLines(dir);
  // Requests go several at a time: entries of different updates interleave, each attempt before its outcome.
  const events = lines.map((line) => `${line.event}:${line.otaUpdateId}:${line.result ?? ''}`);
  assert.deepEqual([...events].sort(), GOOD_IDS.flatMap((id) => [`attempt:${id}:`, `outcome:${id}:created`]).sort());
  for (const id of GOOD_IDS) assert.ok(events.indexOf(`attempt:${id}:`) < events.indexOf(`outcome:${id}:created`), `${id}: attempt first`);
  for (const line of lines)
    assert.equal(line.requestHash, results[Object.keys(GOOD).find((f) => GOOD[f as keyof typeof GOOD] === line.otaUpdateId)!]!.requestHash);

  const again = await submit(dir, ['requests']);
  assert.equal(again.status, 1);
  assert.match(again.stdout, /\n0 sent, 3 already done, 1 skipped, 0 failed\n$/);
  for (const id of GOOD_IDS) assert.equal(iot.creates(id), 1, `${id} was not sent again`);
  assert.equal(iot.requests.filter((r) => r.method === 'POST').length, 3);

  const goodOnly = await submit(dir, ['requests/good-*', '--format', 'json']);
  assert.equal(goodOnly.status, 0, 'exit 0: all sent or already done');
  assert.deepEqual(parseReport(goodOnly).summary, { sent: 0, alreadyDone: 3, skipped: 0, failed: 0, unknown: 0, notAttempted: 0, wouldSend: 0 });

  const requestsSoFar = iot.requests.length;
  const dry = await submit(dir, ['requests/good-*', '--dry-run', '--format', 'json']);
  assert.equal(dry.status, 0);
  const planned = parseReport(dry);
  assert.deepEqual(
    planned.results.map((result) => result.status),
    ['already-done', 'already-done', 'already-done'],
    'the dry run reads the journal',
  );
  assert.match(planned.results[0]!.note, /\(journal\); a real run confirms it with GetOTAUpdate and does not send it again$/);
  assert.equal(iot.requests.length, requestsSoFar, 'a dry run calls nothing');
  assertNoSecrets(dir, first, again, goodOnly, dry);
});

test('a changed file with the same otaUpdateId is a conflict, reported with both sides', async () => {
  await start();
  const dir = submitProject();
  assert.equal((await submit(dir, ['requests/good-kitchen.json'])).status, 0);
  const file = path.join(dir, 'requests/good-kitchen.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Firmware 1.4.2 for the kitchen sensors', 'Firmware 1.4.3 for the kitchen sensors'));
  const run = await submit(dir, ['requests/good-kitchen.json', '--format', 'json']);
  assert.equal(run.status, 1);
  const [result] = parseReport(run).results;
  assert.equal(result!.status, 'conflict');
  assert.equal(result!.error.code, 'ResourceAlreadyExistsException');
  assert.equal(result!.error.httpStatus, 409);
  assert.match(result!.note, /ids cannot be reused: give this request a new otaUpdateId$/);
  assert.deepEqual(result!.differences, [
    { path: '/description', local: 'Firmware 1.4.3 for the kitchen sensors', remote: 'Firmware 1.4.2 for the kitchen sensors' },
  ]);
  assert.equal(iot.creates(), 1);
  const stylish = await submit(dir, ['requests/good-kitchen.json']);
  assert.match(
    stylish.stdout,
    / {2}differs \/description\n {4}this file: "Firmware 1\.4\.3 for the kitchen sensors"\n {4}at AWS: {4}"Firmware 1\.4\.2 for the kitchen sensors"\n/,
  );
  assert.match(stylish.stdout, /\n0 sent, 0 already done, 0 skipped, 1 failed\n$/);
  assert.equal(journalLines(dir).at(-1).result, 'conflict');
});

test("a conflict on the signature shows neither side's bytes, only sizes and digests", async () => {
  await start();
  const dir = submitProject();
  assert.equal((await submit(dir, ['requests/good-kitchen.json'])).status, 0);
  const file = path.join(dir, 'requests/good-kitchen.json');
  const original = JSON.parse(readFileSync(file, 'utf8'));
  const replaced = Buffer.from('another signature, 38 bytes long......').toString('base64');
  original.files[0].codeSigning.customCodeSigning.signature.inlineDocument = replaced;
  writeFileSync(file, JSON.stringify(original, null, 2));
  const run = await submit(dir, ['requests/good-kitchen.json', '--format', 'json']);
  const stylish = await submit(dir, ['requests/good-kitchen.json']);
  const [result] = parseReport(run).results;
  assert.equal(result!.status, 'conflict');
  assert.equal(result!.differences.length, 1);
  assert.equal(result!.differences[0].path, '/files/0/codeSigning/customCodeSigning/signature/inlineDocument');
  assert.match(result!.differences[0].local, /^<redacted: 38 bytes, sha256 [0-9a-f]{16}>$/);
  assert.match(result!.differences[0].remote, /^<redacted: 70 bytes, sha256 [0-9a-f]{16}>$/);
  for (const text of [run.stdout, stylish.stdout, run.stderr, stylish.stderr]) assert.ok(!text.includes(replaced));
  assertNoSecrets(dir, run, stylish);
});

test('an identical update already at AWS (not in this journal) is success, confirmed with GetOTAUpdate', async () => {
  await start();
  const elsewhere = submitProject();
  assert.equal((await submit(elsewhere, ['requests/good-porch.yaml'])).status, 0);
  const dir = submitProject();
  const run = await submit(dir, ['requests/good-porch.yaml', '--format', 'json']);
  assert.equal(run.status, 0, run.stdout);
  const [result] = parseReport(run).results;
  assert.equal(result!.status, 'already-done');
  assert.equal(result!.note, 'an identical update already exists at AWS');
  assert.deepEqual(
    iot.requests.map((r) => `${r.method} ${r.status}`),
    ['POST 200', 'POST 409', 'GET 200'],
  );
});

test('throttling (HTTP 400 ThrottlingException) and 503s are retried with backoff', async () => {
  await start({ faults: { throttle: 2 } });
  const dir = submitProject();
  const run = await submit(dir, ['requests/good-kitchen.json']);
  assert.equal(run.status, 0, run.stdout);
  assert.deepEqual(
    iot.requests.map((r) => r.status),
    [400, 400, 200],
  );
  iot.setFaults({ unavailable: 2 });
  const again = await submit(dir, ['requests/good-garage.json']);
  assert.equal(again.status, 0, again.stdout);
  assert.deepEqual(
    iot.requests.slice(3).map((r) => r.status),
    [503, 503, 200],
  );
});

test("retries run out: that file fails with AWS's error, the others still go; --bail stops after it", async () => {
  await start({ faults: { throttle: 2 } });
  const dir = submitProject();
  // One request at a time, so the throttling answers go to the first file.
  const run = await submit(dir, ['requests/good-*', '--max-attempts', '2', '--format', 'json', '--concurrency', '1']);
  assert.equal(run.status, 1);
  const report = parseReport(run);
  const results = byFile(report);
  assert.equal(results['good-garage.json']!.status, 'failed');
  assert.deepEqual(results['good-garage.json']!.error, { code: 'ThrottlingException', message: 'Rate exceeded', httpStatus: 400, attempts: 2 });
  assert.equal(results['good-kitchen.json']!.status, 'sent');
  assert.equal(results['good-porch.yaml']!.status, 'sent');
  assert.equal(journalLines(dir).find((line) => line.otaUpdateId === 'garage-fw-1-4-2' && line.event === 'outcome').result, 'failed');

  iot.setFaults({ throttle: 1 });
  const bailDir = submitProject();
  const bail = await submit(bailDir, ['requests/good-*', '--max-attempts', '1', '--bail', '--concurrency', '1']);
  assert.equal(bail.status, 1);
  assert.match(bail.stdout, /good-kitchen\.json {2}not-attempted {2}kitchen-fw-1-4-2\n {2}not sent: --bail after an earlier failure\n/);
  assert.match(bail.stdout, /\n0 sent, 0 already done, 0 skipped, 1 failed, 2 not attempted\n$/);
});

test('a dropped connection after the update was stored: the retry meets its own first attempt, which is success', async () => {
  await start({ faults: { dropAfterStore: 1 } });
  const dir = submitProject();
  const run = await submit(dir, ['requests/good-kitchen.json', '--format', 'json']);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const [result] = parseReport(run).results;
  assert.equal(result!.status, 'sent');
  assert.equal(result!.note, 'created; a retry after a lost answer met its own first attempt');
  assert.equal(iot.creates('kitchen-fw-1-4-2'), 1);
  assert.equal(iot.updates.size, 1);
});

test('killed between the answer and the journal write: the re-run creates every update exactly once', async () => {
  await start();
  const dir = submitProject();
  const killed = await submit(dir, ['requests/good-*', '--concurrency', '1'], { OTALINT_TEST_FAULT: 'kill-after-response' });
  assert.equal(killed.signal, 'SIGKILL');
  assert.deepEqual(
    journalLines(dir).map((line) => line.event),
    ['attempt'],
    'the attempt was on disk before the call',
  );
  assert.equal(iot.updates.size, 1);

  const rerun = await submit(dir, ['requests/good-*', '--format', 'json']);
  assert.equal(rerun.status, 0, rerun.stdout + rerun.stderr);
  const results = byFile(parseReport(rerun));
  assert.equal(results['good-garage.json']!.status, 'already-done');
  assert.equal(results['good-garage.json']!.note, 'sent by an earlier run whose answer was not recorded; identical at AWS');
  assert.equal(results['good-kitchen.json']!.status, 'sent');
  assert.equal(results['good-porch.yaml']!.status, 'sent');
  for (const id of GOOD_IDS) assert.equal(iot.creates(id), 1, `${id} exists exactly once`);
  // GetOTAUpdate asked before re-sending: the unrecorded one was not even POSTed again.
  assert.deepEqual([...iot.posts().values()], [1, 1, 1]);
  assert.equal(iot.updates.size, 3);
  assert.ok(!existsSync(path.join(dir, '.otalint/submissions.jsonl.lock')), 'the stale lock was taken over and released');
});

test('the endpoint is strict: a wrong secret is refused (403, AWS error shape), never retried, and ends the run (exit 2); the secret is never shown', async () => {
  await start();
  const dir = submitProject();
  const wrong = 'wrongSecretKeyThatMustNotBeShown/1234567890';
  const run = await submit(dir, ['requests/good-kitchen.json', '--format', 'json', '--debug'], { AWS_SECRET_ACCESS_KEY: wrong });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^otalint: AWS rejected the credentials \(InvalidSignatureException: /);
  const [result] = parseReport(run).results;
  assert.equal(result!.status, 'failed');
  assert.equal(result!.error.code, 'InvalidSignatureException');
  assert.equal(result!.error.httpStatus, 403);
  assert.deepEqual(
    iot.requests.map((r) => r.status),
    [403],
  );
  assert.equal(iot.updates.size, 0);
  for (const text of [run.stdout, run.stderr, readFileSync(path.join(dir, '.otalint/submissions.jsonl'), 'utf8')]) {
    assert.ok(!text.includes(wrong) && !text.includes(TEST_CREDENTIALS.sessionToken));
  }
});

test('the endpoint is strict: a replayed request with a tampered body fails SigV4; the untouched replay passes it', async () => {
  await start();
  const dir = submitProject();
  assert.equal((await submit(dir, ['requests/good-kitchen.json'])).status, 0);
  const signed = iot.requests[0]!;
  const replay = async (body: string, dropContentHash = false) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(signed.headers)) if (typeof value === 'string' && name !== 'connection') headers[name] = value;
    headers['content-length'] = String(Buffer.byteLength(body));
    if (dropContentHash) delete headers['x-amz-content-sha256'];
    const response = await fetch(`${iot.url}${signed.url}`, { method: 'POST', headers, body });
    return { status: response.status, type: response.headers.get('x-amzn-errortype'), body: (await response.json()) as { message: string } };
  };
  const tampered = signed.body.replace('kitchen-sensors', 'kitchen-sensorz');
  const withHash = await replay(tampered);
  assert.equal(withHash.status, 403);
  assert.match(withHash.type!, /^InvalidSignatureException:/);
  const withoutHash = await replay(tampered, true);
  assert.equal(withoutHash.status, 403);
  assert.equal(withoutHash.body.message.startsWith('The request signature we calculated does not match'), true);
  const untouched = await replay(signed.body);
  assert.equal(untouched.status, 409, 'the signature verifies; the id exists');
  assert.match(untouched.type!, /^ResourceAlreadyExistsException:/);
  assert.equal(iot.creates(), 1);
});

test('a request timeout fails the attempt instead of waiting forever', async () => {
  await start({ faults: { delayMs: 2000 } });
  const dir = submitProject();
  const run = await submit(dir, ['requests/good-kitchen.json', '--request-timeout', '0.2', '--max-attempts', '1', '--format', 'json']);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  const [result] = parseReport(run).results;
  assert.equal(result!.status, 'failed');
  assert.match(`${result!.error.code} ${result!.error.message}`, /timeout|timed out/i);
});

test('--wait polls GetOTAUpdate to CREATE_COMPLETE, and shows errorInfo when creation fails', async () => {
  await start({ getsUntilDone: 2, failCreation: { 'garage-fw-1-4-2': { code: 'AccessDeniedException', message: 'iam:PassRole is not authorized' } } });
  const dir = submitProject();
  const run = await submit(dir, ['requests/good-kitchen.json', 'requests/good-garage.json', '--wait', '--wait-interval', '0.05', '--format', 'json']);
  assert.equal(run.status, 1);
  const results = byFile(parseReport(run));
  assert.deepEqual(results['good-kitchen.json']!.wait, { otaUpdateStatus: 'CREATE_COMPLETE', timedOut: false });
  assert.equal(results['good-kitchen.json']!.status, 'sent');
  assert.equal(results['good-kitchen.json']!.update.otaUpdateStatus, 'CREATE_COMPLETE');
  assert.equal(results['good-garage.json']!.status, 'failed');
  assert.deepEqual(results['good-garage.json']!.wait, {
    otaUpdateStatus: 'CREATE_FAILED',
    errorInfo: { code: 'AccessDeniedException', message: 'iam:PassRole is not authorized' },
    timedOut: false,
  });
  assert.equal(results['good-garage.json']!.note, 'created, then ended CREATE_FAILED');
  assert.deepEqual(
    journalLines(dir)
      .filter((line) => line.event === 'status')
      .map((line) => `${line.otaUpdateId}:${line.otaUpdateStatus}`),
    ['garage-fw-1-4-2:CREATE_FAILED', 'kitchen-fw-1-4-2:CREATE_COMPLETE'],
  );

  const stylish = await submit(submitProject(), ['requests/good-porch.yaml', '--wait', '--wait-interval', '0.05', '--wait-timeout', '0.01']);
  assert.equal(stylish.status, 1);
  // Pending or in progress, depending on how many polls fit in the timeout: both are not final.
  assert.match(stylish.stdout, /porch-fw-1-4-2\n {2}created, then still CREATE_(PENDING|IN_PROGRESS) when --wait-timeout passed\n/);
});

test('without --wait, a re-run still reports an update that has since ended CREATE_FAILED', async () => {
  await start({ failCreation: { 'porch-fw-1-4-2': { code: 'ResourceNotFoundException', message: 'stream porch-fw-1-4-2 does not exist' } } });
  const dir = submitProject();
  assert.equal((await submit(dir, ['requests/good-porch.yaml'])).status, 0, 'queued: CreateOTAUpdate succeeded');
  const rerun = await submit(dir, ['requests/good-porch.yaml']);
  assert.equal(rerun.status, 1);
  assert.match(rerun.stdout, /good-porch\.yaml {2}failed {2}porch-fw-1-4-2\n {2}exists, but ended CREATE_FAILED\n/);
  assert.match(rerun.stdout, /\n {2}errorInfo {7}ResourceNotFoundException: stream porch-fw-1-4-2 does not exist\n/);
  assert.equal(iot.creates(), 1);
});

test('AWS refusing a request (400 InvalidRequestException) fails that file at once, without retries; the rest still go', async () => {
  await start();
  const dir = submitProject();
  const file = path.join(dir, 'requests/good-kitchen.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"otaUpdateId": "kitchen-fw-1-4-2"', '"otaUpdateId": "kitchen fw!"'));
  // With the model check off, lint no longer stops the bad id: AWS does.
  const run = await submit(dir, ['requests/good-*', '--rule', 'aws-api-model:off', '--format', 'json']);
  assert.equal(run.status, 1);
  const results = byFile(parseReport(run));
  assert.equal(results['good-kitchen.json']!.status, 'failed');
  assert.equal(results['good-kitchen.json']!.error.code, 'InvalidRequestException');
  assert.equal(results['good-kitchen.json']!.error.httpStatus, 400);
  assert.match(results['good-kitchen.json']!.error.message, /failed to satisfy constraint: Member must satisfy regular expression pattern/);
  assert.equal(results['good-garage.json']!.status, 'sent');
  assert.equal(results['good-porch.yaml']!.status, 'sent');
  assert.equal(iot.requests.filter((r) => r.status === 400).length, 1, 'not retried');
  assert.equal(iot.requests.find((r) => r.status === 400)!.url, '/otaUpdates/kitchen%20fw%21');
});

test('--profile takes credentials and region from the shared files (the standard chain); an unknown profile fails the run', async () => {
  await start({ region: 'eu-west-1' });
  const dir = submitProject();
  writeFileSync(
    path.join(dir, 'credentials'),
    `[ota-test]\naws_access_key_id = ${TEST_CREDENTIALS.accessKeyId}\naws_secret_access_key = ${TEST_CREDENTIALS.secretAccessKey}\n`,
  );
  writeFileSync(path.join(dir, 'config'), '[profile ota-test]\nregion = eu-west-1\n');
  const env = {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
    AWS_REGION: undefined,
    AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'credentials'),
    AWS_CONFIG_FILE: path.join(dir, 'config'),
  };
  const run = await submit(dir, ['requests/good-porch.yaml', '--profile', 'ota-test', '--format', 'json'], env);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const report = parseReport(run);
  assert.equal(report.region, 'eu-west-1');
  assert.equal(report.results[0]!.status, 'sent');
  const unknown = await submit(dir, ['requests/good-porch.yaml', '--profile', 'no-such-profile', '--region', 'eu-west-1'], env);
  assert.equal(unknown.status, 2);
  assert.equal(
    unknown.stderr,
    `otalint: The profile "no-such-profile" (--profile) is in neither ${env.AWS_CONFIG_FILE} nor ${env.AWS_SHARED_CREDENTIALS_FILE}. Profiles there: ota-test.\n`,
  );
  const typo = await submit(dir, ['requests/good-porch.yaml', '--format', 'json'], { ...env, AWS_PROFILE: 'ota-tset' });
  assert.match(typo.stderr, /^otalint: The profile "ota-tset" \(AWS_PROFILE\) is in neither .* Did you mean "ota-test"\?\n$/);
  assertNoSecrets(dir, run, unknown);
});

test('the run fails (exit 2) with a clear message when region or credentials are missing, or on bad options', async () => {
  await start();
  const dir = submitProject();
  const noRegion = await submit(dir, ['requests/good-kitchen.json'], { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });
  assert.equal(noRegion.status, 2);
  assert.equal(noRegion.stderr, 'otalint: No AWS region: pass --region, set AWS_REGION, or give the profile a region.\n');
  const noCredentials = await submit(dir, ['requests/good-kitchen.json'], {
    AWS_ACCESS_KEY_ID: undefined,
    AWS_SECRET_ACCESS_KEY: undefined,
    AWS_SESSION_TOKEN: undefined,
  });
  assert.equal(noCredentials.status, 2);
  assert.match(noCredentials.stderr, /^otalint: No usable AWS credentials: /);
  assert.equal(iot.requests.length, 0);
  for (const [args, message] of [
    [['--format', 'sarif'], /Unknown format "sarif" for submit; use one of: stylish, json\./],
    [['--max-attempts', '0'], /--max-attempts takes a whole number from 1 to 20, got "0"\./],
    [['--wait', '--wait-timeout', 'soon'], /--wait-timeout takes a number of seconds above 0, got "soon"\./],
    [['--fix'], /Unknown option --fix\. Run `otalint submit --help` for the options\./],
  ] as const) {
    const run = await submit(dir, ['requests/good-kitchen.json', ...args]);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, message);
  }
  const help = await runOtalint(['submit', '--help'], { cwd: dir });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: otalint submit/);
});

test('--max-warnings blocks a file with more warnings; --region overrides the environment', async () => {
  await start({ region: 'eu-west-1' });
  const dir = submitProject();
  // Turn an unknown key, normally an error, into a warning: the file then has at least one.
  const file = path.join(dir, 'requests/good-kitchen.json');
  writeFileSync(file, readFileSync(file, 'utf8').replace('"otaUpdateId"', '"fileLocaton": 1,\n  "otaUpdateId"'));
  const blocked = await submit(dir, [
    'requests/good-kitchen.json',
    '--rule',
    'aws-api-model:warn',
    '--max-warnings',
    '0',
    '--region',
    'eu-west-1',
    '--format',
    'json',
  ]);
  assert.equal(blocked.status, 1);
  const [result] = parseReport(blocked).results;
  assert.equal(result!.status, 'skipped');
  assert.match(result!.note, /^not sent: \d+ warnings?, more than --max-warnings 0$/);
  const allowed = await submit(dir, ['requests/good-kitchen.json', '--rule', 'aws-api-model:warn', '--region', 'eu-west-1', '--format', 'json']);
  const report = parseReport(allowed);
  assert.equal(allowed.status, 0, allowed.stdout);
  assert.equal(report.region, 'eu-west-1');
  assert.equal(report.results[0]!.update.otaUpdateArn, 'arn:aws:iot:eu-west-1:123456789012:otaupdate/kitchen-fw-1-4-2');
  assert.deepEqual(
    iot.requests.map((r) => r.status),
    [200],
  );
});

test.run();
