import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { REPO_ROOT, runOtalint } from './support/run-bin.js';

/**
 * A repository whose scripts, Makefile, workflows and README run `aws iot create-ota-update`
 * (a copy of fixtures/command-line), linted by `otalint .` as a user would: every finding lands
 * at the same place in the script in every format, and `--fix` edits the script text.
 */
const test = suite('command lines: otalint . on scripts, workflows and READMEs');

const FIXTURES = path.join(REPO_ROOT, 'fixtures/command-line');
const folders: string[] = [];
test.after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

function repository(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-command-lines-'));
  folders.push(dir);
  cpSync(FIXTURES, dir, { recursive: true, filter: (source) => !source.endsWith('.expected.json') });
  return dir;
}

interface Place {
  readonly file: string;
  readonly ruleId: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}
const key = (p: Place) => `${p.file} ${p.ruleId} ${p.line}:${p.column}-${p.endLine}:${p.endColumn}`;

/** 1-based line and column of the `nth` occurrence of `needle` in a file. */
function locate(dir: string, file: string, needle: string, nth = 1): { line: number; column: number } {
  const text = readFileSync(path.join(dir, file), 'utf8');
  let offset = -1;
  for (let i = 0; i < nth; i++) offset = text.indexOf(needle, offset + 1);
  assert.ok(offset >= 0, `${needle} is not in ${file}`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

async function lint(dir: string, format: string): Promise<string> {
  const result = await runOtalint(['.', '--format', format], { cwd: dir });
  assert.equal(result.status, 1, result.stderr);
  return result.stdout;
}

interface JsonReport {
  results: Array<{ filePath: string; messages: Array<Omit<Place, 'file'>> }>;
}

test('otalint . reads every kind, and puts each finding at the same line and column in JSON, SARIF, GitHub and stylish output', async () => {
  const dir = repository();
  const report = JSON.parse(await lint(dir, 'json')) as JsonReport;
  const fromJson = report.results.flatMap((result) =>
    result.messages.map((m) => ({
      file: path.relative(dir, path.resolve(dir, result.filePath)),
      ruleId: m.ruleId,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
    })),
  );
  const files = new Set(fromJson.map((p) => p.file));
  for (const file of ['release-mistakes.sh', 'Makefile', '.github/workflows/ota-release.yml', '.gitlab-ci.yml', 'README.md']) {
    assert.ok(files.has(file), `no finding in ${file}: ${[...files].join(', ')}`);
  }

  // Anchors found in the script text, not taken from the output.
  const expect = (file: string, ruleId: string, needle: string, nth = 1) => {
    const at = locate(dir, file, needle, nth);
    const found = fromJson.find((p) => p.file === file && p.ruleId === ruleId && p.line === at.line && p.column === at.column);
    assert.ok(
      found,
      `${ruleId} is not at ${file}:${at.line}:${at.column} (${needle}): ${fromJson
        .filter((p) => p.ruleId === ruleId)
        .map(key)
        .join('; ')}`,
    );
    assert.deepEqual([found.endLine, found.endColumn], [at.line, at.column + needle.length], `${ruleId}: the end of ${needle}`);
  };
  expect('release-mistakes.sh', 'cli-unknown-option', '--targett');
  expect('release-mistakes.sh', 'role-arn-format', 'arn:aws:iam:123456789012:role/service-role/my_ota_role');
  expect('release-mistakes.sh', 'protocols-combination', 'mqtt');
  expect('release-mistakes.sh', 'cli-duplicate-option', '--role-arn', 2);
  expect('release-mistakes.sh', 'target-arn-format', 'thinggroup/$GROUP');
  expect('README.md', 'doc-placeholder', 'YOUR_ROLE_ARN');
  expect('release-mistakes.sh', 'cli-option-needs-value', '--description');
  expect('.github/workflows/ota-release.yml', 'abort-threshold-precision', '10.555');
  expect('Makefile', 'presigned-url-expiry-range', '7200');

  const sarif = JSON.parse(await lint(dir, 'sarif')) as {
    runs: Array<{
      results: Array<{
        ruleId: string;
        suppressions?: unknown[];
        locations: Array<{
          physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } };
        }>;
      }>;
    }>;
  };
  // SARIF also lists suppressed results (with `suppressions`), which the other formats leave out.
  const fromSarif = sarif.runs[0]!.results.filter((r) => !r.suppressions?.length).map((r) => {
    const { artifactLocation, region } = r.locations[0]!.physicalLocation;
    const uri = artifactLocation.uri.startsWith('file:') ? new URL(artifactLocation.uri).pathname : path.resolve(dir, decodeURIComponent(artifactLocation.uri));
    return {
      file: path.relative(dir, uri),
      ruleId: r.ruleId,
      line: region.startLine,
      column: region.startColumn,
      endLine: region.endLine,
      endColumn: region.endColumn,
    };
  });
  assert.deepEqual(fromSarif.map(key).sort(), fromJson.map(key).sort());

  const fromGithub = (await lint(dir, 'github'))
    .trimEnd()
    .split('\n')
    .map((line) => {
      const match = /^::(?:error|warning|notice) file=([^,]+),line=(\d+),endLine=(\d+),col=(\d+),endColumn=(\d+),title=otalint ([\w-]+)::/.exec(line);
      assert.ok(match, line);
      return { file: match[1]!, ruleId: match[6]!, line: Number(match[2]), column: Number(match[4]), endLine: Number(match[3]), endColumn: Number(match[5]) };
    });
  assert.deepEqual(fromGithub.map(key).sort(), fromJson.map(key).sort());

  const stylish = await lint(dir, 'stylish');
  for (const place of fromJson) assert.match(stylish, new RegExp(`^\\s+${place.line}:${place.column}\\s.*${place.ruleId}$`, 'm'), key(place));
});

test('--fix edits the script text where the value is written, and only there', async () => {
  const dir = repository();
  const before = readFileSync(path.join(dir, 'release-mistakes.sh'), 'utf8');
  const result = await runOtalint(['--fix', 'release-mistakes.sh', '--format', 'json'], { cwd: dir });
  assert.equal(result.status, 1, result.stderr);
  const after = readFileSync(path.join(dir, 'release-mistakes.sh'), 'utf8');
  const changed = before.split('\n').flatMap((line, i) => (line === after.split('\n')[i] ? [] : [[line, after.split('\n')[i]]]));
  assert.deepEqual(changed, [
    ['ROLE="arn:aws:iam:123456789012:role/service-role/my_ota_role"', 'ROLE="arn:aws:iam::123456789012:role/service-role/my_ota_role"'],
    ['  --protocols mqtt \\', '  --protocols MQTT \\'],
  ]);
  const left = (JSON.parse(result.stdout) as JsonReport).results[0]!.messages.map((m) => m.ruleId);
  assert.ok(!left.includes('role-arn-format') && !left.includes('protocols-combination'), left.join(', '));
  const extracted = JSON.parse((await runOtalint(['extract', 'release-mistakes.sh'], { cwd: dir })).stdout) as Array<{
    request: { roleArn?: unknown; protocols?: unknown };
  }>;
  assert.equal(extracted[0]!.request.roleArn, 'arn:aws:iam::123456789012:role/service-role/my_ota_role');
  assert.deepEqual(extracted[0]!.request.protocols, ['MQTT']);
});

test.run();
