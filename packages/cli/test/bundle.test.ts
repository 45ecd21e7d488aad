import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { FEW_REQUESTS_V8_FLAGS, LARGE_RUN_V8_FLAGS } from '@otalint/core/engine';
import { LARGE_RUN_FILES } from '../src/pipeline.js';
import { YOUNG_GENERATION_V8_FLAGS } from '../src/young-generation.js';
import { BIN, REPO_ROOT, runCli, tempProject } from './helpers/run-cli.js';

/**
 * The `otalint` binary runs one bundled file (dist/otalint.cjs) with a V8 code cache. These tests
 * hold what that must not change: the AWS SDK stays out of it, and the cache is written, keyed,
 * refused, rewritten and pruned as bin/otalint.cjs and bin/code-cache.cjs say.
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

test("a built-in's exports are copied for a default import once, not once per importing module (some 36 import node:path so)", () => {
  assert.doesNotMatch(bundleText, /__toESM\(require\("node:/);
  assert.ok((bundleText.match(/__otalintBuiltinNamespace\("node:path"\)/g) ?? []).length > 10);
  const project = tempProject({ 'update.json': cleanRequest });
  const run = runCli(['--format', 'json', 'update.json'], { cwd: project });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).results[0].messages.length, 0);
});

/** Runs otalint (`args`, default: lint one clean file) with its code cache in `cacheDir`. */
function runWithCache(cacheDir: string, args = ['--format', 'json', 'update.json'], env: NodeJS.ProcessEnv = {}) {
  const project = tempProject({ 'update.json': cleanRequest });
  const run = runCli(args, { cwd: project, env: { OTALINT_COMPILE_CACHE: cacheDir, ...env } });
  assert.equal(run.status, 0, run.stderr);
  if (args.includes('update.json')) assert.equal(JSON.parse(run.stdout).results[0].messages.length, 0);
  return run;
}

const codeCache = createRequire(import.meta.url)('../bin/code-cache.cjs') as {
  cacheFolders(bundle: string, env?: NodeJS.ProcessEnv): string[];
  cacheName(bundle: string, contentHash: string, runClass: 'files' | 'tree'): string;
  modulesCacheName(bundle: string, contentHash: string): string;
  readCache(folders: string[], name: string, bundleOwner: () => number): { file: string; data: Buffer } | undefined;
  writeCache(folders: string[], name: string, data: Buffer, now?: number): string | undefined;
};
/** This build's cache for runs of a few named files, what `runWithCache` runs by default; beside it, the one for runs of folders, and the modules'. */
const thisBuild = codeCache.cacheName(BUNDLE, contentHash!, 'files');
const thisBuildForFolders = codeCache.cacheName(BUNDLE, contentHash!, 'tree');
const modulesOfThisBuild = codeCache.modulesCacheName(BUNDLE, contentHash!);
const freshFolder = () => mkdtempSync(path.join(tmpdir(), 'otalint-code-cache-'));

test('a lint run writes the code cache, named for the install, the bundle and the Node version; the next runs keep it', () => {
  const dir = freshFolder();
  runWithCache(dir);
  assert.match(thisBuild, new RegExp(`^[0-9a-z]+-${contentHash!.slice(0, 32)}-${process.version.replaceAll('.', '\\.')}-${process.arch}\\.files\\.bin$`));
  assert.deepEqual(readdirSync(dir), [thisBuild]);
  const written = readFileSync(path.join(dir, thisBuild));
  assert.ok(written.length > 100_000, `a cache of ${written.length} bytes holds little compiled code`);
  assert.equal(statSync(path.join(dir, thisBuild)).mode & 0o777, 0o600, 'a cache in a folder of its own: this user only');
  runWithCache(dir);
  assert.deepEqual(readFileSync(path.join(dir, thisBuild)), written, 'an accepted cache is not rewritten');
});

