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

test('a character outside the BMP (two UTF-16 units, from `\\U0001F600`): both units are where its escape is, and the characters after it where they are', () => {
  const made = new ShellWord(0, 20);
  made.push('\u{1F600}', 2, 12, 'ansi');
  made.push('a', 12, 13, 'ansi');
  made.push('b', 13, 14, 'ansi');
  assert.deepEqual(made.span(0, 2), { offset: 2, length: 10 });
  assert.deepEqual(made.span(2, 4), { offset: 12, length: 2 });
  assert.deepEqual([made.fromAt(3), made.toAt(3)], [13, 14]);
});

test('characters pushed one by one, side by side in one quoting, are one run: fixes can write over them', () => {
  const made = new ShellWord(0, 6);
  for (const [i, char] of [...'abc'].entries()) made.push(char, 1 + i, 2 + i, 'single');
  made.pushText('de', 4, 'single');
  assert.equal(made.plainContext(0, 5), 'single');
  assert.equal(made.plainContext(0, 1), 'single');
  made.pushText('f', 9, 'single');
  assert.equal(made.plainContext(4, 6), undefined, 'not side by side');
  assert.deepEqual(made.slice(3).span(0, 2), { offset: 4, length: 2 });
  assert.deepEqual(made.slice(5).span(), { offset: 9, length: 1 });
});

test.run();
