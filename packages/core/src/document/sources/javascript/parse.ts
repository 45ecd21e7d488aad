import type * as Estree from '@typescript-eslint/typescript-estree';
import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type * as Oxc from 'oxc-parser';
import { lazyRequire } from '../../../util/lazy-require.js';

/** typescript-estree (and TypeScript under it), loaded on first use: linting JSON never pays for it. */
const estree = lazyRequire<typeof Estree>('@typescript-eslint/typescript-estree');
const oxcRequire = lazyRequire<typeof Oxc>('oxc-parser');

export type ParseOutcome =
  { readonly ok: true; readonly program: TSESTree.Program } | { readonly ok: false; readonly message: string; readonly offset: number };

/** Which parser read a module: `oxc` (oxc-parser's native binding), or `typescript-estree`. */
export type ScriptParser = 'oxc' | 'typescript-estree';

let oxcState: typeof Oxc | null | undefined;

/**
 * oxc-parser, once loaded; null when it cannot load here (no native binding for this platform, an
 * install without optional dependencies, a Node older than 20.19 that cannot require it).
 */
function oxc(): typeof Oxc | null {
  if (oxcState === undefined) {
    try {
      oxcState = oxcRequire();
    } catch {
      oxcState = null;
    }
  }
  return oxcState;
}

/** Which parser `parseScript` reads modules with in this process (loads oxc-parser to find out). */
export function scriptParser(): ScriptParser {
  return oxc() ? 'oxc' : 'typescript-estree';
}

/**
 * Parse TypeScript or JavaScript (JSX by file extension, as TypeScript decides) with ranges and
 * comments. A syntax error is an outcome, not an exception.
 *
 * oxc-parser reads a module in a fraction of a millisecond and loads in some 20 ms, where
 * TypeScript takes half a second to load. Its TS-ESTree tree is what the reader walks (the parity
 * test holds every fixture and generated module to the same requests with either parser). A module
 * oxc finds any error in is parsed again by typescript-estree, so what a syntax error says, and
 * where, is TypeScript's as it always was; typescript-estree also reads every module where
 * oxc-parser cannot load.
 */
export function parseScript(filePath: string, text: string): ParseOutcome {
  return parseWithOxc(filePath, text) ?? parseWithTypescriptEstree(filePath, text);
}

/** The program oxc-parser reads, or undefined when it cannot load, finds an error, or throws. */
export function parseWithOxc(filePath: string, text: string): ParseOutcome | undefined {
  const parser = oxc();
  if (!parser) return undefined;
  let result: Oxc.ParseResult;
  try {
    // JSX in any JavaScript module, as TypeScript reads them; TypeScript's by extension (JSX in .tsx only).
    const lang = /\.[cm]?jsx?$/i.test(filePath) ? 'jsx' : undefined;
    result = parser.parseSync(filePath, text, { range: true, preserveParens: false, ...(lang ? { lang } : {}) });
    if (result.errors.length > 0) return undefined;
  } catch {
    return undefined;
  }
  const program = result.program as unknown as TSESTree.Program & { comments?: TSESTree.Comment[] };
  // typescript-estree's comments carry ranges and leave a `#!` line out; oxc's have start and end.
  program.comments = result.comments
    .filter((comment) => !(comment.start === 0 && text.startsWith('#!')))
    .map((comment) => ({ type: comment.type, value: comment.value, range: [comment.start, comment.end] }) as TSESTree.Comment);
  return { ok: true, program };
}

export function parseWithTypescriptEstree(filePath: string, text: string): ParseOutcome {
  try {
    const program = estree().parse(text, { filePath, range: true, loc: false, comment: true, tokens: false, jsx: /\.[jt]sx$/i.test(filePath) });
    return { ok: true, program };
  } catch (error) {
    const { message, index } = error as { message?: string; index?: number };
    return { ok: false, message: String(message ?? error), offset: typeof index === 'number' ? index : 0 };
  }
}
