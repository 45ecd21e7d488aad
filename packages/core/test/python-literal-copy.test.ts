import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import type * as TreeSitter from 'web-tree-sitter';
import { request } from '../../../bench/requests.mjs';
import { prepareSource, readSource } from '../src/document/source-kinds.js';
import { literalArguments, literalDict } from '../src/document/sources/python/literal-copy.js';
import { copySubtree, parsePython, type SyntaxNode } from '../src/document/sources/python/parse.js';

const test = suite('python: argument lists and dicts copied from their text');
test.before(() => prepareSource('ota.py'));

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Python modules of the repository's fixtures, by their path. */
function fixtureModules(): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.py')) found.push([path.relative(root, file), readFileSync(file, 'utf8')]);
    }
  };
  walk(path.join(root, 'fixtures'));
  return found;
}

/** Every argument list and dict of a module: the text's copy, where one is made, is the tree's. Returns how many were copied from the text. */
function compareAll(name: string, text: string): { copied: number; asked: number } {
  const tree = parsePython(text);
  try {
    assert.equal(tree.rootNode.hasError, false, `${name} parses`);
    let copied = 0;
    let asked = 0;
    for (const node of tree.rootNode.descendantsOfType(['argument_list', 'dictionary']) as SyntaxNode[]) {
      asked++;
      const fromText = (node.type === 'dictionary' ? literalDict : literalArguments)(text, node.startIndex, node.endIndex);
      if (fromText === undefined) continue;
      copied++;
      assert.deepEqual(fromText, copySubtree(node), `${name}: ${text.slice(node.startIndex, node.endIndex)}`);
    }
    return { copied, asked };
  } finally {
    tree.delete();
  }
}

const call = (args: string) => `import boto3\niot = boto3.client("iot")\niot.create_ota_update(${args})\n`;

test('the copy from the text is the tree copy, for every way of writing values it reads, and for none it does not read', () => {
  const read = [
    '',
    'otaUpdateId="fw", targets=["arn:a", \'arn:b\'],',
    '**{"otaUpdateId": "fw", "files": [{"fileType": 0, "version": -1, "rate": +1.5, "x": None, "y": True, "z": False}]}',
    'otaUpdateId = "fw" ,\n\ttargets=[\r\n ROLE,\n]',
    '**params',
    'otaUpdateId="é😀 # not a comment", description=\'{braces} "quotes"\'',
    'match=case, type=_, exec_=1',
    '{"a": {}, "b": [], "c": {**rest}, 1: 2, 0.5: [[[]]]}',
    'positional, "also", 0',
  ];
  const notRead = [
    'otaUpdateId="fw",  # a comment\n',
    'otaUpdateId="fw", \\\n targets=[]',
    'targets=("a", "b")',
    'targets={"a", "b"}',
    'targets={lambda: 1}',
    'x=[*rest]',
    '*args',
    'x="a" "b"',
    'x=f"fw"',
    'x=b"fw"',
    "x='''fw'''",
    'x="a\\nb"',
    'x=1_000',
    'x=0x1F',
    'x=1e5',
    'x=.5',
    'x=1.',
    'x=007',
    'x=- 5',
    'x=-y',
    'x=y.z',
    'x=f(y)',
    'x=y[0]',
    'x=1 if y else 2',
    'x=not y',
    'print=1',
    'x=[await]',
    'x=[y for y in z]',
    'x={k: v for k, v in z}',
    'x=(y := 1)',
    'x=y == 1',
    'x=1 + 2',
    '** {"a": 1}',
    'x=\fy',
    `x=${'['.repeat(80)}${']'.repeat(80)}`,
  ];
  for (const args of read) {
    const { copied, asked } = compareAll(args, call(args));
    assert.equal(copied, asked, `read from the text: ${args}`);
  }
  for (const args of notRead) {
    const text = call(args);
    const tree = parsePython(text);
    const list = tree.rootNode.descendantsOfType('argument_list').find((node) => text.slice(0, node!.startIndex).endsWith('create_ota_update'))!;
    const copy = literalArguments(text, list.startIndex, list.endIndex);
    tree.delete();
    assert.equal(copy, undefined, `not read from the text: ${args}`);
    compareAll(args, text);
  }
});

test("every fixture's and generated request's calls: the text's copies are the tree's", () => {
  let copied = 0;
  for (const [name, text] of fixtureModules()) copied += compareAll(name, text).copied;
  for (let n = 0; n < 50; n++) {
    const written = request(n);
    const { copied: made, asked } = compareAll(`request ${n}`, call(`**${JSON.stringify(written, null, 4)}`));
    assert.equal(made, asked, `request ${n} is read from its text`);
    copied += made;
  }
  assert.ok(copied > 50);
});

test('a call written with literals is read without asking tree-sitter for any node’s children; the same request as the tree gives', () => {
  const text = call(`**${JSON.stringify(request(3), null, 4)}`);
  const { Node } = createRequire(import.meta.url)('web-tree-sitter') as typeof TreeSitter;
  const original = Object.getOwnPropertyDescriptor(Node.prototype, 'namedChildren')!;
  let asked = 0;
  Object.defineProperty(Node.prototype, 'namedChildren', {
    ...original,
    get(this: SyntaxNode) {
      asked++;
      return original.get!.call(this);
    },
  });
  let document;
  try {
    document = readSource('ota.py', text);
  } finally {
    Object.defineProperty(Node.prototype, 'namedChildren', original);
  }
  assert.equal(asked, 0, `${asked} nodes asked for their children`);
  assert.deepEqual(document.requests[0]!.value, request(3));
  // With a comment in it, the call is copied from the tree: the same request.
  const commentedText = text.replace('{\n', '{  # the request\n');
  const commented = readSource('ota.py', commentedText);
  assert.deepEqual(commented.requests[0]!.value, request(3));
  const at = (written: string, document_: typeof document, key: 'key' | 'value') => {
    const span = document_.requests[0]!.locate(['files', 0, 'fileName'], key);
    return [written.slice(span.offset, span.offset + span.length), written.slice(0, span.offset).split('\n').length];
  };
  for (const key of ['key', 'value'] as const) assert.deepEqual(at(commentedText, commented, key), at(text, document, key));
});

test.run();
