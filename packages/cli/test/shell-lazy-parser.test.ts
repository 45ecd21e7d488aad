import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { UNBUNDLED_BIN, isolatedAwsEnv, runOtalint, submitProject } from './support/run-bin.js';

/**
 * The bash parser (tree-sitter's WASM runtime and grammar) and the command-line readers load only
 * when a file that may hold a command is read: `lint` on request files never loads them.
 */
const HOOK = path.join(path.dirname(new URL(import.meta.url).pathname), 'support/trace-imports.mjs');

async function modulesLoadedBy(args: string[], files: Record<string, string> = {}): Promise<string[]> {
  const dir = submitProject();
  for (const [name, text] of Object.entries(files)) (await import('node:fs')).writeFileSync(path.join(dir, name), text);
  const trace = path.join(dir, 'modules.txt');
  // Unbundled: the bundle inlines the command-line readers (loaded lazily), where no trace sees them.
  const run = await runOtalint(args, { cwd: dir, env: isolatedAwsEnv({ OTALINT_TRACE_IMPORTS: trace }), nodeArgs: ['--import', HOOK], bin: UNBUNDLED_BIN });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return readFileSync(trace, 'utf8').trim().split('\n');
}

const shellParts = (modules: string[]) => modules.filter((url) => url.includes('/web-tree-sitter/') || url.includes('/sources/shell/'));

const test = suite('command lines: the shell parser loads only for files that may hold commands');

test('lint on request files loads neither tree-sitter nor the command-line readers', async () => {
  const modules = await modulesLoadedBy(['lint', 'requests']);
  assert.ok(modules.some((url) => url.includes('/packages/cli/dist/commands/lint.js')));
  assert.deepEqual(shellParts(modules), []);
});

test('a script without the operation is passed over without parsing; one with it loads the parser', async () => {
  const skipped = await modulesLoadedBy(['lint', '.'], { 'build.sh': '#!/bin/sh\nmake all\n' });
  assert.deepEqual(shellParts(skipped), []);
  const loaded = await modulesLoadedBy(['lint', 'release.sh'], { 'release.sh': 'aws iot create-ota-update --ota-update-id a\n' });
  assert.ok(loaded.some((url) => url.includes('/web-tree-sitter/')));
});

const RECORD_V8_FLAGS = path.join(path.dirname(new URL(import.meta.url).pathname), 'support/record-v8-flags.cjs');

/**
 * The V8 flags a run of the bundled bin sets (bash-parser.ts: tree-sitter's WebAssembly compiled by Liftoff only), without
 * its code caches (bin/v8-flags.cjs puts the flags back around them: bundle.test.ts).
 */
async function v8FlagsSetBy(args: string[], files: Record<string, string>): Promise<string[]> {
  const dir = submitProject();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const record = path.join(dir, 'v8-flags.txt');
  const run = await runOtalint(args, {
    cwd: dir,
    env: isolatedAwsEnv({ OTALINT_RECORD_V8_FLAGS: record, NODE_DISABLE_COMPILE_CACHE: '1' }),
    nodeArgs: ['--require', RECORD_V8_FLAGS],
  });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n') : [];
}

test("the bash parser's WebAssembly is compiled by Liftoff only (no TurboFan recompiles for Node to wait for at exit); request files set no such flag", async () => {
  // A folder's run keeps its young generation small (src/young-generation.ts): that flag only.
  assert.deepEqual(await v8FlagsSetBy(['lint', 'requests'], {}), ['--semi-space-growth-factor=1']);
  assert.deepEqual(await v8FlagsSetBy(['lint', 'release.md'], { 'release.md': '```sh\naws iot create-ota-update --ota-update-id a\n```\n' }), [
    '--no-wasm-tier-up',
    '--no-wasm-dynamic-tiering',
  ]);
});

test.run();
