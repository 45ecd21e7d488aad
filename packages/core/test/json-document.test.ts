import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import type { JsonPath, Target } from '../src/diagnostic.js';
import { memberScans, positionalParses, readJsonDocument } from '../src/document/json-document.js';
import { childWalks, locateInStrictJson, membersStepped } from '../src/document/json-locate.js';

/** The file and its one request, as one object (request files hold exactly one). */
const readJson = (filePath: string, text: string) => {
  const document = readJsonDocument(filePath, text);
  return { ...document.requests[0]!, ...document };
};

const test = suite('json-document');

const problemsOf = (text: string) => {
  const document = readJson('req.json', text);
  return document.problems.map((p) => ({
    ruleId: p.ruleId,
    at: `${document.range(p).line}:${document.range(p).column}`,
    text: text.slice(p.offset, p.offset + p.length),
    message: p.message,
  }));
};

test('valid JSON: value from JSON.parse, no problems', () => {
  const document = readJson('req.json', '{"otaUpdateId": "a", "n": 1.50}');
  assert.deepEqual(document.problems, []);
  assert.deepEqual(document.value, { otaUpdateId: 'a', n: 1.5 });
});

test('the AWS CLI docs example: the missing comma on line 28, and roleArn still read', () => {
  const text = readFileSync(new URL('../../../fixtures/real-world/aws-cli-docs-example.json', import.meta.url), 'utf8');
  const document = readJson('example.json', text);
  const problems = problemsOf(text);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.at, '28:5');
  assert.equal(problems[0]!.text, '"roleArn"');
  assert.match(problems[0]!.message, /^Missing comma before `"roleArn"`/);
  assert.equal((document.value as { roleArn: string }).roleArn, 'arn:aws:iam:123456789012:role/service-role/my_ota_role');
  assert.deepEqual(document.problems[0]!.fix, [{ offset: text.indexOf(']\n    "roleArn"') + 1, length: 0, text: ',' }]);
});

test('every syntax error is reported, with recovery', () => {
  const text = '{\n  "a": 1,\n  // note\n  "b": NaN,\n  "c": [1, 2,],\n  "d": Infinity\n}';
  assert.deepEqual(
    problemsOf(text).map((p) => [p.at, p.text]),
    [
      ['3:3', '// note'],
      ['4:8', 'NaN'],
      ['5:13', ','],
      ['6:8', 'Infinity'],
    ],
  );
  assert.match(problemsOf(text)[1]!.message, /`NaN` is not JSON/);
  assert.match(problemsOf(text)[2]!.message, /^Trailing comma before `]`/);
});

test('trailing comma in an object: one report with a fix that removes the comma', () => {
  const document = readJson('r.json', '{"a": 1,}');
  assert.equal(document.problems.length, 1);
  assert.deepEqual(document.problems[0]!.fix, [{ offset: 7, length: 1, text: '' }]);
});

test('a BOM is an error with a fix, and offsets stay those of the file', () => {
  const text = '\uFEFF{"a": 1, "a": 2}';
  const problems = problemsOf(text);
  assert.deepEqual(
    problems.map((p) => [p.ruleId, p.at]),
    [
      ['syntax-error', '1:1'],
      ['duplicate-key', '1:11'],
    ],
  );
});

test('duplicate keys: reported at the second key with the first line; locate points at the kept one', () => {
  const text = '{\n  "otaUpdateId": "a",\n  "otaUpdateId": "b"\n}';
  const document = readJson('r.json', text);
  assert.equal(document.problems.length, 1);
  assert.equal(document.problems[0]!.path, '/otaUpdateId');
  assert.match(document.problems[0]!.message, /first on line 2/);
  assert.deepEqual(document.value, { otaUpdateId: 'b' });
  const span = document.locate(['otaUpdateId'], 'value');
  assert.equal(text.slice(span.offset, span.offset + span.length), '"b"');
});

