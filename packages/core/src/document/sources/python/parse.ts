import type { SyntaxNode, Tree } from '@lezer/common';
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
