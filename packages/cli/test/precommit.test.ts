import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { REPO_ROOT, tempProject } from './helpers/run-cli.js';
import { hasProgram, noteSkipped } from './support/programs.js';

/**
 * The hook manifest through the real pre-commit, as a user meets it: a git repository with
 * request files, `pre-commit try-repo <this repository> otalint` (and a .pre-commit-config.yaml
 * pointing at it). The hook is `language: system`, so the built otalint must be on PATH, as
 * `npm install --global @otalint/cli` would put it.
 */
const test = suite('pre-commit hook (real pre-commit)');

const TARGET = 'arn:aws:iot:us-east-1:123456789012:thinggroup/sensors';
const GOOD = `${JSON.stringify(
  {
    otaUpdateId: 'fw-1_2_0',
    targets: [TARGET],
    protocols: ['MQTT'],
    files: [
      {
        fileName: 'firmware.bin',
        fileLocation: { stream: { streamId: 'fw-stream', fileId: 0 } },
        codeSigning: { awsSignerJobId: '1a2b3c4d-0000-1111-2222-333344445555' },
      },
    ],
    roleArn: 'arn:aws:iam::123456789012:role/ota-update-role',
  },
  null,
  2,
)}\n`;
const BAD_JSON =
  '{\n  "otaUpdateId": "bad id!",\n  "targets": ["arn:aws:iot:us-east-1:123456789012:thing/a"],\n  "files": [],\n  "roleArn": "arn:aws:iam::123456789012:role/ota"\n}\n';
const BAD_YAML = `otaUpdateId: fw-2\ntargets: ["${TARGET}"]\nfiles:\n  - fileName: firmware.bin\n    fileId: 3\nroleArn: arn:aws:iam::123456789012:role/ota\n`;

const scratch = tempProject({});
const ENV: NodeJS.ProcessEnv = {
  ...process.env,
  PATH: `${path.join(REPO_ROOT, 'node_modules/.bin')}${path.delimiter}${process.env.PATH ?? ''}`,
  PRE_COMMIT_HOME: path.join(scratch, 'cache'),
  // try-repo commits a shadow copy of uncommitted changes; CI machines may have no git identity.
  GIT_AUTHOR_NAME: 'otalint test',
  GIT_AUTHOR_EMAIL: 'test@otalint.invalid',
  GIT_COMMITTER_NAME: 'otalint test',
  GIT_COMMITTER_EMAIL: 'test@otalint.invalid',
  NO_COLOR: '1',
};

function run(command: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(command, args, { cwd, env: ENV, encoding: 'utf8', timeout: 180_000 });
}

function userRepository(files: Record<string, string>): string {
  const dir = tempProject(files);
  assert.equal(run('git', ['init', '-q'], dir).status, 0);
  assert.equal(run('git', ['add', '-A'], dir).status, 0);
  return dir;
}

const tryRepo = (dir: string, files: readonly string[]) => run('pre-commit', ['try-repo', REPO_ROOT, 'otalint', '--color', 'never', '--files', ...files], dir);
const hookLine = (stdout: string) => /^otalint \(AWS IoT CreateOTAUpdate requests\)\.+(\S.*)$/m.exec(stdout)?.[1];

const installed = hasProgram('pre-commit');
if (!installed) noteSkipped('the pre-commit hook tests', 'pre-commit is not installed (apt-get install pre-commit)');
const hookTest = installed ? test : test.skip;

const repo = installed
  ? userRepository({
      'ota/good.json': GOOD,
      'ota/bad.json': BAD_JSON,
      'ota/bad.yaml': BAD_YAML,
      'package.json': '{ "name": "firmware-tools", "private": true }\n',
      '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
      'data/settings.json': '{ "retries": 3 }\n',
    })
  : '';

hookTest('a good request passes', () => {
  const result = tryRepo(repo, ['ota/good.json']);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.equal(hookLine(result.stdout), 'Passed');
});

hookTest('bad requests fail, with the diagnostics shown (file, line:column, message, rule id)', () => {
  const result = tryRepo(repo, ['ota/good.json', 'ota/bad.json', 'ota/bad.yaml']);
  assert.equal(result.status, 1, result.stdout + result.stderr);
  assert.equal(hookLine(result.stdout), 'Failed');
  assert.match(result.stdout, /- exit code: 1/);
  assert.match(result.stdout, /\nota\/bad\.json\n {2}2:18 +error +`otaUpdateId` "bad id!" does not match .* aws-api-model\n/);
  assert.match(result.stdout, /\n {2}4:12 +error +`files` is empty.* aws-api-model\n/);
  assert.match(result.stdout, /\nota\/bad\.yaml\n(?: {2}.*\n)* {2}5:5 +error +.*fileId.* aws-api-model\n/);
  assert.doesNotMatch(result.stdout, /ota\/good\.json\n/);
});

hookTest('files that are never requests (package.json, CI workflows) are excluded by the manifest', () => {
  const result = tryRepo(repo, ['package.json', '.github/workflows/ci.yml']);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.equal(hookLine(result.stdout), '(no files to check)Skipped');
});

hookTest('a .pre-commit-config.yaml narrowing the hook with `files:` (as docs/pre-commit.md shows)', () => {
  const head = run('git', ['rev-parse', 'HEAD'], REPO_ROOT).stdout.trim();
  writeFileSync(
    path.join(repo, '.pre-commit-config.yaml'),
    `repos:\n  - repo: ${REPO_ROOT}\n    rev: ${head}\n    hooks:\n      - id: otalint\n        files: ^ota/\n`,
  );
  assert.equal(run('git', ['add', '.pre-commit-config.yaml'], repo).status, 0);
  // Only the request folder: data/settings.json (a JSON file, not a request) is left alone.
  const good = run('pre-commit', ['run', 'otalint', '--color', 'never', '--files', 'ota/good.json', 'data/settings.json'], repo);
  assert.equal(good.status, 0, good.stdout + good.stderr);
  assert.equal(hookLine(good.stdout), 'Passed');
  const all = run('pre-commit', ['run', 'otalint', '--color', 'never', '--all-files'], repo);
  assert.equal(all.status, 1, all.stdout + all.stderr);
  assert.match(all.stdout, /\nota\/bad\.json\n/);
  assert.doesNotMatch(all.stdout, /settings\.json/);
});

test.run();