test('a repeated key is found from the colons, without scanning the text for members, unless an escape could hide a colon', () => {
  const duplicateKeys = (text: string) =>
    readJson('r.json', text)
      .problems.filter((p) => p.ruleId === 'duplicate-key')
      .map((p) => p.path);
  const scans = memberScans.count;
  assert.deepEqual(duplicateKeys('{\n  "roleArn": "arn:aws:iam::1:role/r",\n  "tags": [{ "Key": "a:b", "Value": "c" }]\n}'), []);
  assert.deepEqual(duplicateKeys('{"a": "x:y", "a": 1}'), ['/a'], 'the dropped value held a colon');
  assert.deepEqual(duplicateKeys('{"a:b": 1, "a:b": 2}'), ['/a:b'], 'the repeated name holds a colon');
  assert.deepEqual(duplicateKeys('{"x": {"a": {"b": "c:d"}, "a": "e:f"}}'), ['/x/a'], 'nested, the dropped member an object');
  assert.equal(memberScans.count, scans, 'no text without a backslash is scanned for its members');
  // The kept value's escaped colon makes up for the repeated key's colon: only a scan can tell.
  assert.deepEqual(duplicateKeys('{"a": 1, "a": "\\u003a"}'), ['/a']);
  assert.deepEqual(duplicateKeys('{"a": "\\u003a", "b": 1}'), []);
  assert.equal(memberScans.count, scans + 2, 'a text with a backslash is scanned');
});

test('a top level that is not an object is an error', () => {
  for (const [text, what] of [
    ['[1]', 'an array'],
    ['"x"', 'a string'],
    ['null', 'null'],
    ['3', 'a number'],
  ] as const) {
    const problems = problemsOf(text);
    assert.equal(problems.length, 1, text);
    assert.match(problems[0]!.message, new RegExp(`this file holds ${what}`));
  }
});

test('empty file and unclosed object', () => {
  assert.match(problemsOf('')[0]!.message, /Expected a value before the end of the file/);
  assert.deepEqual(
    problemsOf('{"a": 1').map((p) => p.message),
    ['Missing `}`: an object is not closed.'],
  );
});

test('locate: value, key, parent, and nearest ancestor for missing paths', () => {
  const text = '{"files": [{"fileLocation": {"stream": {"fileId": 300}}}]}';
  const document = readJson('r.json', text);
  const slice = (span: { offset: number; length: number }) => text.slice(span.offset, span.offset + span.length);
  assert.equal(slice(document.locate(['files', 0, 'fileLocation', 'stream', 'fileId'], 'value')), '300');
  assert.equal(slice(document.locate(['files', 0, 'fileLocation', 'stream', 'fileId'], 'key')), '"fileId"');
  assert.equal(slice(document.locate(['files', 0, 'fileLocation', 'stream', 'streamId'], 'parent')), '{"fileId": 300}');
  assert.equal(slice(document.locate(['files', 3, 'x'], 'value')), slice(document.locate(['files'], 'value')));
});

test('text edits: replace, rename a key, remove a list item', () => {
  const text = '{\n  "protocols": ["mqtt", "MQTT"],\n  "fileLocaton": {}\n}';
  const document = readJson('r.json', text);
  assert.deepEqual(document.textEdits({ kind: 'replace', path: ['protocols', 0], value: 'MQTT' }), [
    { offset: text.indexOf('"mqtt"'), length: 6, text: '"MQTT"' },
  ]);
  assert.deepEqual(document.textEdits({ kind: 'rename-key', path: ['fileLocaton'], to: 'fileLocation' }), [
    { offset: text.indexOf('"fileLocaton"'), length: 13, text: '"fileLocation"' },
  ]);
  const removal = document.textEdits({ kind: 'remove', path: ['protocols', 1] })!;
  let out = text;
  for (const edit of [...removal].sort((a, b) => b.offset - a.offset)) out = out.slice(0, edit.offset) + edit.text + out.slice(edit.offset + edit.length);
  assert.equal(out, '{\n  "protocols": ["mqtt"],\n  "fileLocaton": {}\n}');
  assert.equal(document.textEdits({ kind: 'replace', path: ['missing'], value: 1 }), undefined);
  const first = document.textEdits({ kind: 'remove', path: ['protocols', 0] })!;
  assert.equal(apply(text, first), '{\n  "protocols": ["MQTT"],\n  "fileLocaton": {}\n}');
  const member = document.textEdits({ kind: 'remove', path: ['fileLocaton'] })!;
  assert.equal(apply(text, member), '{\n  "protocols": ["mqtt", "MQTT"]\n}');
});

