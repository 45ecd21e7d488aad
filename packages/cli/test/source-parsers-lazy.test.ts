import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { REPO_ROOT, tempProject } from './helpers/run-cli.js';
import { isolatedAwsEnv, runOtalint } from './support/run-bin.js';

/**
 * The parsers of the code and script kinds (TypeScript with oxc-parser, or typescript-estree where
 * oxc's native binding cannot load; Python and shell with tree-sitter's grammars in WASM, on
 * web-tree-sitter) and YAML load only for a file that may hold a request, as the kind's text
 * pre-check says: a repository of ordinary code and scripts, linted with `otalint .`, parses none
 * of it. Traced through the bundled binary users run: the parsers stay outside the bundle (YAML and
 * oxc-parser in bundles of their own, dist/first-use/; each grammar's WASM resolved from its
 * package), so every one of them is a module or file the trace sees resolved.
 */
const HOOK = path.join(path.dirname(new URL(import.meta.url).pathname), 'support/trace-imports.mjs');

const PARSERS = {
  oxc: /\/(oxc-parser|@oxc-parser\/[^/]+)\/|\/dist\/first-use\/oxc-parser\.cjs$/,
  typescript: /\/(typescript|@typescript-eslint\/[^/]+)\//,
  python: /\/tree-sitter-python\//,
  shell: /\/tree-sitter-bash\//,
  treeSitter: /\/web-tree-sitter\//,
  yaml: /\/node_modules\/(\.pnpm\/yaml@[^/]+\/node_modules\/)?yaml\/|\/dist\/first-use\/yaml\.cjs$/,
} as const;

async function parsersLoadedBy(args: string[], files: Record<string, string>, env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  return (await traceRun(args, files, env)).parsers;
}

async function traceRun(
  args: string[],
  files: Record<string, string>,
  env: NodeJS.ProcessEnv = {},
): Promise<{ parsers: string[]; stdout: string; modules: string[] }> {
  const dir = tempProject({ 'requests/update.json': readFileSync(path.join(REPO_ROOT, 'fixtures/good/stream-signer-job.json'), 'utf8') });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  const trace = path.join(dir, 'modules.txt');
  const run = await runOtalint(args, { cwd: dir, env: isolatedAwsEnv({ ...env, OTALINT_TRACE_IMPORTS: trace }), nodeArgs: ['--import', HOOK] });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  const modules = readFileSync(trace, 'utf8').trim().split('\n');
  assert.ok(
    modules.some((url) => url.endsWith('/packages/cli/bin/otalint.cjs')),
    'the trace saw the otalint command start',
  );
  const parsers = Object.entries(PARSERS)
    .filter(([, pattern]) => modules.some((url) => pattern.test(url)))
    .map(([name]) => name);
  return { parsers, stdout: run.stdout, modules };
}

/** Files of every kind that hold no request: other SDK calls, other `aws` commands. */
const ORDINARY = {
  'src/upload.ts':
    "import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';\nexport const put = (s3: S3Client) => s3.send(new PutObjectCommand({ Bucket: 'b', Key: 'k' }));\n",
  'lib/util.mjs': 'export const double = (n) => n * 2;\n',
  'scripts/tool.py': 'import boto3\n\nboto3.client("s3").put_object(Bucket="b", Key="k", Body=b"")\n',
  'bin/deploy.sh': '#!/bin/sh\naws s3 cp build.bin s3://artifacts/\n',
  'docs/guide.md': '# Guide\n\n```sh\naws s3 ls\n```\n',
  Makefile: 'build:\n\tnpm run build\n',
  '.github/workflows/ci.yml': 'on: [push]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
};

const test = suite('source kinds: parsers load only for files that may hold a request');

test('otalint on request files loads no parser', async () => {
  assert.deepEqual(await parsersLoadedBy(['lint', 'requests'], {}), []);
});

test('otalint . on a repository of ordinary code, scripts, docs and workflows parses none of them', async () => {
  assert.deepEqual(await parsersLoadedBy(['lint', '.'], ORDINARY), []);
});

const WITH_TYPESCRIPT_REQUEST = {
  ...ORDINARY,
  'src/rollout.ts':
    "import { CreateOTAUpdateCommand } from '@aws-sdk/client-iot';\nexport const c = new CreateOTAUpdateCommand({ otaUpdateId: 'a', targets: [], files: [], roleArn: 'r' });\n",
};

test('a TypeScript module with a CreateOTAUpdate call loads oxc-parser, and only it: not TypeScript', async () => {
  assert.deepEqual(await parsersLoadedBy(['lint', '.'], WITH_TYPESCRIPT_REQUEST), ['oxc']);
});

test("oxc-parser's JavaScript loads from its CommonJS bundle (dist/first-use/), with a code cache: none of its ES modules, so no ES module loader", async () => {
  const { modules } = await traceRun(['lint', '.'], WITH_TYPESCRIPT_REQUEST);
  assert.ok(
    modules.some((url) => url.endsWith('/packages/cli/dist/first-use/oxc-parser.cjs')),
    'the bundle of oxc-parser was loaded',
  );
  assert.ok(
    modules.some((url) => /\/@oxc-parser\/binding-[^/]+\//.test(url)),
    'its native binding was found from oxc-parser, as unbundled',
  );
  assert.deepEqual(
    modules.filter((url) => /\/oxc-parser\/src-js\//.test(url)),
    [],
    "oxc-parser's own ES modules were loaded",
  );
});

test("where oxc-parser's native binding cannot load, typescript-estree reads the module, with the same report", async () => {
  const withOxc = await traceRun(['lint', '--format', 'json', '.'], WITH_TYPESCRIPT_REQUEST);
  // NAPI_RS_NATIVE_LIBRARY_PATH names the binding oxc-parser loads instead of its platform's.
  const without = await traceRun(['lint', '--format', 'json', '.'], WITH_TYPESCRIPT_REQUEST, { NAPI_RS_NATIVE_LIBRARY_PATH: '/nonexistent/parser.node' });
  assert.deepEqual(without.parsers, ['oxc', 'typescript'], 'oxc-parser was tried, then typescript-estree read the module');
  const findings = (stdout: string) => (JSON.parse(stdout) as { results: unknown[] }).results;
  assert.ok(JSON.stringify(findings(withOxc.stdout)).includes('src/rollout.ts'), withOxc.stdout);
  assert.deepEqual(findings(without.stdout), findings(withOxc.stdout));
});

test("a Python module with a create_ota_update call loads the Python grammar on tree-sitter's runtime, and only them", async () => {
  const files = {
    ...ORDINARY,
    'scripts/start.py': 'import boto3\n\nboto3.client("iot").create_ota_update(otaUpdateId="a", targets=[], files=[], roleArn="r")\n',
  };
  assert.deepEqual(await parsersLoadedBy(['lint', '.'], files), ['python', 'treeSitter']);
});

test("a Python module named on the command line (a pre-commit hook's) that cannot hold the call loads no parser", async () => {
  assert.deepEqual(await parsersLoadedBy(['lint', 'scripts/tool.py', 'requests'], ORDINARY), []);
});

test.run();
