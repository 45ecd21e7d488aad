import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { ShellWord } from '../src/document/sources/shell/shell-word.js';

const test = suite('shell words: where a part of a value is written');

/** `"$ROLE/x"` written at 10-20, with ROLE's value (`ab`) assigned at 50-52. */
function word(): ShellWord {
  const made = new ShellWord(10, 20);
  made.push('a', 50, 51, 'double');
  made.push('b', 51, 52, 'double');
  made.push('/', 15, 16, 'double');
  made.push('x', 16, 17, 'double');
  return made;
}

test('characters written in the word: their own span', () => {
  assert.deepEqual(word().span(2, 4), { offset: 15, length: 2 });
  assert.deepEqual(word().span(3, 99), { offset: 16, length: 1 });
});

test("characters from a variable's assignment only: where the assignment writes them", () => {
  assert.deepEqual(word().span(0, 2), { offset: 50, length: 2 });
});

test('characters from both, an empty range, or one past the end: the whole word', () => {
  assert.deepEqual(word().span(), { offset: 10, length: 10 });
  assert.deepEqual(word().span(1, 3), { offset: 10, length: 10 });
  assert.deepEqual(word().span(2, 2), { offset: 10, length: 10 });
  assert.deepEqual(word().span(4, 5), { offset: 10, length: 10 });
});

test.run();
