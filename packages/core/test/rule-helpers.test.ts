import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { defineListLimitRule, definePrecisionRule, defineRangeRule } from '../src/rules/factories.js';
import { lintWithRule } from '../src/testing/rule-tester.js';
import { decimalPlaces, hasAtMostDecimalPlaces } from '../src/util/decimals.js';
import { didYouMean } from '../src/util/did-you-mean.js';
import { isString } from '../src/util/guards.js';
import {
  childObject,
  forEachValueAt,
  isAbsent,
  isPresent,
  objectAt,
  objectsAt,
  selectedEntries,
  sharedPerRequest,
  valuesAt,
  withFrozenLists,
  withSharedSelections,
} from '../src/util/select.js';
import { joinWords, plural, spelledPlural } from '../src/util/words.js';
import { isFullyKnown, markOpen, unknownValue } from '../src/value/unknown.js';
import { watchedForSymbols } from './helpers/symbol-questions.js';

const select = suite('valuesAt: path patterns');
const request = {
  files: [{ fileLocation: { s3Location: { bucket: 'a' } } }, 'not a file', { fileLocation: { s3Location: { bucket: 7 } } }, { fileLocation: null }],
  targets: ['t0', 3, 't2'],
  awsJobAbortConfig: { abortCriteriaList: [{ failureType: 'FAILED' }, { failureType: 'ALL' }] },
};

select('members and every list item, with the paths to report on', () => {
  assert.deepEqual(valuesAt(request, 'files[].fileLocation.s3Location.bucket', isString), [
    { value: 'a', path: ['files', 0, 'fileLocation', 's3Location', 'bucket'] },
  ]);
  assert.deepEqual(
    valuesAt(request, 'targets[]', isString).map((entry) => entry.path),
    [
      ['targets', 0],
      ['targets', 2],
    ],
  );
  assert.deepEqual(
    valuesAt(request, 'awsJobAbortConfig.abortCriteriaList[].failureType', isString).map((entry) => entry.value),
    ['FAILED', 'ALL'],
  );
});

select('nothing through a wrong type, a missing member, null or an unknown value', () => {
  assert.deepEqual(
    objectsAt(request, 'files[].fileLocation').map((entry) => entry.path),
    [
      ['files', 0, 'fileLocation'],
      ['files', 2, 'fileLocation'],
    ],
  );
  assert.deepEqual(objectsAt(request, 'targets[].x'), []);
  assert.deepEqual(objectsAt({ files: unknownValue('$FILES') }, 'files[]'), []);
  assert.deepEqual(objectsAt({ files: [unknownValue('$FILE')] }, 'files[]'), []);
  assert.equal(objectAt({ a: unknownValue('$A') }, 'a'), undefined);
  // An unknown value has members of its own (its source text): never stepped through.
  assert.deepEqual(valuesAt({ a: unknownValue('$A') }, 'a.source', isString), []);
  assert.deepEqual(valuesAt({ a: [unknownValue('$A')] }, 'a[].source', isString), []);
});

select('an open object still yields what it shows', () => {
  const open = markOpen({ fileLocation: { stream: {} } }, ['...defaults']);
  assert.deepEqual(objectAt(open, 'fileLocation.stream'), { value: {}, path: ['fileLocation', 'stream'] });
});

