import { createRequire } from 'node:module';
import type { SyntaxNode, Tree } from '@lezer/common';
import type * as LezerPython from '@lezer/python';

const require = createRequire(import.meta.url);
let loaded: typeof LezerPython | undefined;

/** @lezer/python, loaded on first use (see docs/decisions/python-parser.md). */
export function parsePython(text: string): Tree {
  loaded ??= require('@lezer/python') as typeof LezerPython;
  return loaded.parser.parse(text);
}

export type { SyntaxNode };

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
