import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { isolatedAwsEnv, runOtalint, submitProject } from './support/run-bin.js';

/**
 * `otalint lint` must never load the AWS SDK (a cold import costs a few hundred ms). Resolve
 * hooks record every module the built CLI loads (imported or required); a static import of
 * @aws-sdk anywhere on the lint path (one the bundle does not leave out) would show up in the list.
 */
const HOOK = path.join(path.dirname(new URL(import.meta.url).pathname), 'support/trace-imports.mjs');

async function modulesLoadedBy(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const dir = submitProject();
  const trace = path.join(dir, 'modules.txt');
  const run = await runOtalint(args, { cwd: dir, env: isolatedAwsEnv({ OTALINT_TRACE_IMPORTS: trace, ...env }), nodeArgs: ['--import', HOOK] });
  assert.ok(run.status === 0 || run.status === 1, run.stderr);
  return readFileSync(trace, 'utf8').trim().split('\n');
}

const test = suite('the AWS SDK loads only for submit and lint --deep');

test('otalint lint does not load @aws-sdk', async () => {
  const modules = await modulesLoadedBy(['lint', 'requests']);
  assert.ok(
    modules.some((url) => url.endsWith('/packages/cli/bin/otalint.cjs')),
    'the trace saw the otalint command start',
  );
  assert.deepEqual(
    modules.filter((url) => url.includes('/@aws-sdk/') || url.includes('/@smithy/')),
    [],
  );
});

test('nor do its lint threads (--concurrency)', async () => {
  const modules = await modulesLoadedBy(['lint', 'requests', '--concurrency', '2'], { OTALINT_TEST_THREADS: 'workers-only' });
  assert.ok(
    modules.some((url) => url.endsWith('/packages/cli/bin/lint-thread.cjs')),
    'the trace saw a lint thread start',
  );
  assert.deepEqual(
    modules.filter((url) => url.includes('/@aws-sdk/') || url.includes('/@smithy/')),
    [],
  );
});

test('otalint lint --deep loads it, only then (and an unreachable endpoint is info findings, not a crash)', async () => {
  const modules = await modulesLoadedBy(['lint', 'requests/good-kitchen.json', '--deep', '--endpoint-url', 'http://127.0.0.1:9', '--max-attempts', '1']);
  assert.ok(modules.some((url) => url.includes('/@aws-sdk/client-sts/')));
  assert.ok(modules.some((url) => url.includes('/@aws-sdk/client-iot/')));
});

test('otalint submit does load it (the trace would catch a static import)', async () => {
  const modules = await modulesLoadedBy(['submit', 'requests/good-kitchen.json', '--dry-run', '--endpoint-url', 'http://127.0.0.1:9']);
  assert.ok(modules.some((url) => url.includes('/@aws-sdk/client-iot/')));
});

test.run();