select('childObject: a member path below a located object', () => {
  const file = objectsAt(request, 'files[]')[0]!;
  assert.deepEqual(childObject(file, 'fileLocation.s3Location'), { value: { bucket: 'a' }, path: ['files', 0, 'fileLocation', 's3Location'] });
  assert.equal(childObject(file, 'codeSigning'), undefined);
});
select('while the rules run on a request, a list is selected once per value and shared; a member path is followed each time', () => {
  const copy = structuredClone(request);
  withSharedSelections(() => {
    const files = objectsAt(copy, 'files[]');
    assert.equal(objectsAt(copy, 'files[]'), files, 'the same list for the same value');
    assert.notEqual(valuesAt(copy, 'files[]', isString), files, 'another guard, another list');
    assert.notEqual(objectsAt(structuredClone(copy), 'files[]'), files, 'another value, another list');
    // The same value reached by another path (a YAML alias): its own paths.
    assert.deepEqual(
      objectsAt(copy, 'files[]', ['alias']).map((entry) => entry.path),
      [
        ['alias', 'files', 0],
        ['alias', 'files', 2],
        ['alias', 'files', 3],
      ],
    );
    // Not frozen in a lint run (V8 does not optimise a loop over a frozen list); frozen in rule tests.
    assert.ok(!Object.isFrozen(files));
    assert.ok(withFrozenLists(() => Object.isFrozen(objectsAt(structuredClone(copy), 'files[]'))));
    const member = valuesAt(copy, 'awsJobAbortConfig.abortCriteriaList', Array.isArray as (v: unknown) => v is unknown[]);
    assert.ok(withFrozenLists(() => Object.isFrozen(valuesAt(copy, 'awsJobAbortConfig.abortCriteriaList', Array.isArray as (v: unknown) => v is unknown[]))));
    assert.deepEqual(member, [{ value: copy.awsJobAbortConfig.abortCriteriaList, path: ['awsJobAbortConfig', 'abortCriteriaList'] }]);
    const derived = sharedPerRequest(copy, 'a derivation', (root) => Object.freeze([root]));
    assert.equal(
      sharedPerRequest(copy, 'a derivation', () => Object.freeze([])),
      derived,
      'made once',
    );
    assert.notEqual(
      sharedPerRequest(copy, 'another', () => Object.freeze([])),
      derived,
    );
  });
  // Outside a run, nothing is kept: each call selects again.
  assert.notEqual(objectsAt(copy, 'files[]'), objectsAt(copy, 'files[]'));
  assert.notEqual(objectAt(copy, 'awsJobAbortConfig'), objectAt(copy, 'awsJobAbortConfig'));
});

select("an object at a member path is followed once per request, value and path: every file's parts, asked by rule after rule", () => {
  const copy = structuredClone(request);
  withSharedSelections(() => {
    const [file] = objectsAt(copy, 'files[]');
    const location = childObject(file!, 'fileLocation');
    assert.deepEqual(location, { value: (copy.files[0] as { fileLocation: object }).fileLocation, path: ['files', 0, 'fileLocation'] });
    assert.equal(childObject(file!, 'fileLocation'), location, 'the same object for the same file');
    assert.equal(objectAt(file!.value, 'fileLocation', file!.path), location);
    assert.notEqual(objectAt(file!.value, 'fileLocation', ['alias', 0]), location, 'the same value reached by another path: its own path');
    assert.deepEqual(objectAt(file!.value, 'fileLocation', ['alias', 0])!.path, ['alias', 0, 'fileLocation']);
    assert.equal(childObject(file!, 'fileLocation.s3Location'), childObject(file!, 'fileLocation.s3Location'));
    assert.equal(objectAt(copy, 'awsJobAbortConfig'), objectAt(copy, 'awsJobAbortConfig'));
    // What is not there is remembered too, and an object is never taken for another pattern's.
    assert.equal(childObject(file!, 'codeSigning'), undefined);
    assert.equal(childObject(file!, 'codeSigning'), undefined);
    assert.notEqual(objectAt(copy, 'awsJobAbortConfig.abortCriteriaList'), objectAt(copy, 'awsJobAbortConfig'));
  });
  assert.ok(withFrozenLists(() => Object.isFrozen(objectsAt(copy, 'files[]'))));
});

select('a selection that finds nothing makes no list: one frozen empty list serves them all', () => {
  const none = valuesAt(request, 'targets[].x', isString);
  assert.deepEqual(none, []);
  assert.ok(Object.isFrozen(none));
  withSharedSelections(() => {
    assert.equal(objectsAt(request, 'tags[]'), none);
    assert.equal(objectsAt(request, 'files[].codeSigning'), none);
    assert.equal(valuesAt(request, 'roleArn', isString), none);
    assert.equal(valuesAt(request, 'awsJobAbortConfig.missing', isString), none);
  });
});

