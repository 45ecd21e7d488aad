import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { readYamlDocument } from '../src/document/yaml-document.js';
import { readSource, SourceKinds } from '../src/document/source-kinds.js';

/** The file and its one request, as one object (request files hold exactly one). */
const readYaml = (filePath: string, text: string) => {
  const document = readYamlDocument(filePath, text);
  return { ...document.requests[0]!, ...document };
};

const test = suite('yaml-document');
const slice = (text: string, span: { offset: number; length: number }) => text.slice(span.offset, span.offset + span.length);

const request = `otaUpdateId: fw-1
targets:
  - arn:aws:iot:us-east-1:123456789012:thinggroup/fleet
protocols: [mqtt, MQTT]
files:
  - fileName: firmware.bin
    fileVersion: 1.0
    fileLocation:
      s3Location: { bucket: afr-ota-b, key: fw.bin, version: 2024-01-01 }
roleArn: arn:aws:iam::123456789012:role/ota
`;

test('YAML 1.2 core schema: numbers stay numbers, unquoted dates become dates', () => {
  const document = readYaml('r.yaml', request);
  assert.deepEqual(document.problems, []);
  const file = (document.value as { files: Array<Record<string, any>> }).files[0]!;
  assert.equal(file.fileVersion, 1);
  assert.ok(file.fileLocation.s3Location.version instanceof Date);
  assert.equal((document.value as { otaUpdateId: string }).otaUpdateId, 'fw-1');
});

test('duplicate keys are errors at the second key', () => {
  const text = 'otaUpdateId: a\notaUpdateId: b\n';
  const document = readYaml('r.yaml', text);
  assert.equal(document.problems.length, 1);
  assert.equal(document.problems[0]!.ruleId, 'duplicate-key');
  assert.equal(document.range(document.problems[0]!).line, 2);
  assert.match(document.problems[0]!.message, /Duplicate key "otaUpdateId"/);
});

test('syntax errors are reported with ranges and the rest still read', () => {
  const text = 'otaUpdateId: a\ntargets: [x, y\nroleArn: r\n';
  const document = readYaml('r.yaml', text);
  assert.ok(document.problems.length >= 1);
  assert.equal(document.problems[0]!.ruleId, 'syntax-error');
  assert.equal((document.value as { otaUpdateId: string }).otaUpdateId, 'a');
});

test('a top level that is not a mapping, and an empty file, are errors', () => {
  assert.match(readYaml('r.yaml', '- a\n- b\n').problems[0]!.message, /must be a YAML mapping/);
  assert.match(readYaml('r.yaml', '').problems[0]!.message, /The file is empty/);
  assert.match(readYaml('r.yaml', 'just a string\n').problems[0]!.message, /must be a YAML mapping/);
});

test('locate value, key and parent', () => {
  const document = readYaml('r.yaml', request);
  assert.equal(slice(request, document.locate(['protocols', 0], 'value')), 'mqtt');
  assert.equal(slice(request, document.locate(['files', 0, 'fileVersion'], 'key')), 'fileVersion');
  assert.equal(slice(request, document.locate(['files', 0, 'fileLocation', 's3Location', 'version'], 'value')), '2024-01-01');
  assert.ok(slice(request, document.locate(['files', 0, 'codeSigning'], 'parent')).startsWith('fileName: firmware.bin'));
});

