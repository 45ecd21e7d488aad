import assert from 'node:assert/strict';
import { suite } from 'uvu';
import { positionalParses } from '../src/document/json-document.js';
import { HOST_READERS, prepareBash } from '../src/document/sources/shell/hosts.js';

const test = suite('command-line JSON values: the positional scan only where a value needs it');

const FILES = `[{"fileName": "fw.bin", "fileLocation": {"stream": {"streamId": "s", "fileId": 0}}, "codeSigning": {"awsSignerJobId": "j"}}]`;
const script = (files: string) =>
  `#!/bin/bash\naws iot create-ota-update --ota-update-id fw-1 --targets arn:aws:iot:eu-west-1:123456789012:thinggroup/g \\\n  --files '${files}' --role-arn arn:aws:iam::123456789012:role/r\n`;

async function read(files: string) {
  await prepareBash();
  const text = script(files);
  const document = HOST_READERS.shell('release.sh', text, { cwd: '/' });
  const request = document.requests[0]!;
  return { text, request, problems: request.problems.map((problem) => [problem.ruleId, text.slice(problem.offset, problem.offset + problem.length)]) };
}

const parses = () => ({ ...positionalParses });

test('a value JSON.parse reads with no key repeated: neither scanned nor parsed again, and located where it is written', async () => {
  const before = parses();
  const { text, request, problems } = await read(FILES);
  assert.deepEqual(parses(), before);
  assert.deepEqual(problems, []);
  assert.deepEqual((request.value as { files: unknown }).files, JSON.parse(FILES));
  const at = (path: (string | number)[], target: 'value' | 'key') => {
    const span = request.locate(path, target);
    return text.slice(span.offset, span.offset + span.length);
  };
  assert.equal(at(['files', 0, 'fileLocation', 'stream', 'fileId'], 'value'), '0');
  assert.equal(at(['files', 0, 'codeSigning', 'awsSignerJobId'], 'key'), '"awsSignerJobId"');
  assert.equal(at(['files', 0, 'codeSigning'], 'value'), '{"awsSignerJobId": "j"}');
});

test('a repeated key or a syntax error: scanned once each, and reported where it is written', async () => {
  const before = parses();
  const repeated = await read('[{"fileName": "a", "fileName": "b"}]');
  assert.deepEqual(repeated.problems, [['duplicate-key', '"fileName"']]);
  const broken = await read('[{"fileName": "a",}]');
  assert.equal(broken.problems[0]?.[1], ',');
  assert.deepEqual(parses(), { ...before, scans: before.scans + 2, trees: before.trees + 2 });
});

test.run();