test('a cache is written again, once, after a run that did what the runs it holds did not (read TypeScript, report findings): it then holds the code of both', () => {
  const dir = freshFolder();
  const project = tempProject({
    'update.json': cleanRequest,
    'finding.json': cleanRequest.replace('"fileType": 0', '"fileType": -1'),
    'rollout.ts': "import { CreateOTAUpdateCommand } from '@aws-sdk/client-iot';\nexport const c = new CreateOTAUpdateCommand(" + cleanRequest + ');\n',
  });
  const file = path.join(dir, thisBuild);
  const lint = (name: string) => {
    const run = runCli(['--format', 'json', name], { cwd: project, env: { OTALINT_COMPILE_CACHE: dir } });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const cache = readFileSync(file);
    const traits = JSON.parse(cache.subarray(4, 4 + cache.readUInt32LE(0)).toString('utf8')) as string[];
    return { traits, size: cache.length, inode: statSync(file).ino };
  };
  const json = lint('update.json');
  assert.deepEqual(json.traits, ['format:json', 'kind:json']);
  const code = lint('rollout.ts');
  assert.deepEqual(code.traits, ['format:json', 'kind:javascript', 'kind:json']);
  assert.ok(code.size > json.size, `the TypeScript reader's code was added (${json.size} -> ${code.size} bytes)`);
  assert.equal(lint('update.json').inode, code.inode, 'a run the cache covers leaves it as it is');
  assert.equal(lint('rollout.ts').inode, code.inode);
  const findings = lint('finding.json');
  assert.deepEqual(findings.traits, ['findings', 'format:json', 'kind:javascript', 'kind:json']);
  assert.ok(findings.size > code.size);
  assert.equal(lint('rollout.ts').inode, findings.inode);
});

test('a run of named files and a run of a folder keep a cache each: a repository-wide run of every kind does not grow the cache a pre-commit run reads', () => {
  const dir = freshFolder();
  const project = tempProject({
    'update.json': cleanRequest,
    'scripts/rollout.ts': "import { CreateOTAUpdateCommand } from '@aws-sdk/client-iot';\nexport const c = new CreateOTAUpdateCommand(" + cleanRequest + ');\n',
    'scripts/release.sh': '#!/bin/sh\naws iot create-ota-update --cli-input-json file://../update.json\n',
  });
  const lint = (args: string[], input = '') => {
    const run = runCli(['--format', 'json', ...args], { cwd: project, env: { OTALINT_COMPILE_CACHE: dir }, input });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
  };
  const traitsOf = (name: string) => {
    const cache = readFileSync(path.join(dir, name));
    return JSON.parse(cache.subarray(4, 4 + cache.readUInt32LE(0)).toString('utf8')) as string[];
  };
  lint(['update.json']);
  const named = readFileSync(path.join(dir, thisBuild));
  assert.deepEqual(readdirSync(dir), [thisBuild]);
  lint(['.']);
  assert.deepEqual(readdirSync(dir).sort(), [thisBuild, thisBuildForFolders, modulesOfThisBuild].sort());
  assert.deepEqual(traitsOf(thisBuildForFolders), ['findings', 'format:json', 'kind:javascript', 'kind:json', 'kind:shell']);
  assert.deepEqual(readFileSync(path.join(dir, thisBuild)), named, 'the cache of runs of named files is as the one-file run left it');
  assert.ok(statSync(path.join(dir, thisBuildForFolders)).size > named.length, "the folder's cache holds the readers' code too");
  lint(['--stdin', '--stdin-filename', 'scripts/rollout.ts'], readFileSync(path.join(project, 'scripts/rollout.ts'), 'utf8'));
  assert.deepEqual(traitsOf(thisBuild), ['format:json', 'kind:javascript', 'kind:json'], "an editor's run (standard input) is a run of named files");
  assert.deepEqual(traitsOf(thisBuildForFolders), ['findings', 'format:json', 'kind:javascript', 'kind:json', 'kind:shell']);
});

test('otalint --version, --help and other commands write no cache: they compile little of what lint needs', () => {
  const dir = freshFolder();
  runWithCache(dir, ['--version']);
  runWithCache(dir, ['--help']);
  runWithCache(dir, ['rules']);
  assert.deepEqual(readdirSync(dir), []);
});

