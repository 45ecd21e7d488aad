import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { hasProgram, noteSkipped } from './support/programs.js';
import { runOtalint } from './support/run-bin.js';

/**
 * Make variables, as GNU make expands them: `make -n` prints each recipe line after expansion,
 * which is the command the shell runs. otalint reads the Makefile itself; every member it reads
 * as known must be what the printed command gives, and the members of variables it must not
 * follow stay unknown.
 */
const test = suite('Makefile variables: otalint and GNU make agree');
const MAKE = hasProgram('make');
if (!MAKE) noteSkipped('the make parity tests', 'GNU make is not installed (apt-get install make)');
const makeTest = MAKE ? test : test.skip;

const MAKEFILE = `ACCOUNT := 123456789012
override export REGION = us-east-1
GROUP = arn:aws:iot:$(REGION):$(ACCOUNT):thinggroup/kitchen
VERSION := 1-4-2
ID := kitchen-fw-$(VERSION)# the release
DESCRIPTION = Kitchen firmware 1.4.2   # trailing spaces are make's
ROLE_ARN ?= arn:aws:iam::123456789012:role/ota-update-role
STREAM = fw-stream
STREAM += more

ota:
\taws iot create-ota-update --ota-update-id $(ID) --description "$(DESCRIPTION)" \\
\t\t--targets arn:aws:iot:\${REGION}:$(ACCOUNT):thinggroup/kitchen $(GROUP) \\
\t\t--files '[{"fileName":"fw.bin","fileLocation":{"stream":{"streamId":"$(STREAM)","fileId":0}}}]' \\
\t\t--role-arn $(ROLE_ARN)
`;

const dirs: string[] = [];
test.after(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function extract(dir: string, file: string): Promise<Record<string, unknown>> {
  const result = await runOtalint(['extract', file], { cwd: dir });
  assert.equal(result.status, 0, result.stderr);
  const [entry] = JSON.parse(result.stdout) as Array<{ request: Record<string, unknown> }>;
  return entry!.request;
}

makeTest('each member otalint reads from the Makefile is what make -n prints; the rest is unknown', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-make-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'Makefile'), MAKEFILE);
  const printed = spawnSync('make', ['-n', '-s', 'ota'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH } });
  assert.equal(printed.status, 0, printed.stderr);
  writeFileSync(path.join(dir, 'expanded.sh'), `#!/bin/sh\n${printed.stdout}`);

  const fromMakefile = await extract(dir, 'Makefile');
  const fromMake = await extract(dir, 'expanded.sh');
  assert.equal(fromMake.description, 'Kitchen firmware 1.4.2   ', 'make keeps the spaces before a comment');
  for (const member of ['otaUpdateId', 'description', 'targets'] as const) assert.deepEqual(fromMakefile[member], fromMake[member], member);
  assert.deepEqual(fromMake.targets, ['arn:aws:iot:us-east-1:123456789012:thinggroup/kitchen', 'arn:aws:iot:us-east-1:123456789012:thinggroup/kitchen']);
  // ?= may come from the environment, += appends: each unknown, whatever make printed here.
  assert.deepEqual(fromMakefile.roleArn, { $unknown: '$(ROLE_ARN)' });
  const stream = (fromMakefile.files as Array<{ fileLocation: { stream: { streamId: unknown } } }>)[0]!.fileLocation.stream.streamId;
  assert.deepEqual(stream, { $unknown: '$(STREAM)' });
});

test.run();
