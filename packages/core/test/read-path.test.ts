import assert from 'node:assert/strict';
import fs, { mkdtempSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import { decodeText, readTextFile } from '../src/document/decode.js';

/** What reading a file costs besides the read: one call for a UTF-8 file. */
const test = suite('the read path: a file as decodeText gives it, read in one call');

const text = JSON.stringify({ otaUpdateId: 'fw-\u00e9\u{1F600}', targets: ['arn:aws:iot:us-east-1:123456789012:thing/d1'] });
const utf16 = Buffer.from(text, 'utf16le');
const CONTENTS: Record<string, Buffer> = {
  ascii: Buffer.from('{"otaUpdateId": "fw-1"}\n'),
  utf8: Buffer.from(text),
  bom: Buffer.from(`\uFEFF${text}`),
  empty: Buffer.alloc(0),
  'replacement character': Buffer.from('{"a": "\uFFFD"}'),
  'zero byte': Buffer.from('{"a": "\u0000"}'),
  'invalid byte': Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xff]), Buffer.from('"}')]),
  'encoded surrogate': Buffer.from([0x7b, 0xed, 0xa0, 0x80, 0x7d]),
  'cut at the end': Buffer.from([0x7b, 0x7d, 0xe2, 0x82]),
  'utf-16 with a BOM': Buffer.concat([Buffer.from([0xff, 0xfe]), utf16]),
  'utf-16 without': utf16,
  'utf-16be': Buffer.from(utf16).swap16(),
  'utf-32 with a BOM': Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]),
  'utf-32be with a BOM': Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b]),
};

function withCountedReads<T>(run: () => T): { value: T; reads: unknown[] } {
  const original = fs.readFileSync;
  const reads: unknown[] = [];
  fs.readFileSync = ((file: fs.PathOrFileDescriptor, options?: unknown) => (
    reads.push(options ?? 'bytes'),
    original(file, options as undefined)
  )) as typeof fs.readFileSync;
  syncBuiltinESMExports();
  try {
    return { value: run(), reads };
  } finally {
    fs.readFileSync = original;
    syncBuiltinESMExports();
  }
}

test('every encoding: the text, the problem and the faithfulness decodeText gives of the bytes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-read-'));
  for (const [name, bytes] of Object.entries(CONTENTS)) {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, bytes);
    assert.deepEqual(readTextFile(file), decodeText(bytes), name);
  }
});

test('a UTF-8 file is read in one call, as text; only a text with U+FFFD or U+0000 is read again as bytes', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-read-'));
  const read = (name: string) => {
    const file = path.join(dir, `${name}.json`);
    writeFileSync(file, CONTENTS[name]!);
    return withCountedReads(() => readTextFile(file)).reads;
  };
  assert.deepEqual(read('utf8'), [{ encoding: 'utf8', flag: 'r' }]);
  assert.deepEqual(read('bom'), [{ encoding: 'utf8', flag: 'r' }]);
  assert.deepEqual(read('invalid byte'), [{ encoding: 'utf8', flag: 'r' }, 'bytes']);
  assert.deepEqual(read('utf-16 without'), [{ encoding: 'utf8', flag: 'r' }, 'bytes']);
});

test('an unreadable file throws what readFileSync throws', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-read-'));
  for (const file of [path.join(dir, 'gone.json'), dir]) {
    const thrown = (read: () => unknown) => {
      try {
        read();
      } catch (error) {
        return { code: (error as NodeJS.ErrnoException).code, message: (error as Error).message };
      }
      return assert.fail(`${file} was read`);
    };
    assert.deepEqual(
      thrown(() => readTextFile(file)),
      thrown(() => fs.readFileSync(file)),
    );
  }
});

test.run();