test('text edits keep YAML syntax: plain when safe, quoted otherwise', () => {
  const document = readYaml('r.yaml', request);
  assert.deepEqual(document.textEdits({ kind: 'replace', path: ['protocols', 0], value: 'MQTT' }), [
    { offset: request.indexOf('mqtt'), length: 4, text: 'MQTT' },
  ]);
  assert.equal(document.textEdits({ kind: 'replace', path: ['files', 0, 'fileVersion'], value: '1.0' })![0]!.text, '"1.0"');
  assert.equal(document.textEdits({ kind: 'rename-key', path: ['files', 0, 'fileName'], to: 'yes' })![0]!.text, '"yes"');
  const arn = 'arn:aws:iam::123456789012:role/ota';
  assert.equal(document.textEdits({ kind: 'replace', path: ['roleArn'], value: arn })![0]!.text, arn, 'plain stays plain');
  assert.equal(document.textEdits({ kind: 'replace', path: ['otaUpdateId'], value: 'a: b' })![0]!.text, '"a: b"');
  assert.equal(document.textEdits({ kind: 'replace', path: ['otaUpdateId'], value: '2024-01-01' })![0]!.text, '"2024-01-01"');
  const quoted = readYaml('q.yaml', 'a: \'x\'\nb: "y"\n');
  assert.equal(quoted.textEdits({ kind: 'replace', path: ['a'], value: "it's" })![0]!.text, "'it''s'");
  assert.equal(quoted.textEdits({ kind: 'replace', path: ['b'], value: 'z' })![0]!.text, '"z"');
  const [removal] = document.textEdits({ kind: 'remove', path: ['protocols', 1] })!;
  assert.equal(request.slice(0, removal!.offset) + request.slice(removal!.offset + removal!.length), request.replace('[mqtt, MQTT]', '[mqtt]'));
  const block = 'targets:\n  - a\n  - b\n';
  const [line] = readYaml('r.yaml', block).textEdits({ kind: 'remove', path: ['targets', 0] })!;
  assert.equal(block.slice(0, line!.offset) + block.slice(line!.offset + line!.length), 'targets:\n  - b\n');
  const members =
    'codeSigning:\n  awsSignerJobId: j\n  customCodeSigning: {}\n  startSigningJobParameter:\n    signingProfileName: p\n  # note\nflow: {a: 1, b: 2}\n- x\n';
  const membersDoc = readYaml('m.yaml', members.replace('- x\n', ''));
  const apply = (edits: ReturnType<typeof membersDoc.textEdits>) => {
    const [edit] = edits!;
    const source = members.replace('- x\n', '');
    return source.slice(0, edit!.offset) + source.slice(edit!.offset + edit!.length);
  };
  assert.equal(
    apply(membersDoc.textEdits({ kind: 'remove', path: ['codeSigning', 'customCodeSigning'] })),
    'codeSigning:\n  awsSignerJobId: j\n  startSigningJobParameter:\n    signingProfileName: p\n  # note\nflow: {a: 1, b: 2}\n',
  );
  assert.equal(
    apply(membersDoc.textEdits({ kind: 'remove', path: ['codeSigning', 'startSigningJobParameter'] })),
    'codeSigning:\n  awsSignerJobId: j\n  customCodeSigning: {}\n  # note\nflow: {a: 1, b: 2}\n',
  );
  assert.equal(
    apply(membersDoc.textEdits({ kind: 'remove', path: ['flow', 'a'] })),
    'codeSigning:\n  awsSignerJobId: j\n  customCodeSigning: {}\n  startSigningJobParameter:\n    signingProfileName: p\n  # note\nflow: {b: 2}\n',
  );
  const listItem = readYaml('l.yaml', 'files:\n  - fileName: a\n    fileType: 1\n');
  assert.equal(listItem.textEdits({ kind: 'remove', path: ['files', 0, 'fileName'] }), undefined);
});

test('format by extension, sniffed otherwise', () => {
  const kinds = new SourceKinds();
  assert.equal(kinds.kindFor('a.JSON').id, 'json');
  assert.equal(kinds.kindFor('a.yml').id, 'yaml');
  assert.equal(kinds.kindFor('-', ' {"a":1}').id, 'json');
  assert.equal(kinds.kindFor('-', 'a: 1').id, 'yaml');
  assert.equal(readSource('x.txt', '{"a": 1}').kind, 'json');
});

test('never throws on arbitrary input', () => {
  for (const text of [': :', '[', '{a: ', '*alias', '&a [*a]', '\t- x', 'a: "unterminated', '%YAML 9.9\n---\na: 1', '---\na: 1\n---\nb: 2\n']) {
    const document = readYaml('r.yaml', text);
    for (const problem of document.problems) document.range(problem);
  }
});

test.run();
