import { createRequire } from 'node:module';
import type { Node as SyntaxNode, Parser, Tree } from 'web-tree-sitter';
import { loadGrammar } from '../tree-sitter.js';

export type { SyntaxNode, Tree };

let parser: Parser | undefined;
let loading: Promise<void> | undefined;

/**
 * Load the Python grammar (tree-sitter-python's own .wasm build, 0.46 MB) on tree-sitter's runtime,
 * which command lines share (docs/decisions/0011-python-parser-tree-sitter.md): once, the first
 * time a file that may hold a call is read.
 */
export function preparePython(): Promise<void> {
  // Made here, not at load: in the bundled CLI, making it costs a resolution of this package.
  const require = createRequire(import.meta.url);
  loading ??= loadGrammar(require.resolve('tree-sitter-python/tree-sitter-python.wasm')).then((loaded) => {
    parser = loaded;
  });
  return loading;
}

/** Parse a Python module. Offsets are UTF-16, as the engine's. Delete the tree once read. */
export function parsePython(text: string): Tree {
  if (!parser) throw new Error("The Python parser is not loaded: await the source kind's prepare() (linter.prepare(file)) before reading Python.");
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/**
 * A node of a subtree copied out of tree-sitter's WebAssembly memory: its type and UTF-16 span,
 * and the named children the reader looks into (comments and `\\` line continuations left out;
 * punctuation is not needed).
 * Reading a value asks each node several times what it is and where; asked of tree-sitter, each
 * question crosses into WebAssembly (and marshals the node through memory first).
 */
export interface PyNode {
  readonly type: string;
  readonly from: number;
  readonly to: number;
  readonly children: readonly PyNode[];
}

/**
 * The nodes whose children a request's value is read from. The rest are copied without them: a
 * string is read from its text (strings.ts), and names, attributes, subscripts, comprehensions
 * and other expressions are values known only at run time, whose text is all the reader keeps.
 */
const READ_INTO = new Set([
  'call',
  'argument_list',
  'keyword_argument',
  'dictionary_splat',
  'dictionary',
  'pair',
  'list',
  'tuple',
  'parenthesized_expression',
  'unary_operator',
  'concatenated_string',
]);

/**
 * A copy of the subtree at `node` as far as its value is read (READ_INTO): each node's named
 * children are asked for at once, in one crossing.
 */
export function copySubtree(node: SyntaxNode): PyNode {
  const copy = (from: SyntaxNode): { type: string; from: number; to: number; children: PyNode[] } => ({
    type: from.type,
    from: from.startIndex,
    to: from.endIndex,
    children: [],
  });
  const root = copy(node);
  // Depth first, without recursion: a value may nest deeper than the stack allows.
  const pending: Array<[SyntaxNode, { readonly type: string; readonly children: PyNode[] }]> = [[node, root]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [original, copied] = next;
    if (!READ_INTO.has(copied.type)) continue;
    for (const child of original.namedChildren) {
      if (!child) continue;
      const made = copy(child);
      if (made.type === 'comment' || made.type === 'line_continuation') continue;
      copied.children.push(made);
      pending.push([child, made]);
    }
  }
  return root;
}
