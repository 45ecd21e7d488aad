import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { parse } from 'yaml';
import { dirtyFiles } from '../../../scripts/release.mjs';
import { findVerdaccio, preCommitHasNodeenv, startRegistry } from '../../../scripts/lib/local-registry.mjs';
import { publicPackages } from '../../../scripts/lib/packages.mjs';
import { REPO_ROOT, tempProject } from './helpers/run-cli.js';
import { fencedBlocks } from './support/markdown.js';
import { hasProgram, noteSkipped } from './support/programs.js';

/**
 * Every way users install otalint, against a real npm registry on loopback (verdaccio): `pnpm
 * release` publishes the packages to it, then fresh folders that know only the registry install
 * and run them, with the commands the README and docs show (each block is read from the Markdown
 * and must be what the test runs).
 */
const test = suite('install from a registry');

const VERSION = publicPackages(REPO_ROOT)[0].manifest.version as string;
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

/** Why the whole suite cannot run here, or undefined. */
function unmet(): string | undefined {
  if (!hasProgram('npm')) return 'npm is not installed';
  if (!findVerdaccio()) return 'verdaccio is not installed (.ci/run installs it: npm ci --prefix .ci/verdaccio)';
  const dirty = dirtyFiles(REPO_ROOT);
  if (dirty.length > 0)
    return `the working tree has uncommitted changes, and pnpm release publishes commits only (${dirty.length} files: ${dirty.slice(0, 3).join(', ')})`;
  return undefined;
}

let registry: Awaited<ReturnType<typeof startRegistry>> | undefined;
let reason = unmet();
if (reason === undefined) {
  try {
    registry = await startRegistry(findVerdaccio()!);
    process.on('exit', () => registry?.stop());
  } catch (error) {
    reason = `verdaccio could not start: ${(error as Error).message}`;
  }
}
if (reason) noteSkipped('the install-from-registry tests', reason);
const registryTest = registry ? test : test.skip;
const preCommitReason = !hasProgram('pre-commit')
  ? 'pre-commit is not installed (apt-get install pre-commit)'
  : !preCommitHasNodeenv()
    ? "pre-commit's Python has no nodeenv, which `language: node` needs (apt-get install nodeenv)"
    : undefined;
if (registry && preCommitReason) noteSkipped('the pre-commit hook tests', preCommitReason);
const hookTest = registry && !preCommitReason ? test : test.skip;

test.after(() => registry?.stop());

/** npm's cache for this suite: kept between runs (installs are faster), its npx installs not. */
const NPM_CACHE = path.join(tmpdir(), 'otalint-registry-test-npm-cache');
rmSync(path.join(NPM_CACHE, '_npx'), { recursive: true, force: true });

/** A user's environment: the registry from npm config, no otalint on PATH, nothing of pnpm's. */
function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm|pnpm)_/i.test(key) && !key.startsWith('PRE_COMMIT')) env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(path.delimiter)
    .filter((entry) => !entry.startsWith(REPO_ROOT) && !/[\\/]node_modules[\\/]\.bin$/.test(entry))
    .join(path.delimiter);
  env.NPM_CONFIG_USERCONFIG = registry!.userconfig;
  env.npm_config_registry = registry!.url;
  env.npm_config_cache = NPM_CACHE;
  env.NO_COLOR = '1';
  env.GIT_AUTHOR_NAME = env.GIT_COMMITTER_NAME = 'otalint test';
  env.GIT_AUTHOR_EMAIL = env.GIT_COMMITTER_EMAIL = 'test@otalint.invalid';
  return { ...env, ...extra };
}

function sh(command: string, cwd: string, env: NodeJS.ProcessEnv = userEnv()): SpawnSyncReturns<string> {
  return spawnSync('sh', ['-c', command], { cwd, env, encoding: 'utf8', timeout: 300_000 });
}
const output = (run: SpawnSyncReturns<string>) => `${run.stdout}\n${run.stderr}`;

/** The shell commands of a Markdown block, without comments. */
const commandsOf = (block: string) =>
  block
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('#'));

const readme = readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
const preCommitDoc = readFileSync(path.join(REPO_ROOT, 'docs/pre-commit.md'), 'utf8');
const ciDoc = readFileSync(path.join(REPO_ROOT, 'docs/ci.md'), 'utf8');
const pluginReadme = readFileSync(path.join(REPO_ROOT, 'packages/eslint-plugin/README.md'), 'utf8');

