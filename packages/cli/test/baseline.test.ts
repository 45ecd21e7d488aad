import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { runCli } from './helpers/run-cli.js';
import { badRequest, ciProject, goodRequest, json } from './helpers/ci-project.js';

const test = suite('baseline');

const readJson = (cwd: string, file: string) => JSON.parse(readFileSync(path.join(cwd, file), 'utf8'));
const fingerprintsOf = (report: { results: Array<{ filePath: string; messages: Array<{ ruleId: string; path: string; fingerprint: string }> }> }) =>
  report.results.flatMap((r) => r.messages.map((m) => `${r.filePath} ${m.path}`));

test('adopting otalint: create a baseline, survive edits elsewhere, fail only on new findings, note fixed ones', () => {
  const cwd = ciProject({ 'requests/a.json': json(badRequest()), 'requests/b.json': json(goodRequest()) });

  const created = runCli(['requests', '--baseline-create', 'ci/otalint-baseline.json', '--format', 'json'], { cwd });
  assert.equal(created.status, 0, created.stderr);
  assert.match(created.stderr, /wrote ci\/otalint-baseline\.json with 2 findings in 1 file\./);
  assert.deepEqual(fingerprintsOf(JSON.parse(created.stdout)), [], 'what was just baselined is not reported');
  const baseline = readJson(cwd, 'ci/otalint-baseline.json');
  assert.deepEqual(Object.keys(baseline.files), ['../requests/a.json'], 'keyed relative to the baseline file');
  assert.deepEqual(
    Object.values(baseline.files['../requests/a.json'])
      .map((e) => (e as { path: string }).path)
      .sort(),
    ['/files/0/fileLocation/stream/fileId', '/otaUpdateId'],
  );

  // Edits elsewhere: a description above, keys reordered, re-indented. The findings move lines.
  const edited = badRequest();
  writeFileSync(
    path.join(cwd, 'requests/a.json'),
    JSON.stringify(
      { description: 'added later', roleArn: edited.roleArn, files: edited.files, targets: edited.targets, otaUpdateId: edited.otaUpdateId },
      null,
      4,
    ),
  );
  const same = runCli(['requests', '--baseline', 'ci/otalint-baseline.json'], { cwd });
  assert.equal(same.status, 0, same.stdout + same.stderr);
  assert.equal(same.stdout, '');
  assert.match(same.stderr, /2 findings in the baseline ci\/otalint-baseline\.json not shown/);

  // A new finding in the same file, and one in a file the baseline does not know: only those count.
  const worse = { ...edited, otaUpdateId: 'bad id!', roleArn: 'short' };
  writeFileSync(path.join(cwd, 'requests/a.json'), json(worse));
  writeFileSync(path.join(cwd, 'requests/b.json'), json({ ...goodRequest(), otaUpdateId: 'also bad!' }));
  const newer = runCli(['requests', '--baseline', 'ci/otalint-baseline.json', '--format', 'json'], { cwd });
  assert.equal(newer.status, 1);
  assert.deepEqual(fingerprintsOf(JSON.parse(newer.stdout)), ['requests/a.json /roleArn', 'requests/b.json /otaUpdateId']);

  // The same rule at the same pointer with a different value is a new finding too.
  writeFileSync(path.join(cwd, 'requests/a.json'), json({ ...badRequest(), otaUpdateId: 'other bad id!' }));
  writeFileSync(path.join(cwd, 'requests/b.json'), json(goodRequest()));
  const changed = runCli(['requests', '--baseline', 'ci/otalint-baseline.json', '--format', 'json'], { cwd });
  assert.equal(changed.status, 1);
  assert.deepEqual(fingerprintsOf(JSON.parse(changed.stdout)), ['requests/a.json /otaUpdateId']);
  assert.match(changed.stderr, /1 baselined finding is fixed; run --baseline-create ci\/otalint-baseline\.json to tighten the baseline/);
});

test('the baseline is the run directory independent: the same result from a sub folder', () => {
  const cwd = ciProject({ 'requests/a.json': json(badRequest()) });
  assert.equal(runCli(['requests', '--baseline-create', 'baseline.json'], { cwd }).status, 0);
  const fromSub = runCli(['a.json', '--baseline', '../baseline.json', '--config', '../.otalintrc.json'], { cwd: path.join(cwd, 'requests') });
  assert.equal(fromSub.status, 0, fromSub.stdout + fromSub.stderr);
});

test('unsuppressible rules and syntax errors are never baselined', () => {
  const cwd = ciProject({ 'a.json': json(badRequest()), 'broken.json': '{"otaUpdateId": "x",,}' }, [
    { rules: { 'aws-api-model': 'error' }, unsuppressible: ['aws-api-model'] },
  ]);
  const created = runCli(['.', '--baseline-create', 'baseline.json', '--format', 'json'], { cwd });
  assert.equal(created.status, 1);
  assert.match(created.stderr, /wrote baseline\.json with 0 findings in 0 files\. \d+ could not be baselined/);
  const ids = JSON.parse(created.stdout).results.flatMap((r: { messages: Array<{ ruleId: string }> }) => r.messages.map((m) => m.ruleId));
  assert.ok(ids.includes('aws-api-model') && ids.includes('syntax-error'), ids.join());
});

test('a missing, malformed or foreign baseline is a failed run (exit 2) with a clear message', () => {
  const cwd = ciProject({ 'a.json': json(badRequest()), 'not-json.json': '{', 'foreign.json': '{"version": 3}' });
  const missing = runCli(['a.json', '--baseline', 'nope.json'], { cwd });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /The baseline nope\.json does not exist; create it with --baseline-create nope\.json/);
  const malformed = runCli(['a.json', '--baseline', 'not-json.json'], { cwd });
  assert.equal(malformed.status, 2);
  assert.match(malformed.stderr, /is not valid JSON/);
  const foreign = runCli(['a.json', '--baseline', 'foreign.json'], { cwd });
  assert.equal(foreign.status, 2);
  assert.match(foreign.stderr, /is not an otalint baseline/);
  const both = runCli(['a.json', '--baseline', 'x.json', '--baseline-create', 'y.json'], { cwd });
  assert.equal(both.status, 2);
  assert.match(both.stderr, /not both/);
});

test('a baselined file keeps what the report says of it: its kind and its requests', () => {
  const script = `#!/bin/sh\naws iot create-ota-update --ota-update-id 'bad id!' --targets arn:aws:iot:us-east-1:123456789012:thing/t1 --role-arn arn:aws:iam::123456789012:role/ota --files '[{"fileName":"f","fileLocation":{"s3Location":{"bucket":"b","key":"k"}}}]'\n`;
  const cwd = ciProject({ 'deploy.sh': script });
  const plain = JSON.parse(runCli(['deploy.sh', '--format', 'json'], { cwd }).stdout).results[0];
  assert.ok(plain.messages.length > 0, 'the script has a finding to baseline');
  const created = runCli(['deploy.sh', '--baseline-create', 'baseline.json', '--format', 'json'], { cwd });
  assert.equal(created.status, 0, created.stderr);
  const baselined = JSON.parse(created.stdout).results[0];
  assert.deepEqual(baselined.messages, []);
  assert.equal(baselined.suppressedMessages.length, plain.messages.length);
  assert.equal(baselined.kind, 'shell');
  assert.deepEqual(baselined.requests, plain.requests);
});

test.run();