select('forEachValueAt visits what valuesAt selects, a member path without a list', () => {
  const visited = (root: unknown, pattern: string) => {
    const entries: unknown[] = [];
    forEachValueAt(root, pattern, isString, (entry, into: unknown[]) => into.push(entry), entries);
    return entries;
  };
  for (const pattern of [
    'files[].fileLocation.s3Location.bucket',
    'targets[]',
    'awsJobAbortConfig.abortCriteriaList[].failureType',
    'roleArn',
    'missing.deeper',
  ]) {
    assert.deepEqual(visited(request, pattern), valuesAt(request, pattern, isString), pattern);
  }
  assert.deepEqual(visited({ a: { b: 'x' } }, 'a.b'), [{ value: 'x', path: ['a', 'b'] }]);
  assert.deepEqual(visited({ a: unknownValue('$A') }, 'a.b'), [], 'nothing through an unknown value');
  assert.deepEqual(visited({ a: { b: 3 } }, 'a.b'), [], 'what fails the guard is not visited');
});

select('while the rules run on a request known through and through, selections, isAbsent and isPresent ask no value whether it is unknown', () => {
  const { request, asked, reset } = watchedForSymbols((watched) =>
    watched({
      files: watched([watched({ fileLocation: watched({ s3Location: watched({ bucket: 'b' }) }) }), watched({ codeSigning: watched({}) })]),
      awsJobAbortConfig: watched({ abortCriteriaList: watched([watched({ failureType: 'FAILED' })]) }),
    }),
  );
  const selected = (known: boolean) =>
    withSharedSelections(
      () => [
        valuesAt(request, 'files[].fileLocation.s3Location.bucket', isString).map((entry) => entry.path),
        objectsAt(request, 'files[]').length,
        objectsAt(request, 'awsJobAbortConfig.abortCriteriaList[]').length,
        objectAt(request, 'awsJobAbortConfig')?.path,
        childObject(objectsAt(request, 'files[]')[1]!, 'codeSigning')?.path,
        isAbsent(request, 'awsJobAbortConfig.abortCriteriaList'),
        isAbsent(request, 'awsJobTimeoutConfig.inProgressTimeoutInMinutes'),
        isPresent(request, 'awsJobAbortConfig.abortCriteriaList'),
        isPresent(request, 'awsJobTimeoutConfig'),
      ],
      known,
    );
  const answers = selected(false);
  assert.ok(asked() > 0, 'a request that may hold unknowns is asked');
  reset();
  assert.deepEqual(selected(true), answers, 'the same selections');
  assert.equal(asked(), 0, `${asked()} questions asked of a known request`);
});

select('decimalPlaces: the digits after the point of the shortest form, exponents included', () => {
  const cases: Array<[number, number]> = [
    [1.5, 1],
    [1.55, 2],
    [-2.25, 2],
    [10, 0],
    [-0, 0],
    [0.1 + 0.2, 17],
    [1e-7, 7],
    [1.5e-7, 8],
    [123e-20, 20],
    [5e-324, 324],
    [1e21, 0],
    [1.5e21, 0],
    [1.7976931348623157e308, 0],
    [Number.NaN, 0],
    [Number.POSITIVE_INFINITY, 0],
  ];
  for (const [value, places] of cases) assert.equal(decimalPlaces(value), places, String(value));
});