registryTest('pnpm release refuses a dirty tree, then publishes every public package; run again, it leaves them alone', () => {
  const probe = path.join(REPO_ROOT, 'release-dirty-probe.txt');
  writeFileSync(probe, 'not committed\n');
  let refused: SpawnSyncReturns<string>;
  try {
    refused = sh(`node scripts/release.mjs --skip-tests`, REPO_ROOT);
  } finally {
    rmSync(probe);
  }
  assert.equal(refused.status, 1, output(refused));
  assert.match(refused.stderr, /the working tree is not clean.*\n {2}\?\? release-dirty-probe\.txt/);
  assert.notEqual(sh('npm view @otalint/core version', REPO_ROOT).status, 0, 'nothing was published');

  const release = sh('node scripts/release.mjs --skip-tests', REPO_ROOT);
  assert.equal(release.status, 0, output(release));
  for (const { manifest } of publicPackages(REPO_ROOT)) {
    assert.match(release.stdout, new RegExp(`${manifest.name}@${VERSION}: published`));
    assert.equal(sh(`npm view ${manifest.name}@${VERSION} version`, REPO_ROOT).stdout.trim(), VERSION);
  }
  const again = sh('node scripts/release.mjs --skip-tests', REPO_ROOT);
  assert.equal(again.status, 0, output(again));
  assert.match(again.stdout, /0 of 4 packages published/);
  assert.match(again.stdout, /@otalint\/cli@[\d.]+: already on the registry, left alone/);
});

/** The README's install block: what a user types in their project. */
const INSTALL_COMMANDS = ['npm i -D @otalint/cli', 'npx otalint requests/', 'npx @otalint/cli requests/'];

/** The project of the npm test, with otalint in its devDependencies (the local hook test uses it). */
let devDependencyProject: string | undefined;

registryTest('npm i -D @otalint/cli, then npx otalint: exit 0 on good requests, 1 on bad ones; no AWS SDK installed', () => {
  const installBlock = fencedBlocks(readme.slice(readme.indexOf('\n## Install')), 'sh')[0]!;
  assert.deepEqual(commandsOf(installBlock).slice(0, 2), INSTALL_COMMANDS.slice(0, 2), 'the README shows what this test runs');
  const project = tempProject({ 'package.json': '{ "name": "firmware-tools", "private": true }\n', 'requests/good.json': GOOD });
  const install = sh(INSTALL_COMMANDS[0]!, project);
  assert.equal(install.status, 0, output(install));
  assert.equal(JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8')).devDependencies['@otalint/cli'], `^${VERSION}`);
  assert.ok(!existsSync(path.join(project, 'node_modules/@aws-sdk')), 'the AWS SDK is left out');
  devDependencyProject = project;

  const good = sh(INSTALL_COMMANDS[1]!, project);
  assert.equal(good.status, 0, output(good));
  writeFileSync(path.join(project, 'requests/bad.yaml'), BAD_YAML);
  const bad = sh(INSTALL_COMMANDS[1]!, project);
  assert.equal(bad.status, 1, output(bad));
  assert.match(bad.stdout, /requests\/bad\.yaml\n(?: {2}.*\n)* {2}5:5 +error +.*fileId.* aws-api-model\n/);

  // TypeScript is read with oxc-parser, whose native binding npm installed as an optional
  // dependency; without it (NAPI_RS_NATIVE_LIBRARY_PATH overrides the binding) typescript-estree reads it.
  const bindings = existsSync(path.join(project, 'node_modules/@oxc-parser')) ? readdirSync(path.join(project, 'node_modules/@oxc-parser')) : [];
  assert.ok(
    bindings.some((name) => name.startsWith(`binding-${process.platform}-${process.arch}`)),
    `oxc-parser's binding is installed (${bindings.join(', ')})`,
  );
  mkdirSync(path.join(project, 'src'));
  writeFileSync(
    path.join(project, 'src/rollout.ts'),
    "import { CreateOTAUpdateCommand } from '@aws-sdk/client-iot';\nexport const c = new CreateOTAUpdateCommand({ otaUpdateId: 'bad id!', targets: [], files: [], roleArn: 'r' });\n",
  );
  const code = sh('npx otalint src/', project);
  assert.equal(code.status, 1, output(code));
  assert.match(code.stdout, /src\/rollout\.ts\n(?: {2}.*\n)* {2}2:\d+ +error +.*otaUpdateId/);
  const fallback = sh('NAPI_RS_NATIVE_LIBRARY_PATH=/nonexistent/parser.node npx otalint src/', project);
  assert.equal(fallback.stdout, code.stdout, output(fallback));

  const submit = sh('npx otalint submit requests/good.json --dry-run --region us-east-1', project);
  assert.equal(submit.status, 2, output(submit));
  assert.match(
    submit.stderr,
    /otalint submit needs the AWS SDK for JavaScript v3, which @otalint\/cli does not install by itself \(missing: @aws-sdk\/client-iot\)\. Install it next to otalint: npm i -D @aws-sdk\/client-acm@3 /,
  );
});

registryTest('npx @otalint/cli with nothing installed (and the CI docs command)', () => {
  const empty = tempProject({});
  const version = sh('npx --yes @otalint/cli --version', empty);
  assert.equal(version.status, 0, output(version));
  assert.equal(version.stdout.trim(), VERSION);

  const installBlock = fencedBlocks(readme.slice(readme.indexOf('\n## Install')), 'sh')[0]!;
  assert.equal(commandsOf(installBlock)[2], INSTALL_COMMANDS[2]);
  const ciCommand = commandsOf(fencedBlocks(ciDoc.slice(ciDoc.indexOf('\n## Other CI systems')), 'sh')[0]!)[0]!;
  assert.equal(ciCommand, 'npx @otalint/cli requests/ --format stylish --format junit:reports/otalint.xml');
  const project = tempProject({ 'requests/good.json': GOOD, 'requests/bad.json': BAD_JSON });
  const run = sh(`npx --yes ${ciCommand.slice('npx '.length)}`, project);
  assert.equal(run.status, 1, output(run));
  assert.match(run.stdout, /requests\/bad\.json\n {2}2:18 +error/);
  assert.match(readFileSync(path.join(project, 'reports/otalint.xml'), 'utf8'), /<testsuite [^>]*name="requests\/bad\.json"/);
});

interface Step {
  id?: string;
  run?: string;
}
const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; runs: { steps: Step[] } };
const actionStep = (id: string) => action.runs.steps.find((s) => s.id === id)!;

