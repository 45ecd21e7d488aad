import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { LineIndex } from '../src/document/line-index.js';

const test = suite('line-index');

test('1-based lines and UTF-16 columns across \\n, \\r\\n and \\r', () => {
  const text = 'ab\r\ncd\ref\n😀x';
  const index = new LineIndex(text);
  assert.deepEqual(index.position(0), { line: 1, column: 1 });
  assert.deepEqual(index.position(text.indexOf('c')), { line: 2, column: 1 });
  assert.deepEqual(index.position(text.indexOf('e')), { line: 3, column: 1 });
  assert.deepEqual(index.position(text.indexOf('x')), { line: 4, column: 3 });
  assert.deepEqual(index.range(text.indexOf('😀'), 2), { line: 4, column: 1, endLine: 4, endColumn: 3, offset: 10, length: 2 });
});

test.run();