select('hasAtMostDecimalPlaces says what decimalPlaces says, on the edge cases and on 100,000 seeded numbers', () => {
  const edges = [1.5, 1.55, 10.5, 0.1 + 0.2, 1.005, 9.995, 4.35, 1e-7, 1.5e-7, 5e-324, 2 ** 53 + 0.5, 2 ** 60, 1e21, -2.25, -0, 0.3];
  // A seeded generator (xorshift): numbers written with a few decimals, any double's bits, and tiny and huge magnitudes.
  let seed = 0x9e3779b9;
  const next = () => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 2 ** 32;
  };
  const bits = new Float64Array(1);
  const words = new Uint32Array(bits.buffer);
  const numbers = [...edges];
  for (let i = 0; i < 25_000; i++) {
    numbers.push(Math.round(next() * 1e6) / 10 ** Math.floor(next() * 9));
    numbers.push(Number((next() * 10 ** Math.floor(next() * 17)).toFixed(Math.floor(next() * 10))));
    numbers.push((next() - 0.5) * 10 ** (next() * 40 - 20));
    words[0] = next() * 2 ** 32;
    words[1] = next() * 2 ** 32;
    numbers.push(bits[0]!);
  }
  let mismatches = 0;
  for (const value of numbers) {
    if (!Number.isFinite(value)) continue;
    for (let places = 0; places <= 17; places++) if (hasAtMostDecimalPlaces(value, places) !== decimalPlaces(value) <= places) mismatches++;
  }
  assert.equal(mismatches, 0);
});

select('isAbsent and isPresent: certain only when no unknown or spread could change the answer', () => {
  const value = { a: { b: 1, u: unknownValue('$U') }, open: markOpen({ shown: 1 }, ['...rest']), s: 'text' };
  assert.equal(isPresent(value, 'a.b'), true);
  assert.equal(isAbsent(value, 'a.b'), false);
  assert.equal(isAbsent(value, 'a.missing'), true);
  assert.equal(isAbsent(value, 'missing.deeper'), true);
  assert.equal(isAbsent(value, 's.member'), true, 'a string has no members');
  // An unknown may be anything, absent included: neither present nor absent.
  assert.equal(isPresent(value, 'a.u'), false);
  assert.equal(isAbsent(value, 'a.u'), false);
  assert.equal(isAbsent(value, 'a.u.deeper'), false);
  // A spread may add what an open object does not show.
  assert.equal(isAbsent(value, 'open.other'), false);
  assert.equal(isPresent(value, 'open.shown'), true);
  assert.throws(() => isAbsent(value, 'a[].b'), /no \[\] steps/);
});

select('isFullyKnown: no unknown value or spread anywhere', () => {
  assert.equal(isFullyKnown({ a: [1, { b: 'x' }] }), true);
  assert.equal(isFullyKnown({ a: [1, { b: unknownValue('$B') }] }), false);
  assert.equal(isFullyKnown({ a: markOpen([1], ['...more']) }), false);
});
select.run();

const words = suite('words for messages');
words('plural, spelled plural, lists', () => {
  assert.equal(plural(1, 'character'), '1 character');
  assert.equal(plural(2, 'entry', 'entries'), '2 entries');
  assert.equal(spelledPlural(1, 'digit'), 'one digit');
  assert.equal(spelledPlural(2, 'digit'), 'two digits');
  assert.equal(spelledPlural(12, 'digit'), '12 digits');
  assert.equal(joinWords([]), '');
  assert.equal(joinWords(['a']), 'a');
  assert.equal(joinWords(['a', 'b'], 'or'), 'a or b');
  assert.equal(joinWords(['a', 'b', 'c']), 'a, b and c');
});
words('did you mean: after a sentence, or ending a clause', () => {
  assert.equal(didYouMean('MQTT'), ' Did you mean "MQTT"?');
  assert.equal(didYouMean(undefined), '');
  assert.equal(didYouMean('rules', 'clause'), '; did you mean "rules"?');
  assert.equal(didYouMean(undefined, 'clause'), '.');
  assert.equal(
    didYouMean('roleArn', 'clause', (word) => `\`${word}\``),
    '; did you mean `roleArn`?',
  );
});
words.run();

const factories = suite('rule factories: a new rule is its metadata');
const meta = { description: 'd', category: 'ranges', defaultSeverity: 'error', certainty: 'documented' } as const;
const found = (rule: Parameters<typeof lintWithRule>[0], value: unknown) => lintWithRule(rule, { request: value }).map((d) => [d.path, d.message]);

