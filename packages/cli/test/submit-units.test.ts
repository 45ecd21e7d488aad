import assert from 'node:assert/strict';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { parse as parseYaml } from 'yaml';
import { canonicalJson, requestHash } from '../src/submit/canonical-json.js';
import { redactSignatures, signatureStrings, toSdkInput } from '../src/submit/blobs.js';
import { differences } from '../src/submit/compare.js';
import { Journal, JournalWriteError, writeFully } from '../src/submit/journal.js';
import { Scrubber } from '../src/submit/secrecy.js';
import { waitForUpdate } from '../src/submit/waiter.js';
import type { IotClient } from '../src/submit/iot-client.js';
import { verifySigV4 } from './support/sigv4.js';

const SIGNATURE = Buffer.from([0x30, 0x45, 0x02, 0x21, 0x00, 0xff, 0x10, 0x20]).toString('base64');
const request = () => ({
  otaUpdateId: 'u1',
  targets: ['arn:aws:iot:us-east-1:123456789012:thing/b', 'arn:aws:iot:us-east-1:123456789012:thing/a'],
  files: [{ fileName: 'f', codeSigning: { customCodeSigning: { signature: { inlineDocument: SIGNATURE }, hashAlgorithm: 'SHA256' } } }],
  roleArn: 'arn:aws:iam::123456789012:role/r',
});

const hashing = suite('submit: request hash');
hashing('canonical JSON sorts keys at every level and ignores formatting and format', () => {
  const json = JSON.parse('{ "b": [ {"y": 1, "x": 2} ], "a": "é" }');
  const yaml = parseYaml('a: é\nb:\n  - x: 2\n    y: 1\n');
  assert.equal(canonicalJson(json), '{"a":"é","b":[{"x":2,"y":1}]}');
  assert.equal(requestHash(json), requestHash(yaml));
  assert.match(requestHash(json), /^sha256:[0-9a-f]{64}$/);
});
hashing('any change of content changes the hash; list order counts', () => {
  assert.notEqual(requestHash({ a: [1, 2] }), requestHash({ a: [2, 1] }));
  assert.notEqual(requestHash({ a: 1 }), requestHash({ a: 1, b: null }));
  assert.notEqual(requestHash({ a: '1' }), requestHash({ a: 1 }));
});
hashing.run();

const blobs = suite('submit: signature blob');
blobs('the SDK gets the signature as bytes, decoded once; nothing else changes', () => {
  const original = request();
  const input = toSdkInput(original) as ReturnType<typeof request> & {
    files: Array<{ codeSigning: { customCodeSigning: { signature: { inlineDocument: unknown } } } }>;
  };
  const bytes = input.files[0]!.codeSigning.customCodeSigning.signature.inlineDocument;
  assert.ok(Buffer.isBuffer(bytes));
  assert.equal((bytes as Buffer).toString('base64'), SIGNATURE);
  assert.equal(original.files[0]!.codeSigning.customCodeSigning.signature.inlineDocument, SIGNATURE, 'the input is not mutated');
  assert.deepEqual(input.targets, original.targets);
});
blobs('redaction replaces signature bytes with their size and a digest prefix', () => {
  const shown = JSON.stringify(redactSignatures(request()));
  assert.ok(!shown.includes(SIGNATURE));
  assert.match(shown, /<redacted: 8 bytes, sha256 [0-9a-f]{16}>/);
  assert.deepEqual(signatureStrings(request()), [SIGNATURE]);
  assert.deepEqual(signatureStrings({ files: 'nonsense' }), []);
});
blobs('the scrubber also finds the secret URL-encoded, JSON-escaped, and in base64 at every alignment inside longer data', () => {
  const secret = 'otalintTestSecret/Ab3Cd4Ef5+Gh6"Ij7';
  const scrubber = new Scrubber();
  scrubber.add(secret);
  const missed: string[] = [];
  for (let before = 0; before < 4; before++) {
    const data = Buffer.concat([Buffer.from('x'.repeat(before)), Buffer.from(secret), Buffer.from('tail')]);
    for (const text of [data.toString('base64'), data.toString('base64url'), encodeURIComponent(data.toString('base64'))]) {
      if (!scrubber.scrub(text).includes('[redacted]')) missed.push(text);
    }
  }
  for (const text of [encodeURIComponent(secret), JSON.stringify({ secret })]) if (scrubber.scrub(text).includes('Ab3Cd4')) missed.push(text);
  assert.deepEqual(missed, []);
});
blobs('the scrubber removes registered secrets from any text', () => {
  const scrubber = new Scrubber();
  scrubber.add('s3cr3t-value-123', undefined, 'short');
  assert.equal(scrubber.scrub('a s3cr3t-value-123 b s3cr3t-value-123 short'), 'a [redacted] b [redacted] short');
});
blobs.run();