registryTest("the GitHub Action's install and lint steps, run as the runner runs them, with the workflow docs/ci.md shows", () => {
  const workflow = parse(fencedBlocks(ciDoc.slice(ciDoc.indexOf('\n## The GitHub Action')), 'yaml')[0]!) as {
    jobs: { lint: { steps: Array<{ uses: string; with?: Record<string, string> }> } };
  };
  const uses = workflow.jobs.lint.steps.find((s) => s.uses.startsWith('otalint/otalint@'))!;
  assert.equal(uses.uses, `otalint/otalint@v${VERSION}`, 'the docs pin the released version');
  assert.equal(action.inputs.version!.default, VERSION, 'the Action installs its own version by default');
  for (const input of Object.keys(uses.with ?? {})) assert.ok(action.inputs[input], `the docs use the input "${input}", which action.yml has`);

  const project = tempProject({ 'requests/good.json': GOOD, 'requests/bad.json': BAD_JSON });
  const runnerTemp = tempProject({});
  const githubEnv = path.join(runnerTemp, 'github-env');
  const githubOutput = path.join(runnerTemp, 'github-output');
  writeFileSync(githubEnv, '');
  writeFileSync(githubOutput, '');
  const install = spawnSync('bash', ['-c', actionStep('install').run!], {
    cwd: project,
    encoding: 'utf8',
    env: userEnv({ RUNNER_TEMP: runnerTemp, GITHUB_ENV: githubEnv, OTALINT_VERSION: action.inputs.version!.default }),
    timeout: 300_000,
  });
  assert.equal(install.status, 0, output(install));
  const bin = /^OTALINT_BIN=(.*)$/m.exec(readFileSync(githubEnv, 'utf8'))![1]!;
  assert.equal(bin, path.join(runnerTemp, 'otalint/node_modules/.bin/otalint'));

  const lint = spawnSync('bash', ['-c', actionStep('lint').run!], {
    cwd: project,
    encoding: 'utf8',
    env: userEnv({
      OTALINT_BIN: bin,
      OTALINT_FILES: uses.with!.files!,
      OTALINT_ARGS: uses.with!.args ?? '',
      OTALINT_SARIF: action.inputs['sarif-file']!.default,
      GITHUB_OUTPUT: githubOutput,
    }),
  });
  assert.equal(lint.status, 0, output(lint));
  assert.match(readFileSync(githubOutput, 'utf8'), /^exit-code=1$/m);
  assert.match(lint.stdout, /^::error file=requests\/bad\.json,line=2,/m);
  const sarif = JSON.parse(readFileSync(path.join(project, 'otalint.sarif'), 'utf8'));
  assert.equal(sarif.runs[0].tool.driver.version, VERSION);
});

