import assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { symlinkSync } from 'node:fs';
import path from 'node:path';
import { suite } from 'uvu';
import { walkFiles } from '../src/walk.js';
import { tempProject } from './helpers/run-cli.js';

/**
 * The folder walk reads folders synchronously: a walk that awaits the thread pool for each folder
 * leaves the process idle between them (the idle time of `otalint .` on a large repository).
 */
const test = suite('folder walk');

test('walking a tree of folders (with a link to one) makes no asynchronous file system call', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 20; i++) {
    files[`packages/p${i}/src/a.ts`] = '';
    files[`packages/p${i}/docs/b.md`] = '';
  }
  const dir = tempProject(files);
  symlinkSync(path.join(dir, 'packages/p0'), path.join(dir, 'linked'));
  const requests: string[] = [];
  const hook = createHook({ init: (_id, type) => void (type.startsWith('FSREQ') && requests.push(type)) }).enable();
  let walked;
  try {
    walked = walkFiles(dir, dir, { skipFolder: () => false, wantFile: () => true });
  } finally {
    hook.disable();
  }
  assert.equal(walked.files.length, 40);
  assert.deepEqual(walked.unreadable, []);
  assert.deepEqual(requests, []);
});

test.run();