const compare = suite('submit: same request?');
const remoteOf = (r: ReturnType<typeof request>) => ({
  otaUpdateId: r.otaUpdateId,
  targets: [...r.targets].reverse(),
  protocols: ['MQTT'],
  targetSelection: 'SNAPSHOT',
  creationDate: new Date(0),
  otaUpdateFiles: [
    { fileName: 'f', codeSigning: { customCodeSigning: { signature: { inlineDocument: Buffer.from(SIGNATURE, 'base64') }, hashAlgorithm: 'SHA256' } } },
  ],
});
compare('matches what GetOTAUpdate echoes: blobs as bytes, targets in any order, service defaults', () => {
  assert.deepEqual(differences(request(), remoteOf(request())), []);
});
compare('a different member is reported with both sides', () => {
  const remote = remoteOf(request());
  remote.otaUpdateFiles[0]!.fileName = 'other';
  assert.deepEqual(differences({ ...request(), description: 'new' }, remote), [
    { path: '/description', local: 'new', remote: undefined },
    { path: '/files/0/fileName', local: 'f', remote: 'other' },
  ]);
});
compare.run();

const journal = suite('submit: journal');
const journalDirs: string[] = [];
process.once('exit', () => journalDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempJournal = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-journal-'));
  journalDirs.push(dir);
  return path.join(dir, 'deep', 'submissions.jsonl');
};
const entry = { endpoint: 'https://iot.us-east-1.amazonaws.com', region: 'us-east-1', otaUpdateId: 'u1', requestHash: 'sha256:aa', file: 'a.json' };
journal('appends one JSON line per entry, creates its folder, and reads them back', () => {
  const file = tempJournal();
  const first = Journal.open(file, { run: 'r1', warn: assert.fail, scrub: (t) => t });
  first.append({ ...entry, event: 'attempt' });
  first.append({ ...entry, event: 'outcome', result: 'created', otaUpdateArn: 'arn:x' });
  first.close();
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(lines.length, 2);
  assert.equal(lines[0].event, 'attempt');
  assert.equal(lines[0].v, 1);
  assert.equal(lines[0].run, 'r1');
  assert.match(lines[0].time, /^\d{4}-\d\d-\d\dT/);
  const second = Journal.open(file, { run: 'r2', warn: assert.fail, scrub: (t) => t });
  assert.equal(second.lastSuccess(entry.endpoint, 'u1')?.otaUpdateArn, 'arn:x');
  assert.equal(second.lastSuccess('https://other', 'u1'), undefined);
  assert.ok(second.sentBefore(entry.endpoint, 'u1', 'sha256:aa', 'r2'));
  assert.ok(!second.sentBefore(entry.endpoint, 'u1', 'sha256:aa', 'r1'));
  second.close();
});
journal('a torn last line (a crash mid-write) is reported and skipped, not fatal', () => {
  const file = tempJournal();
  const first = Journal.open(file, { run: 'r1', warn: assert.fail, scrub: (t) => t });
  first.append({ ...entry, event: 'attempt' });
  first.close();
  writeFileSync(file, `${readFileSync(file, 'utf8')}{"v":1,"event":"outc`);
  const warnings: string[] = [];
  const second = Journal.open(file, { run: 'r2', warn: (m) => warnings.push(m), scrub: (t) => t });
  assert.equal(second.history(entry.endpoint, 'u1').length, 1);
  second.close();
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /:2: not a journal entry; ignored \(a write cut short by a crash\?\)/);
});
journal('after a torn last line, the next entry starts on a fresh line and is read back', () => {
  const file = tempJournal();
  const first = Journal.open(file, { run: 'r1', warn: assert.fail, scrub: (t) => t });
  first.append({ ...entry, event: 'attempt' });
  first.close();
  writeFileSync(file, `${readFileSync(file, 'utf8')}{"v":1,"event":"outc`);
  const second = Journal.open(file, { run: 'r2', warn: () => {}, scrub: (t) => t });
  second.append({ ...entry, event: 'outcome', result: 'created', otaUpdateArn: 'arn:x' });
  second.close();
  const third = Journal.open(file, { run: 'r3', warn: () => {}, scrub: (t) => t });
  assert.equal(third.lastSuccess(entry.endpoint, 'u1')?.otaUpdateArn, 'arn:x');
  third.close();
});
journal('a journal with a line from a newer otalint is refused, naming the line and the versions', () => {
  const file = tempJournal();
  const first = Journal.open(file, { run: 'r1', warn: assert.fail, scrub: (t) => t });
  first.append({ ...entry, event: 'attempt' });
  first.close();
  writeFileSync(file, `${readFileSync(file, 'utf8')}${JSON.stringify({ ...entry, v: 2, event: 'outcome', result: 'created' })}\n`);
  assert.throws(
    () => Journal.open(file, { run: 'r2', warn: assert.fail, scrub: (t) => t }),
    (error: Error) =>
      error.name === 'UsageError' && error.message.startsWith(`${file}:2 was written by a newer otalint (journal version 2; this one reads version 1).`),
  );
  assert.ok(!existsSync(`${file}.lock`), 'the lock is released');
});
journal('a lock file that exists but names no process is held while fresh, and taken over once old', () => {
  const file = tempJournal();
  Journal.open(file, { run: 'r0', warn: assert.fail, scrub: (t) => t }).close();
  writeFileSync(`${file}.lock`, '');
  assert.throws(() => Journal.open(file, { run: 'r1', warn: assert.fail, scrub: (t) => t }), /in use by another otalint submit;/);
  const old = new Date(Date.now() - 60_000);
  utimesSync(`${file}.lock`, old, old);
  Journal.open(file, { run: 'r2', warn: assert.fail, scrub: (t) => t }).close();
});
journal("close() removes only this run's lock, never one another run took since", () => {
  const file = tempJournal();
  const first = Journal.open(file, { run: 'r1', warn: assert.fail, scrub: (t) => t });
  // Someone removed the lock by hand and another run took it.
  rmSync(`${file}.lock`);
  writeFileSync(`${file}.lock`, '1\n');
  first.close();
  assert.equal(readFileSync(`${file}.lock`, 'utf8'), '1\n');
});
journal('a live lock holder refuses a second run; a dead one is taken over', () => {
  const file = tempJournal();
  const first = Journal.open(file, { run: 'r1', warn: assert.fail, scrub: (t) => t });
  assert.throws(() => Journal.open(file, { run: 'r2', warn: assert.fail, scrub: (t) => t }), /in use by another otalint submit \(pid \d+\)/);
  first.close();
  assert.ok(!existsSync(`${file}.lock`));
  writeFileSync(`${file}.lock`, '2147483646\n');
  Journal.open(file, { run: 'r3', warn: assert.fail, scrub: (t) => t }).close();
});
journal('a lock whose pid now belongs to another program (started since, or since a reboot) is taken over', () => {
  const file = tempJournal();
  Journal.open(file, { run: 'r0', warn: assert.fail, scrub: (t) => t }).close();
  // pid 1 lives, but it is not the process that took this lock.
  writeFileSync(`${file}.lock`, `1\nold-token\n${hostname()}\nanother-boot:12345\n`);
  Journal.open(file, { run: 'r1', warn: assert.fail, scrub: (t) => t }).close();
  assert.ok(!existsSync(`${file}.lock`));
});
journal('a lock from another host holds (it cannot be checked from here), and the message says what to do', () => {
  const file = tempJournal();
  Journal.open(file, { run: 'r0', warn: assert.fail, scrub: (t) => t }).close();
  writeFileSync(`${file}.lock`, '2147483646\nits-token\nbuild-07.example\n\n');
  assert.throws(
    () => Journal.open(file, { run: 'r1', warn: assert.fail, scrub: (t) => t }),
    (error: Error) =>
      error.message ===
      `The journal is in use by another otalint submit (pid 2147483646 on build-07.example); wait for it to finish. (A lock from another host cannot be checked from here: if that run is gone, remove ${file}.lock.)`,
  );
  assert.ok(existsSync(`${file}.lock`));
});
journal('a write the system takes only part of is continued until the line is whole; one that makes no progress fails', () => {
  const file = path.join(path.dirname(path.dirname(tempJournal())), 'written');
  const fd = openSync(file, 'w');
  const writes: number[] = [];
  // At most 5 bytes a call, as a write interrupted by a signal or near a full disk returns.
  writeFully(fd, '{"v":1,"event":"attempt"}\n', (target, bytes, offset) => {
    const count = writeSync(target, bytes, offset, Math.min(5, bytes.length - offset));
    writes.push(count);
    return count;
  });
  closeSync(fd);
  assert.equal(readFileSync(file, 'utf8'), '{"v":1,"event":"attempt"}\n');
  assert.deepEqual(writes, [5, 5, 5, 5, 5, 1]);
  assert.throws(() => writeFully(0, 'x', () => 0), /the write made no progress/);
});
journal('entries pass through the scrubber before they are written', () => {
  const file = tempJournal();
  const j = Journal.open(file, { run: 'r1', warn: assert.fail, scrub: (t) => t.replaceAll('SECRET', '[redacted]') });
  j.append({ ...entry, event: 'outcome', result: 'failed', error: { code: 'X', message: 'has SECRET inside' } });
  j.close();
  assert.ok(!readFileSync(file, 'utf8').includes('SECRET'));
});
journal('a failed write stops the run with JournalWriteError, naming the file', () => {
  const file = tempJournal();
  const j = Journal.open(file, { run: 'r1', warn: assert.fail, scrub: (t) => t });
  j.close();
  assert.throws(
    () => j.append({ ...entry, event: 'attempt' }),
    (error: Error) =>
      error instanceof JournalWriteError &&
      error.message.startsWith(`Cannot write the journal "${file}": `) &&
      error.message.endsWith('Stopped; nothing more is sent.'),
  );
});
journal.run();

