import type { Node as SyntaxNode, Tree } from 'web-tree-sitter';
import { grammar } from '../tree-sitter.js';

export type { SyntaxNode, Tree };

/**
 * The bash grammar (tree-sitter-bash's own .wasm build, 1.4 MB) on tree-sitter's runtime
 * (../tree-sitter.ts): loaded only when a file that may hold shell code is read, once.
 */
const bash = grammar('shell', 'shell code', (require) => require.resolve('tree-sitter-bash/tree-sitter-bash.wasm'));

export const prepareBash = (): Promise<void> => bash.prepare();

/** Parse bash source. Offsets are UTF-16 (tree-sitter reads JavaScript strings as UTF-16). */
export const parseBash = (code: string): Tree => bash.parse(code);