test('a cache V8 refuses (corrupt, or made elsewhere) costs nothing but speed, and is written again', () => {
  const dir = freshFolder();
  writeFileSync(path.join(dir, thisBuild), 'not a code cache', { mode: 0o600 });
  runWithCache(dir);
  assert.ok(readFileSync(path.join(dir, thisBuild)).length > 100_000, 'the refused cache was written again');
});

test('a cache file that others may write is never read: it is replaced', () => {
  const dir = freshFolder();
  runWithCache(dir);
  const file = path.join(dir, thisBuild);
  // A valid cache, but writable by anyone: what it holds cannot be trusted.
  chmodSync(file, 0o666);
  const planted = statSync(file).ino;
  runWithCache(dir);
  assert.equal(statSync(file).mode & 0o777, 0o600);
  assert.notEqual(statSync(file).ino, planted, 'a new file took its place');
});

test('a cache of an older build of this install is removed when the new one is written; other installs keep theirs until 30 days untouched', () => {
  const dir = freshFolder();
  const [install] = thisBuild.split('-');
  const olderBuild = `${install}-${'0'.repeat(32)}-${process.version}-${process.arch}.files.bin`;
  const olderBuildsModules = `${install}-${'0'.repeat(32)}-${process.version}-${process.arch}.modules.bin`;
  const otherNode = `${install}-${contentHash!.slice(0, 32)}-v18.0.0-${process.arch}.tree.bin`;
  const foldersCache = thisBuildForFolders;
  const otherInstall = `zzzz-${'1'.repeat(32)}-${process.version}-${process.arch}.bin`;
  const forgottenInstall = `yyyy-${'2'.repeat(32)}-${process.version}-${process.arch}.bin`;
  const abandoned = `${thisBuild}.12345.tmp`;
  const unrelated = 'notes.txt';
  for (const name of [olderBuild, olderBuildsModules, otherNode, otherInstall, forgottenInstall, abandoned, unrelated, foldersCache])
    writeFileSync(path.join(dir, name), 'x', { mode: 0o600 });
  const longAgo = new Date(Date.now() - 31 * 24 * 60 * 60 * 1000);
  utimesSync(path.join(dir, forgottenInstall), longAgo, longAgo);
  utimesSync(path.join(dir, abandoned), longAgo, longAgo);
  runWithCache(dir);
  assert.deepEqual(readdirSync(dir).sort(), [otherInstall, thisBuild, foldersCache, unrelated].sort(), "this build's other caches stay");
});

test('no cache with NODE_DISABLE_COMPILE_CACHE', () => {
  const dir = freshFolder();
  runWithCache(dir, undefined, { NODE_DISABLE_COMPILE_CACHE: '1' });
  assert.deepEqual(readdirSync(dir), []);
});

test('the cache sits in the package, beside the bundle; then the user cache folder; OTALINT_COMPILE_CACHE names one folder', () => {
  const bundle = path.join('/opt/app/node_modules/@otalint/cli/dist/otalint.cjs');
  assert.deepEqual(codeCache.cacheFolders(bundle, { HOME: '/home/me' }), ['/opt/app/node_modules/@otalint/cli/.code-cache', '/home/me/.cache/otalint']);
  assert.deepEqual(codeCache.cacheFolders(bundle, { HOME: '/home/me', XDG_CACHE_HOME: '/var/cache/me' }), [
    '/opt/app/node_modules/@otalint/cli/.code-cache',
    '/var/cache/me/otalint',
  ]);
  assert.deepEqual(codeCache.cacheFolders(bundle, { HOME: '/home/me', OTALINT_COMPILE_CACHE: '/tmp/cc' }), ['/tmp/cc']);
  const packaged = JSON.parse(readFileSync(path.join(REPO_ROOT, 'packages/cli/package.json'), 'utf8')) as { files: string[] };
  assert.ok(!packaged.files.some((entry) => entry.startsWith('.code-cache')), 'the cache is never published');
});

