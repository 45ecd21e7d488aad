import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { REPO_ROOT, runCli, tempProject } from './helpers/run-cli.js';

/**
 * The `otalint` binary runs one bundled file (dist/otalint.cjs) with a V8 code cache. These tests
 * hold what that must not change: the AWS SDK stays out of it, and the cache is written, keyed,
 * refused and rewritten as bin/otalint.cjs says.
 */
const BUNDLE = path.join(REPO_ROOT, 'packages/cli/dist/otalint.cjs');
const bundleText = readFileSync(BUNDLE, 'latin1');
const contentHash = /^\/\/ otalint-bundle ([0-9a-f]{64})\n/.exec(bundleText)?.[1];
const cleanRequest = readFileSync(path.join(REPO_ROOT, 'fixtures/good/stream-signer-job.json'), 'utf8');

const test = suite('the bundled otalint');

test('the bundle names its content on its first line, and that is its SHA-256', async () => {
  const { createHash } = await import('node:crypto');
  assert.ok(contentHash, 'no content line');
  assert.equal(
    createHash('sha256')
      .update(bundleText.slice(bundleText.indexOf('\n') + 1))
      .digest('hex'),
    contentHash,
  );
});

test('the AWS SDK, TypeScript and the language server are not in the bundle: they load at run time, for the runs that need them', () => {
  assert.doesNotMatch(bundleText, /node_modules\/\.pnpm\/@(aws-sdk|smithy)\+/);
  assert.match(bundleText, /__otalintImport\("@aws-sdk\/client-iot"\)/);
  assert.doesNotMatch(
    bundleText,
    /node_modules\/\.pnpm\/(typescript|vscode-languageserver)@/,
    'TypeScript and the language server load only for code files and otalint lsp',
  );
});

/** Runs otalint on one clean file with TMPDIR (where the code cache lives) set to `temp`. */
function lintWithTemp(temp: string, env: NodeJS.ProcessEnv = {}) {
  const project = tempProject({ 'update.json': cleanRequest });
  const run = runCli(['--format', 'json', 'update.json'], { cwd: project, env: { TMPDIR: temp, ...env } });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).results[0].messages.length, 0);
  return run;
}

const cacheDir = (temp: string) => path.join(temp, `otalint-compile-cache-${process.getuid?.() ?? 'user'}`);

test('the first run writes the code cache, keyed by the bundle and the Node version; the next runs keep it', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'otalint-cache-'));
  lintWithTemp(temp);
  const name = `${contentHash!.slice(0, 32)}-${process.version}-${process.arch}.bin`;
  assert.deepEqual(readdirSync(cacheDir(temp)), [name]);
  const written = readFileSync(path.join(cacheDir(temp), name));
  assert.ok(written.length > 100_000, `a cache of ${written.length} bytes holds little compiled code`);
  lintWithTemp(temp);
  assert.deepEqual(readFileSync(path.join(cacheDir(temp), name)), written, 'an accepted cache is not rewritten');
});

test('a cache V8 refuses (corrupt, or made elsewhere) costs nothing but speed, and is written again', () => {
  const temp = mkdtempSync(path.join(tmpdir(), 'otalint-cache-'));
  lintWithTemp(temp);
  const [name] = readdirSync(cacheDir(temp));
  const file = path.join(cacheDir(temp), name!);
  writeFileSync(file, 'not a code cache');
  lintWithTemp(temp);
  assert.ok(readFileSync(file).length > 100_000, 'the refused cache was written again');
});

test('no cache in a folder that others can write, nor with NODE_DISABLE_COMPILE_CACHE', () => {
  const shared = mkdtempSync(path.join(tmpdir(), 'otalint-cache-'));
  mkdirSync(cacheDir(shared), { mode: 0o777 });
  chmodSync(cacheDir(shared), 0o777);
  lintWithTemp(shared);
  assert.deepEqual(readdirSync(cacheDir(shared)), []);

  const disabled = mkdtempSync(path.join(tmpdir(), 'otalint-cache-'));
  lintWithTemp(disabled, { NODE_DISABLE_COMPILE_CACHE: '1' });
  assert.equal(existsSync(cacheDir(disabled)), false);
});

test('from the bundle, a config file is still imported, and --version still reads package.json', () => {
  const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };
  assert.equal(runCli(['--version']).stdout.trim(), manifest.version);
  const project = tempProject({
    'update.json': cleanRequest.replace(
      '"maximumPerMinute": 50',
      '"exponentialRate": { "baseRatePerMinute": 5, "incrementFactor": 1.55, "rateIncreaseCriteria": { "numberOfSucceededThings": 10 } }',
    ),
    'otalint.config.mjs': `export default [{ rules: { 'increment-factor-precision': 'off' } }];\n`,
    'plain.config.mjs': `export default [{ extends: ['recommended'] }];\n`,
  });
  assert.equal(runCli(['update.json', '-c', 'plain.config.mjs'], { cwd: project }).status, 1, 'the request has the finding the config turns off');
  for (const env of [{}, { NODE_DISABLE_COMPILE_CACHE: '1' }]) {
    const run = runCli(['--format', 'json', 'update.json'], { cwd: project, env });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stderr, '');
  }
});

test('linting a clean file does not load node:crypto; a finding to fingerprint does', () => {
  const probe = path.join(REPO_ROOT, 'packages/cli/test/support/record-builtins.cjs');
  const project = tempProject({
    'clean.json': cleanRequest,
    'finding.json': cleanRequest.replace('"fileType": 0', '"fileType": -1'),
  });
  const builtinsOf = (file: string) => {
    const record = path.join(project, `${file}.builtins`);
    const run = runCli(['--format', 'json', file], { cwd: project, env: { NODE_OPTIONS: `--require ${probe}`, OTALINT_RECORD_BUILTINS: record } });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return readFileSync(record, 'utf8').trim().split('\n');
  };
  const clean = builtinsOf('clean.json');
  assert.ok(clean.includes('fs'), 'the probe saw the run');
  assert.equal(clean.includes('crypto'), false);
  assert.ok(builtinsOf('finding.json').includes('crypto'), 'a finding is fingerprinted');
});

test.run();
