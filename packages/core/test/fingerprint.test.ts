import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { canonicalJson, identityHash } from '../src/fingerprint.js';
import { markOpen, unknownValue } from '../src/value/unknown.js';

const test = suite('fingerprint: the recipe baselines depend on');

test('canonical JSON: keys sorted at every level, and each value written as the recipe always wrote it', () => {
  const cases: Array<[unknown, string]> = [
    [{ b: 1, a: { d: [true, null], c: 'x' } }, '{"a":{"c":"x","d":[true,null]},"b":1}'],
    [JSON.parse('{"__proto__": {"é": "\\ud800"}, "": -0}'), '{"":0,"__proto__":{"é":"\\ud800"}}'],
    [[NaN, -Infinity, 1.5e300], '[NaN,-Infinity,1.5e+300]'],
    // eslint-disable-next-line no-sparse-arrays
    [[1, , 2], '[1,,2]'],
    [[undefined, { a: undefined }], '[~undefined,{"a":~undefined}]'],
    [undefined, '~undefined'],
    [new Date(0), '"1970-01-01T00:00:00.000Z"'],
    [{ role: unknownValue('$ROLE') }, '{"role":~unknown:"$ROLE"}'],
    [markOpen({ b: 2, a: 1 }, ['...rest']), '{"a":1,"b":2}'],
    [[[], {}, [[]]], '[[],{},[[]]]'],
    ['a"b', '"a\\"b"'],
  ];
  for (const [value, written] of cases) assert.equal(canonicalJson(value), written);
});

test('an identity hash is the first half of the SHA-256 of rule, pointer and canonical value', () => {
  assert.equal(identityHash('aws-api-model', '/files/0/fileLocaton', { s3Location: { key: 'k', bucket: 'b' } }), '758c24741612d65a772497cf07ddbbc5');
});

test.run();