const waiter = suite('submit: --wait');
const fakeClient = (statuses: string[], errorInfo?: { code: string; message: string }) => {
  let calls = 0;
  return {
    calls: () => calls,
    client: {
      get: async () => {
        const status = statuses[Math.min(calls++, statuses.length - 1)]!;
        return { otaUpdateStatus: status, ...(status === 'CREATE_FAILED' && errorInfo ? { errorInfo } : {}) };
      },
    } as unknown as IotClient,
  };
};
const clock = () => {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
};
waiter('polls until CREATE_COMPLETE', async () => {
  const fake = fakeClient(['CREATE_PENDING', 'CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
  const outcome = await waitForUpdate(fake.client, 'u1', { timeoutMs: 60_000, intervalMs: 1000, ...clock() });
  assert.deepEqual(outcome, { otaUpdateStatus: 'CREATE_COMPLETE', timedOut: false });
  assert.equal(fake.calls(), 3);
});
waiter('CREATE_FAILED carries errorInfo', async () => {
  const fake = fakeClient(['CREATE_IN_PROGRESS', 'CREATE_FAILED'], { code: 'AccessDenied', message: 'no iam:PassRole' });
  const outcome = await waitForUpdate(fake.client, 'u1', { timeoutMs: 60_000, intervalMs: 1000, ...clock() });
  assert.deepEqual(outcome, { otaUpdateStatus: 'CREATE_FAILED', errorInfo: { code: 'AccessDenied', message: 'no iam:PassRole' }, timedOut: false });
});
waiter('gives up at the timeout with the last status seen', async () => {
  const fake = fakeClient(['CREATE_IN_PROGRESS']);
  const outcome = await waitForUpdate(fake.client, 'u1', { timeoutMs: 5000, intervalMs: 1000, ...clock() });
  assert.deepEqual(outcome, { otaUpdateStatus: 'CREATE_IN_PROGRESS', timedOut: true });
  assert.equal(fake.calls(), 6);
});
waiter('a failed poll does not end the wait: polling goes on to the final status', async () => {
  let calls = 0;
  const client = {
    get: async () => {
      calls++;
      if (calls <= 2)
        throw Object.assign(new Error('An internal failure occurred.'), { name: 'InternalFailureException', $metadata: { httpStatusCode: 500, attempts: 3 } });
      return { otaUpdateStatus: calls < 4 ? 'CREATE_IN_PROGRESS' : 'CREATE_COMPLETE' };
    },
  } as unknown as IotClient;
  const outcome = await waitForUpdate(client, 'u1', { timeoutMs: 60_000, intervalMs: 1000, ...clock() });
  assert.deepEqual(outcome, { otaUpdateStatus: 'CREATE_COMPLETE', timedOut: false });
  assert.equal(calls, 4);
});
waiter('polls that keep failing: the wait times out and reports the last failure', async () => {
  const client = {
    get: async () => {
      throw Object.assign(new Error('An internal failure occurred.'), { name: 'InternalFailureException', $metadata: { httpStatusCode: 500 } });
    },
  } as unknown as IotClient;
  const outcome = await waitForUpdate(client, 'u1', { timeoutMs: 5000, intervalMs: 1000, ...clock() });
  assert.deepEqual(outcome, {
    otaUpdateStatus: 'UNKNOWN',
    errorInfo: { code: 'InternalFailureException', message: 'GetOTAUpdate failed: An internal failure occurred.' },
    timedOut: true,
  });
});
waiter('rejected credentials end the wait at once', async () => {
  let calls = 0;
  const client = {
    get: async () => {
      calls++;
      throw Object.assign(new Error('The security token included in the request is expired'), {
        name: 'ExpiredTokenException',
        $metadata: { httpStatusCode: 403 },
      });
    },
  } as unknown as IotClient;
  const outcome = await waitForUpdate(client, 'u1', { timeoutMs: 60_000, intervalMs: 1000, ...clock() });
  assert.equal(outcome.errorInfo?.code, 'ExpiredTokenException');
  assert.equal(calls, 1);
});
waiter.run();

const sigv4 = suite('test endpoint: SigV4 verifier');
sigv4('accepts the AWS SigV4 test suite vector get-vanilla (independent of the SDK)', () => {
  const verdict = verifySigV4(
    {
      method: 'GET',
      url: '/',
      headers: {
        host: 'example.amazonaws.com',
        'x-amz-date': '20150830T123600Z',
        authorization:
          'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
      },
      body: Buffer.alloc(0),
    },
    new Map([['AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY']]),
    ['service'],
    Date.parse('2015-08-30T12:36:00Z'),
  );
  assert.deepEqual(verdict, {
    ok: true,
    accessKeyId: 'AKIDEXAMPLE',
    service: 'service',
    region: 'us-east-1',
    signature: '5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
  });
});
sigv4('rejects the same request with another secret, another service, or a stale date', () => {
  const request = {
    method: 'GET',
    url: '/',
    headers: {
      host: 'example.amazonaws.com',
      'x-amz-date': '20150830T123600Z',
      authorization:
        'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    },
    body: Buffer.alloc(0),
  };
  const at = Date.parse('2015-08-30T12:36:00Z');
  const wrong = verifySigV4(request, new Map([['AKIDEXAMPLE', 'not-the-secret']]), ['service'], at);
  assert.equal(wrong.ok ? 'ok' : wrong.errorType, 'InvalidSignatureException');
  const service = verifySigV4(request, new Map([['AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY']]), ['iot'], at);
  assert.equal(service.ok, false);
  const stale = verifySigV4(request, new Map([['AKIDEXAMPLE', 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY']]), ['service'], at + 3600_000);
  assert.equal(stale.ok ? 'ok' : stale.message, 'Signature expired.');
  const unknown = verifySigV4(request, new Map(), ['service'], at);
  assert.equal(unknown.ok ? 'ok' : unknown.errorType, 'UnrecognizedClientException');
});
sigv4.run();