test("removing a member or item takes the lookup of the finding's range, not a walk of its container", () => {
  const text = '{\n  "files": [{ "fileLocaton": { "a": [1, {}] }, "fileName": "f" }],\n  "roleArn": "r"\n}';
  const document = readJson('r.json', text);
  const before = childWalks.count;
  const at = ['files', 0, 'fileLocaton'];
  document.locate(at, 'key');
  assert.equal(apply(text, document.textEdits({ kind: 'remove', path: at })!), '{\n  "files": [{ "fileName": "f" }],\n  "roleArn": "r"\n}');
  assert.equal(apply(text, document.textEdits({ kind: 'remove', path: ['files'] })!), '{\n  "roleArn": "r"\n}');
  assert.equal(childWalks.count, before, 'followed by another: no walk');
  assert.equal(apply(text, document.textEdits({ kind: 'remove', path: ['files', 0] })!), '{\n  "files": [],\n  "roleArn": "r"\n}');
  assert.equal(
    apply(text, document.textEdits({ kind: 'remove', path: ['roleArn'] })!),
    '{\n  "files": [{ "fileLocaton": { "a": [1, {}] }, "fileName": "f" }]\n}',
  );
  assert.equal(childWalks.count, before, 'the only item, the last member: no walk either');
});

test('a member written once is found by its name, stepping over no member before it', () => {
  const request = `{\n  "otaUpdateId": "u1",\n  "targets": ["arn:aws:iot:us-east-1:123456789012:thinggroup/g"],\n  "files": [{ "fileName": "f", "fileLocaton": { "s3Location": { "bucket": "b", "key": "k" } } }],\n  "roleArn": "r"\n}`;
  const stepped = membersStepped.count;
  const document = readJson('r.json', request);
  const at = ['files', 0, 'fileLocaton'];
  assert.equal(request.slice(document.locate(at, 'key').offset).startsWith('"fileLocaton"'), true);
  assert.equal(membersStepped.count, stepped, 'no member before it was read');
  assert.equal(apply(request, document.textEdits({ kind: 'remove', path: at })!).includes('fileLocaton'), false);
  assert.equal(membersStepped.count, stepped, 'its removal takes the same lookup');
});

test('found by name or by walking the text: the same place, wherever a name is also written elsewhere', () => {
  const texts = [
    '{"a": "roleArn", "roleArn": "x", "b": {"roleArn": 1}}',
    '{"x": {"name": 1}, "y": [{"name": 2}, {"name": 3}], "name": "name"}',
    '{"k": ":", ":": 1, " k": 2, "}": 3, "": 4, "k2": {"k": 5}}',
    '{"a": {"b": {"c": [1, {"d": "\\"d\\": 1"}]}}, "d": 2}',
    '{"0": {"1": [10, 11]}, "__proto__": {"x": 1}, "x" :  {"y" : [ ] } }',
  ];
  let compared = 0;
  for (const text of texts) {
    const parsed: unknown = JSON.parse(text);
    for (const at of pathsOf(parsed)) {
      assert.deepEqual(locateInStrictJson(text, at, parsed), locateInStrictJson(text, at), `${text} ${JSON.stringify(at)}`);
      compared++;
    }
  }
  assert.ok(compared > 40, `${compared} lookups`);
});

test('a removal from the text is the one the positional tree makes, for every member and item of every fixture', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures');
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.json') && !entry.name.includes('.expected.')) files.push(file);
    }
  };
  walk(root);
  let compared = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const fromTree = readJson(file, text);
    if (fromTree.problems.length > 0) continue;
    // Past a few lookups, a document builds its tree and answers from it.
    for (let i = 0; i < 10; i++) fromTree.locate([], 'value');
    const paths: JsonPath[] = [];
    const collect = (value: unknown, at: JsonPath) => {
      if (at.length > 0) paths.push(at);
      if (Array.isArray(value)) value.forEach((item, i) => collect(item, [...at, i]));
      else if (value !== null && typeof value === 'object') for (const [key, member] of Object.entries(value)) collect(member, [...at, key]);
    };
    collect(fromTree.value, []);
    for (const at of paths) {
      const fromText = readJson(file, text);
      assert.deepEqual(fromText.textEdits({ kind: 'remove', path: at }), fromTree.textEdits({ kind: 'remove', path: at }), `${file} ${at.join('/')}`);
      compared++;
    }
  }
  assert.ok(compared > 1000, `${compared} removals compared`);
});

