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

test('below the working directory, the walk names files from their folders without working out a relative path per folder', () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 20; i++) files[`packages/p${i}/src/a.ts`] = '';
  const dir = tempProject(files);
  const relative = path.relative;
  let calls = 0;
  path.relative = (from, to) => {
    calls++;
    return relative(from, to);
  };
  let walked;
  try {
    walked = walkFiles(path.join(dir, 'packages'), dir, { skipFolder: () => false, wantFile: () => true });
  } finally {
    path.relative = relative;
  }
  assert.equal(walked.files.length, 20);
  assert.ok(walked.files.includes('packages/p7/src/a.ts'));
  assert.ok(calls <= 1, `${calls} calls of path.relative`);
});

test('walking a folder above the working directory names files as path.relative does', () => {
  const dir = tempProject({ 'packages/p0/a.ts': '', 'packages/p1/b.ts': '', 'c.ts': '' });
  const walked = walkFiles(dir, path.join(dir, 'packages'), { skipFolder: () => false, wantFile: () => true });
  assert.deepEqual([...walked.files].sort(), ['../c.ts', 'p0/a.ts', 'p1/b.ts']);
});

test.run();