/** The pre-commit mirror repository as the release publishes it: the pre-commit/ folder, committed. */
function mirrorRepository(): { dir: string; rev: string } {
  const dir = tempProject({});
  cpSync(path.join(REPO_ROOT, 'pre-commit'), dir, { recursive: true });
  for (const command of ['git init -q', 'git add -A', 'git commit -qm mirror']) assert.equal(sh(command, dir).status, 0, command);
  return { dir, rev: sh('git rev-parse HEAD', dir).stdout.trim() };
}

/** The configs docs/pre-commit.md shows that use the mirror, pointed at the local one. */
function docConfigs(mirror: { dir: string; rev: string }): string[] {
  return fencedBlocks(preCommitDoc, 'yaml')
    .filter((block) => block.includes('https://github.com/otalint/pre-commit-otalint'))
    .map((block) => {
      assert.match(block, new RegExp(`rev: v${VERSION.replace(/\./g, '\\.')}\\b`), 'the docs pin the released version');
      return block.replace('https://github.com/otalint/pre-commit-otalint', mirror.dir).replace(/rev: v[\d.]+/, `rev: ${mirror.rev}`);
    });
}

const hookLine = (stdout: string) => /^otalint \(AWS IoT CreateOTAUpdate requests\)\.+(\S.*)$/m.exec(stdout)?.[1];

hookTest('the pre-commit hook, installed by pre-commit itself from the registry, in a repository without otalint', () => {
  const mirror = mirrorRepository();
  const configs = docConfigs(mirror);
  assert.equal(configs.length, 3, 'docs/pre-commit.md shows three configs for the hooks');
  const repo = tempProject({
    'ota/good.json': GOOD,
    'ota/bad.json': BAD_JSON,
    'ota/bad.yaml': BAD_YAML,
    'deploy/fw-1.2.ota.json': GOOD,
    'ota/drafts/wip.ota.json': BAD_JSON,
    'package.json': '{ "name": "firmware", "private": true }\n',
    '.github/workflows/ci.yml': 'on: push\njobs: {}\n',
    'data/settings.json': '{ "retries": 3 }\n',
  });
  const env = userEnv({ PRE_COMMIT_HOME: tempProject({}) });
  assert.notEqual(sh('command -v otalint', repo, env).status, 0, 'otalint is not on PATH');
  const preCommit = (args: string) => sh(`pre-commit ${args} --color never`, repo, env);
  writeFileSync(path.join(repo, '.pre-commit-config.yaml'), configs[0]!);
  assert.equal(sh('git init -q && git add -A', repo, env).status, 0);

  const good = preCommit('run otalint --files ota/good.json data/settings.json package.json');
  assert.equal(good.status, 0, output(good));
  assert.equal(hookLine(good.stdout), 'Passed');
  const bad = preCommit('run otalint --files ota/good.json ota/bad.json ota/bad.yaml');
  assert.equal(bad.status, 1, output(bad));
  assert.equal(hookLine(bad.stdout), 'Failed');
  assert.match(bad.stdout, /\nota\/bad\.json\n {2}2:18 +error +`otaUpdateId` "bad id!" does not match .* aws-api-model\n/);
  assert.match(bad.stdout, /\nota\/bad\.yaml\n(?: {2}.*\n)* {2}5:5 +error +.*fileId.* aws-api-model\n/);
  const all = preCommit('run otalint --all-files');
  assert.equal(all.status, 1, output(all));
  assert.doesNotMatch(all.stdout, /settings\.json|package\.json|ci\.yml|fw-1\.2/);
  const excluded = preCommit('run otalint --files package.json .github/workflows/ci.yml');
  assert.equal(hookLine(excluded.stdout), '(no files to check)Skipped', 'the manifest leaves out files that are never requests');

  writeFileSync(path.join(repo, '.pre-commit-config.yaml'), configs[1]!);
  const convention = preCommit('run otalint --all-files');
  assert.equal(convention.status, 0, output(convention));
  assert.equal(hookLine(convention.stdout), 'Passed', 'only deploy/fw-1.2.ota.json is checked; drafts are excluded');
});

const releaseScript = (protocol: string) => `#!/bin/sh
aws iot create-ota-update \\
  --ota-update-id fw-1_2_0 \\
  --targets ${TARGET} \\
  --protocols ${protocol} \\
  --files '[{"fileName":"firmware.bin","fileLocation":{"stream":{"streamId":"fw-stream","fileId":0}},"codeSigning":{"awsSignerJobId":"job-1"}}]' \\
  --role-arn "$ROLE_ARN"
`;

