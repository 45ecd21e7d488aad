import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jsonc from 'jsonc-parser';
import { suite } from 'uvu';
import { RESERVED_RULE_IDS } from '../src/diagnostic.js';
import { scanJson } from '../src/document/json-document.js';
import { strictJsonTree } from '../src/document/strict-json-tree.js';
import type { ParseProblem } from '../src/document/types.js';

const test = suite('strict JSON tree: the positional tree of text JSON.parse read');

/** jsonc-parser's tree without its parent links (the one thing the walk does not make). */
function withoutParents(node: jsonc.Node | undefined): unknown {
  if (!node) return undefined;
  const { parent: _parent, children, ...rest } = node;
  return children ? { ...rest, children: children.map(withoutParents) } : rest;
}

const treeOf = (text: string, maxDepth = 100) => withoutParents(strictJsonTree(text, JSON.parse(text), maxDepth));
const jsoncTree = (text: string) => withoutParents(jsonc.parseTree(text, [], { allowTrailingComma: true, disallowComments: false }));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? jsonFiles(path.join(dir, entry.name)) : entry.name.endsWith('.json') ? [path.join(dir, entry.name)] : [],
  );
}

const repeatsAKey = (text: string) => {
  const problems: ParseProblem[] = [];
  scanJson(text, problems);
  return problems.some((problem) => problem.ruleId === RESERVED_RULE_IDS.duplicateKey);
};

const WRITTEN = [
  '{}',
  '[]',
  ' \t\r\n[ ]\n',
  '{"a":1,"b":[true,false,null],"c":{"d":"e"}}',
  '{ "a" : -0 , "b" : 1.5e+3, "c": 2E-2, "d": 0.000001 }',
  '{"esc\\"aped": "x\\\\", "\\u0041": "\\ud83d\\ude00", "tab\\t": "\\/"}',
  '{"colon:in": "a:b", "brace}": "]"}',
  '[[[[]]], [{}], [{"a": [1, [2, [3]]]}]]',
  '{"__proto__": {"x": 1}, "constructor": 2, "toString": [3]}',
  '["\uE000", "a\uE001b", {"\uE002": 1}]',
  '{"unicode": "é漢字\u2028"}',
];

/** Values of every shape, seeded, written with random spacing. */
function generated(count: number): string[] {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const space = () => [' ', '', '\n  ', '\t', ''][Math.floor(random() * 5)]!;
  const write = (depth: number): string => {
    const pick = random();
    if (depth > 5 || pick < 0.3)
      return [JSON.stringify('s' + Math.floor(random() * 100)), String(random() * 1e6 - 5e5), 'true', 'false', 'null', '"q\\"\\n"'][Math.floor(random() * 6)]!;
    const size = Math.floor(random() * 4);
    const items = Array.from({ length: size }, (_, i) =>
      pick < 0.65 ? `${space()}${JSON.stringify(`k${i}`)}${space()}:${space()}${write(depth + 1)}` : `${space()}${write(depth + 1)}`,
    );
    return pick < 0.65 ? `{${items.join(`${space()},`)}${space()}}` : `[${items.join(`${space()},`)}${space()}]`;
  };
  return Array.from({ length: count }, () => write(0));
}

test("the same nodes, offsets and lengths as jsonc-parser's tree, for every fixture and written and generated value", () => {
  const fixtures = jsonFiles(fileURLToPath(new URL('../../../fixtures', import.meta.url))).map((file) => readFileSync(file, 'utf8'));
  const texts = [...fixtures, ...WRITTEN, ...generated(400)].filter((text) => {
    try {
      JSON.parse(text);
      return true;
    } catch {
      return false;
    }
  });
  assert.ok(texts.length > 450, `${texts.length} texts`);
  let compared = 0;
  for (const text of texts) {
    if (repeatsAKey(text)) continue; // the next test
    assert.deepEqual(treeOf(text), jsoncTree(text), text.slice(0, 200));
    compared++;
  }
  assert.ok(compared > 450, `${compared} compared`);
});

test('a repeated key, at any depth, or nesting past the limit: no tree (the positional parse reports them)', () => {
  assert.equal(treeOf('{"a": 1, "a": 2}'), undefined);
  assert.equal(treeOf('[{"x": {"b": 1, "c": 2, "b": 3}}]'), undefined);
  assert.equal(treeOf('{"\\u0061": 1, "a": 2}'), undefined);
  assert.notEqual(treeOf('[[[1]]]', 3), undefined);
  assert.equal(treeOf('[[[[1]]]]', 3), undefined);
  assert.equal(treeOf('[[[{"a": 1}]]]', 3), undefined);
});

test.run();
