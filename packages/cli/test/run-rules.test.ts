import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { runCli } from './helpers/run-cli.js';
import { ciProject, goodRequest, json } from './helpers/ci-project.js';

// otaupdate-id-unique looks at every request of the run: through lint, the cache, --stdin and baselines.
const test = suite('rules over the whole run, through the CLI');

const CONFIG = [{ rules: { 'otaupdate-id-unique': 'error' } }];
interface Report {
  results: Array<{ filePath: string; messages: Array<{ ruleId: string; message: string; line: number; fingerprint?: string }> }>;
}
const report = (stdout: string) => JSON.parse(stdout) as Report;
const finding = (file: string, line: number, ruleId: string, message: string) => `${file}:${line} ${ruleId}: ${message.slice(0, 70)}`;
const findings = (stdout: string) =>
  report(stdout).results.flatMap((result) => result.messages.map((m) => finding(result.filePath, m.line, m.ruleId, m.message)));
const TAKEN = '`otaUpdateId` "fw-1" is also the id of the update in a.json: ids are unique per account and region';
const SECOND = finding('b.json', 2, 'otaupdate-id-unique', TAKEN);

test('two files with one otaUpdateId: the second is an error, exit 1', () => {
  const cwd = ciProject({ 'a.json': json(goodRequest()), 'b.json': json(goodRequest()) }, CONFIG);
  const run = runCli(['.', '--format', 'json'], { cwd });
  assert.equal(run.status, 1, run.stderr);
  assert.deepEqual(findings(run.stdout), [SECOND]);
  assert.match(report(run.stdout).results[1]!.messages[0]!.fingerprint ?? '', /^[0-9a-f]{32}:1$/);
});

test('--cache: files served from the cache still take part, and the run finding is never cached', () => {
  const cwd = ciProject({ 'a.json': json(goodRequest()), 'b.json': json(goodRequest()) }, CONFIG);
  assert.deepEqual(findings(runCli(['.', '--cache', '--format', 'json'], { cwd }).stdout), [SECOND]);
  const cacheFile = path.join(cwd, '.otalint/cache.json');
  const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { files: Record<string, { messages: unknown[]; requests: unknown[] }> };
  assert.deepEqual(cache.files['../b.json']!.messages, [], 'the cache keeps per-file results only');
  assert.equal(cache.files['../a.json']!.requests.length, 1);

  // Both from the cache: still found. Then a third file with the same id: found for it too.
  assert.deepEqual(findings(runCli(['.', '--cache', '--format', 'json'], { cwd }).stdout), [SECOND]);
  writeFileSync(path.join(cwd, 'c.json'), json(goodRequest()));
  const third = findings(runCli(['.', '--cache', '--format', 'json'], { cwd }).stdout);
  assert.deepEqual(third, [SECOND, finding('c.json', 2, 'otaupdate-id-unique', TAKEN)]);
  // A changed id clears it, though the other file comes from the cache.
  writeFileSync(path.join(cwd, 'b.json'), json({ ...goodRequest(), otaUpdateId: 'fw-2' }));
  writeFileSync(path.join(cwd, 'c.json'), json({ ...goodRequest(), otaUpdateId: 'fw-3' }));
  assert.deepEqual(findings(runCli(['.', '--cache', '--format', 'json'], { cwd }).stdout), []);
});

test('--stdin sees only its own buffer', () => {
  const cwd = ciProject({ 'a.json': json(goodRequest()) }, CONFIG);
  const run = runCli(['--stdin', '--stdin-filename', 'b.json', '--format', 'json'], { cwd, input: json(goodRequest()) });
  assert.equal(run.status, 0, run.stdout);
  assert.deepEqual(findings(run.stdout), []);
});

test('a baseline records run findings like any other', () => {
  const cwd = ciProject({ 'a.json': json(goodRequest()), 'b.json': json(goodRequest()) }, CONFIG);
  assert.equal(runCli(['.', '--baseline-create', 'baseline.json'], { cwd }).status, 0);
  const again = runCli(['.', '--baseline', 'baseline.json', '--format', 'json'], { cwd });
  assert.equal(again.status, 0, again.stdout);
  assert.deepEqual(findings(again.stdout), []);
});

test('a disable comment waives it; one that waives nothing is reported', () => {
  const yaml = (comment: string) => `${comment}\notaUpdateId: fw-1\ntargets: [arn:aws:iot:us-east-1:123456789012:thing/d1]\n`;
  const cwd = ciProject(
    {
      'a.yaml': yaml('# otalint-disable-next-line otaupdate-id-unique -- nothing here'),
      'b.yaml': yaml('# otalint-disable-next-line otaupdate-id-unique -- a retry'),
    },
    CONFIG,
  );
  const run = runCli(['.', '--format', 'json'], { cwd });
  assert.deepEqual(findings(run.stdout), [
    finding('a.yaml', 1, 'unused-suppression', '"# otalint-disable-next-line otaupdate-id-unique -- nothing here" suppressed nothing'),
  ]);
});

test.run();
