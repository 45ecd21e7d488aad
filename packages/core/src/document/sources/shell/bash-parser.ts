import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import { grammar } from '../tree-sitter.js';

export type { SyntaxNode, Tree };

/**
 * The bash grammar (tree-sitter-bash's own .wasm build, 1.4 MB) on tree-sitter's runtime
 * (../tree-sitter.ts): loaded only when a file that may hold shell code is read, once.
 */
const bash = grammar('shell', 'shell code', (require) => require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));

export const prepareBash = (): Promise<void> => bash.prepare();

/** A node, with its type as the parser gave it (each question of a node crosses into its WebAssembly). */
export interface TypedNode {
  readonly node: SyntaxNode;
  readonly type: string;
}

/** The nodes of any of `types` in the tree, in the tree's order (inside one another too), found in one walk. */
export function nodesOfTypes(root: SyntaxNode, types: readonly string[]): TypedNode[] {
  const found: TypedNode[] = [];
  for (const node of root.descendantsOfType([...types])) if (node) found.push({ node, type: node.type });
  return found;
}

/** Parse bash source. Offsets are UTF-16 (tree-sitter reads JavaScript strings as UTF-16). */
export const parseBash = (code: string): Tree => bash.parse(code);