factories('defineRangeRule: inclusive limits, shown with the unit and note, over every list item', () => {
  const rule = defineRangeRule({
    path: 'files[].fileType',
    meta: { ...meta, id: 'file-type-range' },
    min: 0,
    max: 255,
    unit: 'as a byte',
    note: '(one octet)',
  });
  assert.deepEqual(found(rule, { files: [{ fileType: 0 }, { fileType: 256 }, { fileType: -1 }, { fileType: 'x' }, { fileType: 255 }] }), [
    ['/files/1/fileType', '`fileType` is 256; it must be between 0 and 255 as a byte (one octet). Use a value in that range.'],
    ['/files/2/fileType', '`fileType` is -1; it must be between 0 and 255 as a byte (one octet). Use a value in that range.'],
  ]);
  const decimals = defineRangeRule({ path: 'a.b.c', meta: { ...meta, id: 'c-range' }, min: 1, max: 5, decimals: 1, fix: 'Fix it.' });
  assert.deepEqual(found(decimals, { a: { b: { c: 6 } } }), [['/a/b/c', '`b.c` is 6; it must be between 1.0 and 5.0. Fix it.']]);
});

factories('definePrecisionRule: digits after the point, with the two nearest values as suggestions', () => {
  const rule = definePrecisionRule({ path: 'a[].p', meta: { ...meta, id: 'p-precision' }, places: 1, example: ['1.5', '1.55'] });
  const [diagnostic, ...rest] = lintWithRule(rule, { request: { a: [{ p: 1.5 }, { p: 2.25 }] } });
  assert.equal(rest.length, 0);
  assert.equal(diagnostic!.path, '/a/1/p');
  assert.equal(diagnostic!.message, '`p` is 2.25; it may have at most one digit after the decimal point (1.5, not 1.55). Use 2.2 or 2.3.');
  assert.deepEqual(
    diagnostic!.suggestions!.map((s) => s.message),
    ['Use 2.2.', 'Use 2.3.'],
  );
});

factories('defineListLimitRule: the count, the limit and the excess', () => {
  const rule = defineListLimitRule({ path: 'targets', max: 2, meta: { ...meta, id: 'two-targets' }, message: '{{count}} over {{max}} by {{excess}}' });
  assert.deepEqual(found(rule, { targets: ['a', 'b', 'c'] }), [['/targets', '3 over 2 by 1']]);
  assert.deepEqual(found(rule, { targets: ['a', 'b'] }), []);
});
factories('a value that cannot fail is never made an entry: only a wrong number or list is located, once per finding', () => {
  const rules = [
    defineRangeRule({ path: 'a.r', meta: { ...meta, id: 'r-range' }, min: 1, max: 5 }),
    definePrecisionRule({ path: 'a.list[].p', meta: { ...meta, id: 'p-precision' }, places: 1, example: ['1.5', '1.55'] }),
    definePrecisionRule({ path: 'a.q', meta: { ...meta, id: 'q-precision' }, places: 2, example: ['1.55', '1.555'] }),
    defineListLimitRule({ path: 'a.list', max: 3, meta: { ...meta, id: 'three-items' }, message: '{{count}} over {{max}}' }),
  ];
  const entriesFor = (request: unknown) => {
    const before = selectedEntries.made;
    const findings = rules.flatMap((rule) => lintWithRule(rule, { request }));
    return { findings: findings.length, entries: selectedEntries.made - before };
  };
  assert.deepEqual(entriesFor({ a: { r: 3, q: 10.25, list: [{ p: 1 }, { p: 1.5 }, { p: 'x' }] } }), { findings: 0, entries: 0 });
  assert.deepEqual(entriesFor({ a: { r: 9, q: 10.255, list: [{ p: 1 }, { p: 1.55 }, {}, { p: 2.25 }] } }), { findings: 5, entries: 5 });
});
factories.run();
