import type * as Estree from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import { lazyRequire } from '../../../util/lazy-require.js';

/** typescript-estree (and TypeScript under it), loaded on first use: linting JSON never pays for it. */
const estree = lazyRequire<typeof Estree>('@typescript-eslint/typescript-estree');

export type ParseOutcome =
  { readonly ok: true; readonly program: TSESTree.Program } | { readonly ok: false; readonly message: string; readonly offset: number };

/**
 * Parse TypeScript or JavaScript (JSX by file extension, as TypeScript decides) with ranges and
 * comments. A syntax error is an outcome, not an exception.
 */
export function parseScript(filePath: string, text: string): ParseOutcome {
  try {
    const program = estree().parse(text, { filePath, range: true, loc: false, comment: true, tokens: false, jsx: /\.[jt]sx$/i.test(filePath) });
    return { ok: true, program };
  } catch (error) {
    const { message, index } = error as { message?: string; index?: number };
    return { ok: false, message: String(message ?? error), offset: typeof index === 'number' ? index : 0 };
  }
}
