import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { suite } from 'uvu';
import type * as TreeSitter from 'web-tree-sitter';
import { positionalParses } from '../src/document/json-document.js';
import { HOST_READERS, placeholderWalks, prepareBash } from '../src/document/sources/shell/hosts.js';
import { wordDecodes, wordPieces } from '../src/document/sources/shell/shell-word.js';
import { locatedValues } from '../src/document/sources/shell/values.js';

const test = suite('command lines: what reading one decodes and parses');

const FILES = `[{"fileName": "fw.bin", "fileLocation": {"stream": {"streamId": "s", "fileId": 0}}, "codeSigning": {"awsSignerJobId": "j"}}]`;
const script = (files: string, before = '') =>
  `#!/bin/bash\n${before}aws iot create-ota-update --ota-update-id fw-1 --targets arn:aws:iot:eu-west-1:123456789012:thinggroup/g \\\n  --files '${files}' --role-arn arn:aws:iam::123456789012:role/r\n`;

async function read(files: string, before?: string) {
  await prepareBash();
  const text = script(files, before);
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

test("a repeated key's message names the line of the script where the key was first written, not the value's line", async () => {
  const { request } = await read('[{\n    "fileName": "a",\n    "fileName": "b"}]', 'echo releasing\n');
  // The script: #!/bin/bash, echo, the command (line 3), `--files '[{` (line 4), the first key on line 5.
  assert.match(request.problems[0]!.message, /^Duplicate key "fileName" \(first on line 5\);/);
});

test("a repeated key in a file:// value's file: the message names that file's line", async () => {
  await prepareBash();
  const dir = mkdtempSync(path.join(tmpdir(), 'otalint-shell-file-'));
  try {
    writeFileSync(path.join(dir, 'files.json'), '[\n\n  {\n    "fileName": "a",\n    "fileName": "b"\n  }\n]\n');
    const text = script('x').replace(`'x'`, 'file://files.json');
    const request = HOST_READERS.shell('release.sh', text, { cwd: dir }).requests[0]!;
    assert.match(request.problems[0]!.message, /^Duplicate key "fileName" \(first on line 4\);/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a JSON value's parts are each made once, with their key and member (not made, then copied to add them)", async () => {
  const made = async (files: string) => {
    const start = locatedValues.count;
    await read(files);
    return locatedValues.count - start;
  };
  assert.equal((await made(FILES.replace('"fileName": "fw.bin"', '"fileName": "fw.bin", "fileType": 1, "fileVersion": "1"'))) - (await made(FILES)), 2);
});

test("another service's command: its program and service decoded, and none of its values", async () => {
  const decodes = (before?: string) => read(FILES, before).then(() => wordDecodes.count);
  const start = wordDecodes.count;
  const alone = (await decodes()) - start;
  const copies = 'aws s3 cp "build/$PART.bin" "s3://artifacts/$PART.bin" --quiet\n'.repeat(10);
  const withCopies = (await decodes(copies)) - start - alone;
  assert.equal(withCopies - alone, 20, 'aws and s3, for each of 10 commands');
});

test('a quoted value is decoded in runs of characters, not one by one: a longer value costs no more pieces', async () => {
  const pieces = async (files: string) => {
    const start = wordPieces.count;
    await read(files);
    return wordPieces.count - start;
  };
  const short = await pieces(FILES);
  const long = await pieces(FILES.replace('"fw.bin"', `"${'firmware-'.repeat(200)}.bin"`));
  assert.equal(long, short);
  assert.ok(short < 40, `${short} pieces for a command of ${script(FILES).length} characters`);
});

/**
 * How often reading `before` + a command asks tree-sitter's nodes for `member` (a method or a
 * getter of web-tree-sitter's Node), counting the questions `counts` accepts.
 */
async function questions(
  member: 'childForFieldName' | 'descendantsOfType' | 'type',
  text: string,
  counts: (args: unknown[]) => boolean = () => true,
): Promise<number> {
  await prepareBash();
  const { Node } = createRequire(import.meta.url)('web-tree-sitter') as typeof TreeSitter;
  const original = Object.getOwnPropertyDescriptor(Node.prototype, member)!;
  let asked = 0;
  const wrap = (inner: (...args: unknown[]) => unknown) =>
    function (this: unknown, ...args: unknown[]) {
      if (counts(args)) asked++;
      return inner.apply(this, args);
    };
  Object.defineProperty(Node.prototype, member, original.get ? { ...original, get: wrap(original.get) } : { ...original, value: wrap(original.value) });
  try {
    HOST_READERS.shell('release.sh', text, { cwd: '/' });
    return asked;
  } finally {
    Object.defineProperty(Node.prototype, member, original);
  }
}

test('each command of a script asks tree-sitter for its name once (the variables and the finder share them)', async () => {
  const names = (before: string) => questions('childForFieldName', script(FILES, before), ([field]) => field === 'name');
  assert.equal((await names('echo "step"\n'.repeat(10))) - (await names('')), 10);
});

test("a script's tree is walked once for its commands, its variables' bindings and its otalint comments", async () => {
  assert.equal(await questions('descendantsOfType', script(FILES)), 1);
  const binding = 'ROLE=arn:aws:iam::123456789012:role/r\nfor f in a b; do echo "$f"; done\n# otalint-disable-next-line role-arn-format\n';
  assert.equal(await questions('descendantsOfType', script(FILES, binding)), 1);
});

test("each part of a command's words asks tree-sitter for its type once", async () => {
  const types = (protocols: string) => questions('type', script(FILES).replace('--role-arn', `--protocols ${protocols} --role-arn`));
  // Ten more words, each one node: ten more questions.
  assert.equal((await types('MQTT '.repeat(11))) - (await types('MQTT')), 10);
});

test("a README's command is walked for placeholders only when the README has one", async () => {
  await prepareBash();
  const readme = (command: string) => `# Release\n\n\`\`\`sh\n${command}\n\`\`\`\n`;
  const walks = placeholderWalks.count;
  const plain = HOST_READERS.markdown('README.md', readme(script(FILES).split('\n').slice(1).join('\n')), { cwd: '/' });
  assert.equal(plain.requests.length, 1);
  assert.equal(placeholderWalks.count, walks);
  const withPlaceholder = HOST_READERS.markdown('README.md', readme(script(FILES).split('\n').slice(1).join('\n').replace('fw-1', '<update-id>')), {
    cwd: '/',
  });
  assert.deepEqual(
    withPlaceholder.requests[0]!.problems.map((problem) => problem.ruleId),
    ['doc-placeholder'],
  );
  assert.equal(placeholderWalks.count, walks + 1);
});

test("the parser's package is required: no ES module loader started for it, nor its source scanned for exports", async () => {
  await prepareBash();
  const required = Object.keys(createRequire(import.meta.url).cache).filter((file) => file.includes(`${path.sep}web-tree-sitter${path.sep}`));
  assert.deepEqual(
    required.map((file) => path.basename(file)),
    ['tree-sitter.cjs'],
  );
});

test.run();
