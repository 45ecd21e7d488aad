import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import { grammar } from '../tree-sitter.js';

export type { SyntaxNode, Tree };

/**
 * The Python grammar (tree-sitter-python's own .wasm build, 0.46 MB) on tree-sitter's runtime,
 * which command lines share (docs/decisions/0011-python-parser-tree-sitter.md): loaded once, the
 * first time a file that may hold a call is read.
 */
const python = grammar('Python', 'Python', (require) => require.resolve('tree-sitter-python/tree-sitter-python.wasm'));

export const preparePython = (): Promise<void> => python.prepare();

/** Parse a Python module. Offsets are UTF-16, as the engine's. Delete the tree once read. */
export const parsePython = (text: string): Tree => python.parse(text);

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