test('a package folder that cannot be written (a read-only install): the cache goes to the next folder, and is read from there', () => {
  const blocked = path.join(freshFolder(), 'not-a-folder');
  writeFileSync(blocked, 'a file where the cache folder would be');
  const fallback = path.join(freshFolder(), 'user-cache');
  const data = Buffer.from('compiled code');
  const folders = [path.join(blocked, '.code-cache'), fallback];
  assert.equal(codeCache.writeCache(folders, thisBuild, data), path.join(fallback, thisBuild));
  assert.deepEqual(readdirSync(fallback), [thisBuild]);
  assert.deepEqual(codeCache.readCache(folders, thisBuild, () => -1)?.data, data);
  assert.equal(codeCache.writeCache([path.join(blocked, '.code-cache')], thisBuild, data), undefined, 'nowhere to write: no cache, no error');
});

const RECORD_CODE_CACHE = path.join(REPO_ROOT, 'packages/cli/test/support/record-code-cache.cjs');

test('a run that read shell code (whose parser sets V8 flags) writes caches the next runs accept, whatever they read', () => {
  const dir = freshFolder();
  const project = tempProject({
    'update.json': cleanRequest,
    'request.yaml': 'otaUpdateId: fw-1\n',
    'release.sh': '#!/bin/sh\naws iot create-ota-update --cli-input-json file://update.json\n',
  });
  const record = path.join(project, 'code-cache.txt');
  /** How V8 took the bundle's cache in a run of `files`. */
  const lint = (...files: string[]) => {
    writeFileSync(record, '');
    const env = { OTALINT_COMPILE_CACHE: dir, NODE_OPTIONS: `--require ${RECORD_CODE_CACHE}`, OTALINT_RECORD_CODE_CACHE: record };
    const run = runCli(['--format', 'json', ...files], { cwd: project, env });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return readFileSync(record, 'utf8').trim();
  };
  // YAML's modules compile before the shell parser loads, the bundle before both.
  assert.equal(lint('request.yaml', 'release.sh'), 'main none');
  const modules = modulesOfThisBuild;
  assert.deepEqual(readdirSync(dir).sort(), [thisBuild, modules].sort());
  // The bundle's cache written again by a run that compiles no module anew.
  rmSync(path.join(dir, thisBuild));
  assert.equal(lint('request.yaml', 'release.sh'), 'main none');
  const store = readFileSync(path.join(dir, modules));
  assert.equal(lint('request.yaml', 'release.sh'), 'main accepted');
  assert.equal(lint('update.json'), 'main accepted');
  assert.equal(lint('request.yaml'), 'main accepted');
  assert.deepEqual(readFileSync(path.join(dir, modules)), store, "every module's cache was accepted: not rewritten");
});

test("a lint run's worker threads start from the bundle's code cache too, when the run reads shell code (whose parser sets V8 flags)", () => {
  const dir = freshFolder();
  const files: Record<string, string> = { 'requests/release.sh': '#!/bin/sh\naws iot create-ota-update --cli-input-json file://r-0.json\n' };
  for (let i = 0; i < 4; i++) files[`requests/r-${i}.json`] = cleanRequest;
  const project = tempProject(files);
  const record = path.join(project, 'code-cache.txt');
  const lint = () => {
    writeFileSync(record, '');
    const run = runCli(['--format', 'json', '--concurrency', '2', 'requests'], {
      cwd: project,
      env: {
        OTALINT_COMPILE_CACHE: dir,
        NODE_OPTIONS: `--require ${RECORD_CODE_CACHE}`,
        OTALINT_RECORD_CODE_CACHE: record,
        OTALINT_TEST_THREADS: 'workers-only',
      },
    });
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    return readFileSync(record, 'utf8').trim().split('\n').sort();
  };
  assert.deepEqual(lint(), ['main none', 'worker none']);
  assert.deepEqual(lint(), ['main accepted', 'worker accepted']);
});

const RECORD_V8_FLAGS = path.join(REPO_ROOT, 'packages/cli/test/support/record-v8-flags.cjs');