hookTest('both hooks installed with pre-commit install: git commit of a script whose create-ota-update has a mistake is refused', () => {
  const mirror = mirrorRepository();
  const both = docConfigs(mirror).find((config) => config.includes('id: otalint-sources'))!;
  assert.ok(both, 'docs/pre-commit.md shows a config with the otalint-sources hook');
  const repo = tempProject({
    'ota/good.json': GOOD,
    'scripts/release.sh': releaseScript('mqtt'),
    'docker-compose.yml': 'services: {}\n',
    'src/notes.ts': 'export const notes = 1;\n',
    '.pre-commit-config.yaml': both,
  });
  const env = userEnv({ PRE_COMMIT_HOME: tempProject({}) });
  for (const command of ['git init -q', 'pre-commit install']) assert.equal(sh(command, repo, env).status, 0, command);
  // git runs hooks with their stdout on its stderr.
  const refused = sh('git add -A && git commit -qm release', repo, env);
  assert.equal(refused.status, 1, output(refused));
  assert.match(output(refused), /\nscripts\/release\.sh\n {2}5:15 +error +Protocol "mqtt" must be written "MQTT".* protocols-combination\n/);
  assert.doesNotMatch(output(refused), /docker-compose|notes\.ts/, 'a YAML file that is not a workflow, and code without a request, pass');
  assert.notEqual(sh('git rev-parse --verify -q HEAD', repo, env).status, 0, 'nothing was committed');

  writeFileSync(path.join(repo, 'scripts/release.sh'), releaseScript('MQTT'));
  const committed = sh('git add -A && git commit -qm release', repo, env);
  assert.equal(committed.status, 0, output(committed));
  assert.match(output(committed), /^otalint \(create-ota-update in scripts, CI workflows, Markdown and code\)\.+Passed$/m);
});

hookTest('the local hook docs/pre-commit.md shows, for otalint in devDependencies', () => {
  const local = fencedBlocks(preCommitDoc, 'yaml').find((block) => block.includes('repo: local'))!;
  assert.match(local, /entry: npx --no-install otalint/);
  const repo = devDependencyProject!;
  assert.ok(repo, 'the npm i -D project is there');
  mkdirSync(path.join(repo, 'ota'));
  writeFileSync(path.join(repo, 'ota/good.json'), GOOD);
  writeFileSync(path.join(repo, 'ota/bad.json'), BAD_JSON);
  writeFileSync(path.join(repo, '.pre-commit-config.yaml'), local);
  const env = userEnv({ PRE_COMMIT_HOME: tempProject({}) });
  assert.equal(sh('git init -q && git add ota .pre-commit-config.yaml package.json', repo, env).status, 0);
  const good = sh('pre-commit run otalint --color never --files ota/good.json', repo, env);
  assert.equal(good.status, 0, output(good));
  const bad = sh('pre-commit run otalint --color never --all-files', repo, env);
  assert.equal(bad.status, 1, output(bad));
  assert.match(bad.stdout, /\nota\/bad\.json\n {2}2:18 +error/);
});

registryTest('eslint-plugin-otalint installed beside eslint, used from eslint.config.mjs as its README shows', () => {
  const install = commandsOf(fencedBlocks(pluginReadme, 'sh')[0]!);
  assert.deepEqual(install, ['npm i -D eslint eslint-plugin-otalint']);
  const config = fencedBlocks(pluginReadme, 'js')[0]!;
  const project = tempProject({
    'package.json': '{ "name": "ota-lambda", "private": true, "type": "module" }\n',
    'eslint.config.mjs': config,
    'src/handler.ts': readFileSync(path.join(REPO_ROOT, 'fixtures/eslint-project/src/handler.ts'), 'utf8'),
  });
  const installed = sh(install[0]!, project);
  assert.equal(installed.status, 0, output(installed));
  const run = sh('npx eslint src/ --format json', project);
  assert.equal(run.status, 1, output(run));
  const [file] = JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; severity: number; line: number }> }>;
  const roleArn = file!.messages.find((message) => message.ruleId === 'otalint/role-arn-format');
  assert.ok(roleArn, JSON.stringify(file!.messages));
  assert.equal(roleArn.severity, 2);
  assert.ok(
    file!.messages.every((message) => message.ruleId?.startsWith('otalint/')),
    'only otalint rules are configured',
  );
});

mkdirSync(NPM_CACHE, { recursive: true });
test.run();
