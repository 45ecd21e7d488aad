import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { closest, osaDistance } from '../src/util/did-you-mean.js';

const FILE_MEMBERS = ['fileName', 'fileType', 'fileVersion', 'fileLocation', 'codeSigning', 'attributes'];

test('one dropped, added, changed or swapped character', () => {
  assert.is(closest('fileLocaton', FILE_MEMBERS), 'fileLocation');
  assert.is(closest('fileLoccation', FILE_MEMBERS), 'fileLocation');
  assert.is(closest('fileVersoin', FILE_MEMBERS), 'fileVersion');
  assert.is(closest('codeSigninq', FILE_MEMBERS), 'codeSigning');
  assert.is(closest('atributes', FILE_MEMBERS), 'attributes');
});

test('case and separators only', () => {
  assert.is(closest('FILENAME', FILE_MEMBERS), 'fileName');
  assert.is(closest('file_name', FILE_MEMBERS), 'fileName');
  assert.is(closest('file-location', FILE_MEMBERS), 'fileLocation');
  assert.is(closest('role_arn', ['otaUpdateId', 'roleArn']), 'roleArn');
  assert.is(closest('mqtt', ['MQTT', 'HTTP']), 'MQTT');
});

test('an exact match is returned', () => {
  assert.is(closest('fileName', FILE_MEMBERS), 'fileName');
});

test('nothing close: undefined', () => {
  assert.is(closest('zzz', FILE_MEMBERS), undefined);
  assert.is(closest('bucket', FILE_MEMBERS), undefined);
  assert.is(closest('x', ['y']), undefined);
  assert.is(closest('ab', ['xy']), undefined);
  assert.is(closest('anything', []), undefined);
  assert.is(closest('', ['a']), undefined);
});

test('the budget grows with the word: short words allow one edit', () => {
  assert.is(closest('Kye', ['Key', 'Value']), 'Key');
  assert.is(closest('Kxz', ['Key']), undefined);
  assert.is(closest('maximumPerMinit', ['maximumPerMinute', 'exponentialRate']), 'maximumPerMinute');
  assert.is(closest('protocol', ['protocols', 'targets']), 'protocols');
});

test('the nearest wins; ties go to the first candidate', () => {
  assert.is(closest('fileTipe', ['fileName', 'fileType']), 'fileType');
  assert.is(closest('ab', ['ac', 'ad']), 'ac');
  assert.is(closest('ab', ['ad', 'ac']), 'ad');
});

test('rule ids and config keys', () => {
  const rules = ['aws-api-model', 'role-arn-format', 'target-arn-format', 'single-file'];
  assert.is(closest('role-arn-fromat', rules), 'role-arn-format');
  assert.is(closest('aws-api-modle', rules), 'aws-api-model');
  assert.is(closest('single_file', rules), 'single-file');
  assert.is(closest('no-such-thing', rules), undefined);
});

test('any iterable works', () => {
  assert.is(closest('fileTyp', new Set(FILE_MEMBERS)), 'fileType');
  assert.is(closest('fileTyp', new Map(FILE_MEMBERS.map((name) => [name, 1])).keys()), 'fileType');
});

test('osaDistance', () => {
  assert.is(osaDistance('', ''), 0);
  assert.is(osaDistance('abc', ''), 3);
  assert.is(osaDistance('', 'abc'), 3);
  assert.is(osaDistance('kitten', 'sitting'), 3);
  assert.is(osaDistance('ab', 'ba'), 1);
  assert.is(osaDistance('ca', 'abc'), 3);
  assert.is(osaDistance('abcdef', 'uvwxyz', 2), 3);
  // Over UTF-16 code units; words longer than the rows kept between calls; and a short one after.
  assert.is(osaDistance('😀a', 'a😀'), 2);
  assert.is(osaDistance(`${'a'.repeat(40)}bc`, `${'a'.repeat(40)}cb`), 1);
  assert.is(osaDistance('abcdefghijklmnopqrstuvwxyz0123456789', 'abcdefghijklmnopqrstuvwxyz0123456789xy', 1), 2);
  assert.is(osaDistance('fileLocaton', 'fileLocation'), 1);
});

/** The whole table, no limit: what the banded distance must agree with. */
function fullOsa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

test('osaDistance with a limit: the distance when within it, else limit + 1 (only the band around the diagonal is worked out)', () => {
  assert.is(osaDistance('kitten', 'sitting', 3), 3);
  assert.is(osaDistance('kitten', 'sitting', 2), 3);
  assert.is(osaDistance('abcdefgh', 'abcdefghijk', 2), 3);
  assert.is(osaDistance('abcdef', 'abdcef', 1), 1);
  let seed = 13;
  const random = (n: number) => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n;
  const word = () => Array.from({ length: random(12) }, () => 'abcab-_X'[random(8)]).join('');
  for (let k = 0; k < 4000; k++) {
    const a = word();
    const b = random(2) ? [...a].map((c) => (random(4) ? c : 'abc'[random(3)])).join('') : word();
    const exact = fullOsa(a, b);
    assert.is(osaDistance(a, b), exact, `${a} ${b}`);
    for (const limit of [0, 1, 2, 3, 4]) assert.is(osaDistance(a, b, limit), exact <= limit ? exact : limit + 1, `${a} ${b} within ${limit}`);
  }
});

test.run();