test('never throws on arbitrary input', () => {
  for (const text of ['{', '}', '{"a":', '[[[[', '{"a" "b"}', '\u0000', '{"a": "\u0001"}', "{'a': 1}", '{"a": 01}', '{"a": "\\x"}']) {
    const document = readJson('r.json', text);
    assert.ok(document.problems.length > 0, text);
    for (const problem of document.problems) document.range(problem);
  }
});

test('plain valid JSON is not scanned, and builds no positional tree until a finding needs one', () => {
  const parses = () => ({ ...positionalParses });
  const before = parses();
  const clean = readJson('r.json', '{\n  "otaUpdateId": "a",\n  "files": [{ "fileName": "f" }]\n}');
  assert.deepEqual(clean.problems, []);
  assert.deepEqual(parses(), before, 'a clean file: neither scan nor tree');
  clean.locate(['files', 0, 'fileName'], 'value');
  assert.deepEqual(parses(), before, 'a finding or two is located from the text');
  for (let i = 0; i < 20; i++) clean.locate(['files', 0, 'fileName'], 'key');
  assert.deepEqual(parses(), { ...before, trees: before.trees + 1 }, 'many findings build the tree, once');

  const scanned = parses();
  readJson('r.json', '{"a": 1, "a": 2}');
  readJson('r.json', '{"a": 1,}');
  readJson('r.json', '\uFEFF{"a": 1}');
  assert.equal(positionalParses.scans, scanned.scans + 3, 'a repeated key, a syntax error, a BOM: each scanned');
  readJson('r.json', '{"a": "x:y", "b": "\\"c\\": 1"}');
  assert.equal(positionalParses.scans, scanned.scans + 3, 'colons and escaped quotes inside strings are no members');
});

test('a request JSON.parse read says its reader held it to the limits; one read past syntax errors does not', () => {
  assert.equal(readJsonDocument('r.json', '{"otaUpdateId": "a", "n": [1, {"m": 2}]}').requests[0]!.heldWithinLimits, true);
  assert.equal(readJsonDocument('r.json', '{"a": 1, "a": 2}').requests[0]!.heldWithinLimits, true, 'a repeated key: still parsed');
  assert.equal(readJsonDocument('r.json', '{"otaUpdateId": "a",}').requests[0]!.heldWithinLimits, false);
});

/** Every path a value holds, and one missing member or item below each container. */
function pathsOf(value: unknown, at: JsonPath = []): JsonPath[] {
  if (value === null || typeof value !== 'object') return [at];
  const children = Array.isArray(value) ? value.map((item, i) => pathsOf(item, [...at, i])) : Object.entries(value).map(([k, v]) => pathsOf(v, [...at, k]));
  return [at, [...at, Array.isArray(value) ? value.length : 'missing'], ...children.flat()];
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsonFiles(path.join(dir, entry.name)) : entry.name.endsWith('.json') ? [path.join(dir, entry.name)] : [],
  );
}

test('located from the text or from the tree: the same span and edits for every path of every fixture', () => {
  const fixtures = jsonFiles(fileURLToPath(new URL('../../../fixtures', import.meta.url)));
  let compared = 0;
  for (const file of fixtures) {
    const text = readFileSync(file, 'utf8');
    const withTree = readJson(file, text);
    for (let i = 0; i < 10; i++) withTree.locate([], 'value');
    for (const at of pathsOf(withTree.value)) {
      for (const target of ['value', 'key', 'parent'] as Target[]) {
        assert.deepEqual(readJson(file, text).locate(at, target), withTree.locate(at, target), `${file} ${JSON.stringify(at)} ${target}`);
        compared++;
      }
      for (const edit of [
        { kind: 'replace' as const, path: at, value: 'x' },
        { kind: 'rename-key' as const, path: at, to: 'y' },
        { kind: 'remove' as const, path: at },
      ]) {
        assert.deepEqual(readJson(file, text).textEdits(edit), withTree.textEdits(edit), `${file} ${JSON.stringify(edit)}`);
      }
    }
  }
  assert.ok(compared > 1000, `${compared} lookups`);
});

function apply(text: string, edits: ReadonlyArray<{ offset: number; length: number; text: string }>): string {
  let out = text;
  for (const edit of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, edit.offset) + edit.text + out.slice(edit.offset + edit.length);
  return out;
}

test.run();