test('a run of many files compiles with less inlining and, with few request files, tiers up later (LARGE_RUN_V8_FLAGS, FEW_REQUESTS_V8_FLAGS), a smaller one sets no flag; caches made by either are taken by both, on every thread', () => {
  const dir = freshFolder();
  const files: Record<string, string> = {};
  for (let i = 0; i < LARGE_RUN_FILES; i++) files[`many/r-${i}.json`] = cleanRequest;
  for (let i = 0; i < LARGE_RUN_FILES - 1; i++) files[`fewer/r-${i}.json`] = cleanRequest;
  const project = tempProject(files);
  const caches = path.join(project, 'code-cache.txt');
  const flags = path.join(project, 'v8-flags.txt');
  const lint = (folder: string, ...args: string[]) => {
    writeFileSync(caches, '');
    writeFileSync(flags, '');
    const run = runCli(['--format', 'json', ...args, folder], {
      cwd: project,
      env: {
        OTALINT_COMPILE_CACHE: dir,
        NODE_OPTIONS: `--require ${RECORD_CODE_CACHE} --require ${RECORD_V8_FLAGS}`,
        OTALINT_RECORD_CODE_CACHE: caches,
        OTALINT_RECORD_V8_FLAGS: flags,
        OTALINT_TEST_THREADS: 'workers-only',
      },
    });
    // The same request in every file: the run's rules find its id repeated.
    assert.ok(run.status === 0 || run.status === 1, run.stderr);
    const set = readFileSync(flags, 'utf8').trim().split('\n').filter(Boolean);
    return {
      caches: readFileSync(caches, 'utf8').trim().split('\n').sort(),
      largeRunFlags: [...LARGE_RUN_V8_FLAGS, ...FEW_REQUESTS_V8_FLAGS].every((flag) => set.includes(flag)),
    };
  };
  assert.deepEqual(lint('many'), { caches: ['main none'], largeRunFlags: true });
  assert.deepEqual(lint('fewer'), { caches: ['main accepted'], largeRunFlags: false });
  assert.deepEqual(lint('many', '--concurrency', '2'), { caches: ['main accepted', 'worker accepted'], largeRunFlags: true });
  assert.deepEqual(lint('many'), { caches: ['main accepted'], largeRunFlags: true });
});

test("bin/v8-flags.cjs puts each flag a large run sets back to this Node's starting value around a cache (V8 takes one only under the flags it was made with)", () => {
  const source = 'function add(a, b) { return a + b; }';
  // Made in a process that set no flag; taken in one that set them (the flags are the process's, and a process keeps what it compiled).
  const made = spawnSync(
    process.execPath,
    ['-e', `process.stdout.write(new (require('node:vm').Script)(${JSON.stringify(source)}).createCachedData().toString('base64'))`],
    {
      encoding: 'utf8',
    },
  );
  const script = `
    const vm = require('node:vm');
    const { adoptRuntimeFlags, asStarted } = require(${JSON.stringify(path.join(REPO_ROOT, 'packages/cli/bin/v8-flags.cjs'))});
    const flags = ${JSON.stringify([...LARGE_RUN_V8_FLAGS, ...FEW_REQUESTS_V8_FLAGS, ...YOUNG_GENERATION_V8_FLAGS])};
    for (const flag of flags) require('node:v8').setFlagsFromString(flag);
    adoptRuntimeFlags(flags);
    const compile = () => new vm.Script(${JSON.stringify(source)}, { cachedData: Buffer.from(${JSON.stringify(made.stdout)}, 'base64') });
    process.stdout.write(process.argv[1] === 'as-started' ? String(asStarted(compile).cachedDataRejected) : String(compile().cachedDataRejected));
  `;
  const rejected = (mode: string) => spawnSync(process.execPath, ['-e', script, mode], { encoding: 'utf8' }).stdout;
  assert.equal(rejected('as-set'), 'true', 'under the flags, a cache made as V8 started is refused');
  assert.equal(rejected('as-started'), 'false', 'with them put back, it is taken');
});

