import type { SyntaxNode, Tree, TreeBuffer } from '@lezer/common';
import type * as LezerPython from '@lezer/python';
import { lazyRequire } from '../../../util/lazy-require.js';

/** @lezer/python, loaded on first use (see docs/decisions/python-parser.md). */
const lezerPython = lazyRequire<typeof LezerPython>('@lezer/python');

export function parsePython(text: string): Tree {
  return lezerPython().parser.parse(text);
}

export type { SyntaxNode, Tree };

/** The children of a node, in order. */
export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let child = node.firstChild; child; child = child.nextSibling) out.push(child);
  return out;
}

/**
 * Whether the parser repaired anything anywhere in the tree: an error node of any kind. Read from
 * the tree's own arrays (one pass over numbers), so a module without errors, most of them, needs
 * no walk of each call's nodes (`hasError`) to say that none of its calls has one.
 */
export function treeHasErrors(tree: Tree | TreeBuffer): boolean {
  if ('buffer' in tree) {
    const { buffer, set } = tree;
    for (let i = 0; i < buffer.length; i += 4) if (set.types[buffer[i]!]!.isError) return true;
    return false;
  }
  return tree.type.isError || tree.children.some(treeHasErrors);
}

/** Whether a node or anything in it failed to parse. */
export function hasError(node: SyntaxNode): boolean {
  let found = false;
  node.toTree().iterate({
    enter: (inner) => {
      if (inner.type.isError) found = true;
      return !found;
    },
  });
  return found;
}
