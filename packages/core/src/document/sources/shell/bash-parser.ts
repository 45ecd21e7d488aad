import { createRequire } from 'node:module';
import type { Node as SyntaxNode, Parser as TreeSitterParser, Tree } from 'web-tree-sitter';
import { loadGrammar } from '../tree-sitter.js';

export type { SyntaxNode, Tree };

let parser: TreeSitterParser | undefined;
let loading: Promise<void> | undefined;

/**
 * Load the bash grammar (tree-sitter-bash's own .wasm build, 1.4 MB) on tree-sitter's runtime
 * (../tree-sitter.ts): only when a file that may hold shell code is read, once.
 */
export function prepareBash(): Promise<void> {
  // Made here, not at load: in the bundled CLI, making it costs a resolution of this package.
  const require = createRequire(import.meta.url);
  loading ??= loadGrammar(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')).then((loaded) => {
    parser = loaded;
  });
  return loading;
}

/** Parse bash source. Offsets are UTF-16 (tree-sitter reads JavaScript strings as UTF-16). */
export function parseBash(code: string): Tree {
  if (!parser) throw new Error("The shell parser is not loaded: await the source kind's prepare() (linter.prepare(file)) before reading shell code.");
  const tree = parser.parse(code);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
