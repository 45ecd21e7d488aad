import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { readTextFile, type SourceText } from '@otalint/core/engine';
import { READ_AHEAD_FILES } from '../src/pipeline.js';
import { startReadAhead, type ReadAhead } from '../src/threads/read-ahead.js';
import { goodRequest, json } from './helpers/ci-project.js';
import { UNPRIVILEGED, runCli, tempProject } from './helpers/run-cli.js';

const test = suite('read-ahead: a large run reads its files on a second thread, each text and error as this thread reads it');

/** Files of every shape a reader might get wrong, each several times over so the ring of slots wraps. */
function shapes(): string[] {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-read-ahead-'));
  const kinds: Record<string, string | Buffer> = {
    'plain.json': json(goodRequest()),
    'bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a": 1}\n')]),
    'invalid-utf8.json': Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x7d]),
    'utf16.json': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": 1}', 'utf16le')]),
    'nul.json': Buffer.from('{"a": "\u0000"}'),
    'empty.json': '',
    'unicode.json': '{"name": "Grüße 🚀"}\n',
    'large.json': `{"pad": "${'x'.repeat(70 * 1024)}"}`,
    'exactly-a-slot.json': `"${'y'.repeat(64 * 1024 - 2)}"`,
  };
  const files: string[] = [];
  for (let copy = 0; copy < 12; copy++) {
    for (const [name, content] of Object.entries(kinds)) {
      const file = path.join(dir, `${copy}-${name}`);
      writeFileSync(file, content);
      files.push(file);
    }
    const folder = path.join(dir, `${copy}-folder.json`);
    mkdirSync(folder);
    files.push(folder, path.join(dir, `${copy}-missing.json`));
    const link = path.join(dir, `${copy}-link.json`);
    symlinkSync(path.join(dir, `${copy}-plain.json`), link);
    files.push(link);
  }
  return files;
}

/** What this thread's own read gives: the text, or the error thrown (its code and message). */
function ownRead(file: string): SourceText | { code: unknown; message: string } {
  try {
    return readTextFile(file);
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code, message: (error as Error).message };
  }
}

function readAheadOf(reader: ReadAhead, file: string): ReturnType<typeof ownRead> {
  try {
    return reader.readText(file);
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code, message: (error as Error).message };
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Wait (without blocking the reader) until it has started, then for it to fill its slots. */
async function started(reader: ReadAhead): Promise<void> {
  for (let waited = 0; !reader.started && waited < 30_000; waited += 20) await pause(20);
  assert.ok(reader.started, 'the reader thread started');
  await pause(200);
}

test('every text (UTF-8 with and without a BOM, invalid UTF-8, UTF-16, NUL, empty, large, a link) and every error is what this thread reads', async () => {
  const files = shapes();
  const reader = startReadAhead(files);
  assert.ok(reader, 'the reader thread starts');
  await started(reader);
  for (const file of files) assert.deepEqual(readAheadOf(reader, file), ownRead(file), path.basename(file));
  reader.close();
  // Of each copy: plain, bom, invalid-utf8, utf16, nul, empty, unicode and the link from slots; not the large
  // file, the file that fills a slot, the folder or the missing file, which this thread read itself.
  assert.equal(reader.readAhead, 12 * 8);
});

test('files asked for before the reader has started are read by this thread, and the reader takes the rest', () => {
  const files = shapes();
  const reader = startReadAhead(files)!;
  // No pause: the reader thread is still starting when this thread comes to the first files.
  for (const file of files) assert.deepEqual(readAheadOf(reader, file), ownRead(file), path.basename(file));
  reader.close();
  assert.ok(reader.readAhead < 12 * 8, `this thread read some files itself (${reader.readAhead} came from slots)`);
});

test('a file asked for out of order: its own text, and every file after it read by this thread, right', async () => {
  const files = shapes();
  const reader = startReadAhead(files)!;
  await started(reader);
  assert.deepEqual(readAheadOf(reader, files[5]!), ownRead(files[5]!));
  for (const file of files) assert.deepEqual(readAheadOf(reader, file), ownRead(file), path.basename(file));
  reader.close();
  assert.equal(reader.readAhead, 0);
});

test('a file changed after the reader read it ahead is given as the reader read it (as a read a moment earlier would), and closing early stops the reader', async () => {
  const files = shapes().filter((file) => file.endsWith('plain.json'));
  const reader = startReadAhead(files)!;
  await started(reader);
  const before = readTextFile(files[1]!);
  writeFileSync(files[1]!, '{"changed": true}');
  assert.deepEqual(reader.readText(files[0]!), readTextFile(files[0]!));
  assert.deepEqual(reader.readText(files[1]!), before);
  reader.close();
  // Closed: the reader is not used, and the text is read now.
  assert.deepEqual(reader.readText(files[2]!), readTextFile(files[2]!));
  assert.equal(reader.readAhead, 2);
});

/** A project of `count` requests and a few files every read must treat as this thread does. */
function largeProject(count: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const request = goodRequest();
    request.otaUpdateId = i % 7 === 3 ? `bad id ${i}!` : `fw-${i}`;
    files[`requests/r-${String(i).padStart(5, '0')}.json`] = json(request);
  }
  files['requests/broken.json'] = '{ "otaUpdateId": "x", ';
  files['requests/large.json'] = json({ ...goodRequest(), description: 'x'.repeat(80 * 1024) });
  files['requests/unreadable.json'] = json(goodRequest());
  const dir = tempProject(files);
  // The binary may run as another user (see UNPRIVILEGED): it must be able to enter the folder.
  chmodSync(dir, 0o755);
  // Unreadable as the user the run is: its error must be the one this thread's own read gives.
  chmodSync(path.join(dir, 'requests/unreadable.json'), 0o000);
  return dir;
}

test(`a run of ${READ_AHEAD_FILES.toLocaleString('en')} files and more reads ahead (--debug says so), and its report is --concurrency off's byte for byte`, () => {
  const cwd = largeProject(READ_AHEAD_FILES + 100);
  const user = UNPRIVILEGED ?? {};
  const ahead = runCli(['requests', '-f', 'json', '--debug'], { cwd, user });
  const off = runCli(['requests', '-f', 'json', '--debug', '--concurrency', 'off'], { cwd, user });
  assert.equal(ahead.status, UNPRIVILEGED ? 2 : 1, ahead.stderr.slice(0, 2000));
  const said = /otalint: read (\d+) of (\d+) files ahead on a second thread\./.exec(ahead.stderr);
  assert.ok(said, ahead.stderr.slice(0, 2000));
  assert.equal(Number(said[2]), READ_AHEAD_FILES + 103);
  assert.ok(Number(said[1]) > READ_AHEAD_FILES / 2, `most files came from the reader: ${said[0]}`);
  assert.doesNotMatch(off.stderr, /files ahead/);
  assert.equal(ahead.stdout, off.stdout);
  if (UNPRIVILEGED) assert.match(ahead.stdout, /Cannot read the file: permission denied\./);
});

test('a smaller run reads its files itself', () => {
  const cwd = largeProject(50);
  const run = runCli(['requests', '-f', 'json', '--debug'], { cwd });
  assert.doesNotMatch(run.stderr, /files ahead/);
});

test.run();