test("the packages loaded from node_modules (TypeScript, where oxc-parser cannot load) keep their code cache beside the bundle's; a JSON lint never reads it", () => {
  const dir = freshFolder();
  runWithCache(dir);
  assert.deepEqual(readdirSync(dir), [thisBuild], 'linting JSON loads no module from node_modules');
  const project = tempProject({
    'rollout.ts': "import { CreateOTAUpdateCommand } from '@aws-sdk/client-iot';\nexport const c = new CreateOTAUpdateCommand(" + cleanRequest + ');\n',
  });
  // oxc-parser's binding made unloadable: typescript-estree and TypeScript read the module.
  const lintCode = () =>
    runCli(['--format', 'json', 'rollout.ts'], { cwd: project, env: { OTALINT_COMPILE_CACHE: dir, NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/parser.node' } });
  const first = lintCode();
  assert.equal(first.status, 0, first.stderr);
  const modules = modulesOfThisBuild;
  assert.deepEqual(readdirSync(dir).sort(), [thisBuild, modules].sort());
  const store = readFileSync(path.join(dir, modules));
  const index = JSON.parse(store.subarray(4, 4 + store.readUInt32LE(0)).toString('utf8')) as Record<string, unknown>;
  assert.ok(
    Object.keys(index).some((file) => file.endsWith('/typescript/lib/typescript.js')),
    'TypeScript is in the store',
  );
  const written = statSync(path.join(dir, modules));
  const again = lintCode();
  assert.equal(again.stdout, first.stdout, 'the same report from cached code');
  assert.equal(statSync(path.join(dir, modules)).mtimeMs, written.mtimeMs, 'a store that held every module is not rewritten');
});

test('YAML loads as one bundle (dist/first-use/), with its code cache: not as modules of node_modules', () => {
  const dir = freshFolder();
  const project = tempProject({
    'update.yaml': 'otaUpdateId: fw-1\ntargets: [arn:aws:iot:us-east-1:123456789012:thinggroup/sensors]\n',
  });
  const trace = path.join(project, 'modules.txt');
  const hook = path.join(REPO_ROOT, 'packages/cli/test/support/trace-imports.mjs');
  const run = runCli(['--format', 'json', 'update.yaml'], {
    cwd: project,
    env: { OTALINT_COMPILE_CACHE: dir, NODE_OPTIONS: `--import ${hook}`, OTALINT_TRACE_IMPORTS: trace },
  });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const resolved = readFileSync(trace, 'utf8').trim().split('\n');
  const firstUse = resolved.filter((url) => url.includes('/dist/first-use/')).map((url) => path.basename(url));
  assert.deepEqual(firstUse, ['yaml.cjs']);
  assert.deepEqual(
    resolved.filter((url) => /\/node_modules\/.*\/yaml\//.test(url)),
    [],
    'no module of theirs is resolved from node_modules',
  );
  const store = readFileSync(path.join(dir, modulesOfThisBuild));
  const index = JSON.parse(store.subarray(4, 4 + store.readUInt32LE(0)).toString('utf8')) as Record<string, unknown>;
  assert.deepEqual(
    Object.keys(index)
      .map((file) => path.basename(file))
      .sort(),
    ['yaml.cjs'],
    'its compiled code is kept',
  );
});

test("Ajv's compiler is not in the bundle: it loads as one file (dist/first-use/ajv.cjs) for a config that sets rule options or holds a policy, and only then", () => {
  assert.equal(
    /node_modules\/\.pnpm\/(ajv@[^/]+\/node_modules\/ajv\/dist\/(core|2020|compile)|fast-uri@)/.test(bundleText),
    false,
    "Ajv's compiler is in the bundle",
  );
  const project = tempProject({
    'update.json': cleanRequest,
    'plain.config.mjs': `export default [{ rules: { 's3-bucket-name': 'error' } }];\n`,
    'options.config.mjs': `export default [{ rules: { 's3-bucket-name': ['error', { bogus: 1 }] } }];\n`,
    'policy.config.mjs': `export default [{ policies: [{ id: 'acme/short-role', message: 'short', given: '/roleArn', then: { maxLength: 5 } }] }];\n`,
    'wrong-policy.config.mjs': `export default [{ policies: [{ id: 'acme/typed', message: 'typed', given: '/roleArn', then: { type: 7 } }] }];\n`,
  });
  const hook = path.join(REPO_ROOT, 'packages/cli/test/support/trace-imports.mjs');
  const lint = (config: string) => {
    const trace = path.join(project, `${config}.modules`);
    const run = runCli(['--format', 'json', '-c', config, 'update.json'], {
      cwd: project,
      env: { NODE_OPTIONS: `--import ${hook}`, OTALINT_TRACE_IMPORTS: trace },
    });
    const firstUse = readFileSync(trace, 'utf8')
      .trim()
      .split('\n')
      .filter((url) => url.includes('/dist/first-use/'))
      .map((url) => path.basename(url));
    return { run, firstUse };
  };
  assert.deepEqual(lint('plain.config.mjs').firstUse, []);
  const options = lint('options.config.mjs');
  assert.deepEqual(options.firstUse, ['ajv.cjs']);
  assert.match(options.run.stderr, /invalid options \{"bogus":1\}: options must NOT have additional properties \("bogus"\)/);
  const policy = lint('policy.config.mjs');
  assert.equal(policy.run.status, 1, policy.run.stderr);
  assert.equal(JSON.parse(policy.run.stdout).results[0].messages[0].ruleId, 'acme/short-role');
  assert.match(lint('wrong-policy.config.mjs').run.stderr, /is not a valid JSON Schema: type must be equal to one of the allowed values/);
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

test('linting one JSON file loads neither node:fs/promises nor node:module (and its ES module loader): the bundle requires them on first use; importing a config file loads the loader', () => {
  const probe = path.join(REPO_ROOT, 'packages/cli/test/support/record-builtins.cjs');
  const project = tempProject({
    'update.json': cleanRequest,
    'with-config/update.json': cleanRequest,
    'with-config/otalint.config.mjs': 'export default [];\n',
  });
  const builtinsOf = (cwd: string) => {
    const record = path.join(cwd, 'builtins');
    const run = runCli(['--format', 'json', 'update.json'], { cwd, env: { NODE_OPTIONS: `--require ${probe}`, OTALINT_RECORD_BUILTINS: record } });
    assert.equal(run.status, 0, run.stderr);
    return readFileSync(record, 'utf8').trim().split('\n');
  };
  const loaded = builtinsOf(project);
  assert.ok(loaded.includes('fs'), 'the probe saw the run');
  assert.deepEqual(
    loaded.filter((name) => name === 'fs/promises' || name === 'module' || name === 'internal/modules/esm/loader'),
    [],
  );
  assert.ok(builtinsOf(path.join(project, 'with-config')).includes('internal/modules/esm/loader'), 'the probe names the loader as the filter does');
});

test("a report written to a pipe or a file loads none of Node's stream modules, and is the same either way", () => {
  const probe = path.join(REPO_ROOT, 'packages/cli/test/support/record-builtins.cjs');
  const project = tempProject({ 'update.json': cleanRequest });
  const env = { NODE_OPTIONS: `--require ${probe}`, OTALINT_RECORD_BUILTINS: path.join(project, 'builtins') };
  const piped = runCli(['--format', 'json', 'update.json'], { cwd: project, env });
  assert.equal(piped.status, 0, piped.stderr);
  assert.equal(JSON.parse(piped.stdout).results[0].filePath, 'update.json');
  const loaded = readFileSync(path.join(project, 'builtins'), 'utf8').trim().split('\n');
  assert.ok(loaded.includes('fs'), 'the probe saw the run');
  assert.deepEqual(
    loaded.filter((name) => name === 'stream' || name.startsWith('internal/streams/writable')),
    [],
  );
  const toFile = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" --format json update.json > report.json`], { cwd: project, encoding: 'utf8' });
  assert.equal(toFile.status, 0, toFile.stderr);
  assert.equal(readFileSync(path.join(project, 'report.json'), 'utf8'), piped.stdout);
});

test.run();
