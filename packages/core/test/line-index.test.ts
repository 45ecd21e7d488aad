import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { LineIndex, lineIndexes } from '../src/document/line-index.js';

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

test('the range of a whole text is worked out without indexing its lines, and equals the indexed one', () => {
  for (const text of ['', 'x', '\n', '{\n  "a": 1\n}\n', '{\n  "a": 1\n}', '\n\nab', 'ab\r\ncd', 'a\rb\n', '😀\n😀']) {
    const indexed = new LineIndex(text);
    indexed.position(0);
    const built = lineIndexes.built;
    const whole = new LineIndex(text).range(0, text.length);
    assert.deepEqual(whole, indexed.range(0, text.length), JSON.stringify(text));
    if (!text.includes('\r')) assert.equal(lineIndexes.built, built, `${JSON.stringify(text)}: lines indexed`);
  }
});

test.run();
