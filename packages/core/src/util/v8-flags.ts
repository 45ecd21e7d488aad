import type * as V8 from 'node:v8';
import { lazyRequire } from './lazy-require.js';

/** Loaded when a flag is set: node:v8 loads Node's stream modules with it. */
const v8 = lazyRequire<typeof V8>('node:v8');

/**
 * The V8 flags set at run time, in a global as the flags are the process's (V8 cannot be asked
 * for them). V8 keys cached code on the flags in force when the cache is made and refuses it where
 * they differ: the `otalint` binary reads this list to make each of its code caches under the flags
 * its code was compiled with (bin/v8-flags.cjs, which keeps the list true when it changes them).
 */
const RUNTIME_FLAGS = Symbol.for('otalint.runtimeV8Flags');
const runtimeFlags = ((globalThis as Record<symbol, unknown>)[RUNTIME_FLAGS] ??= []) as string[];

/**
 * The flags the shell parser sets before it loads tree-sitter's WebAssembly (bash-parser.ts says
 * why); a lint run that starts threads sets them first, so that each thread compiles its code
 * knowing them (threads/pool.ts).
 */
export const SHELL_PARSER_V8_FLAGS: readonly string[] = ['--no-wasm-tier-up', '--no-wasm-dynamic-tiering'];

/**
 * Less inlining by TurboFan in a run of many files (docs/decisions/0009-less-inlining-in-large-runs.md):
 * the lint path is many small functions called from few sites, and V8's default budget inlined
 * so much into them that compiling cost more CPU than the faster code saved.
 */
export const LARGE_RUN_V8_FLAGS: readonly string[] = ['--max-inlined-bytecode-size-cumulative=150'];

/**
 * A later tier-up (twice V8's interrupt budget, 67,584) in a large run with few request files
 * (docs/decisions/0013-later-tier-up-with-few-requests.md): its hot functions run too few times
 * for TurboFan's code to repay compiling it, which the 10,000 requests of a larger run do.
 */
export const FEW_REQUESTS_V8_FLAGS: readonly string[] = ['--interrupt-budget=135168'];

/** Set V8 flags (`--name`, `--no-name`, `--name=value`) for the rest of the process, each once. */
export function setV8Flags(flags: readonly string[]): void {
  for (const flag of flags) {
    if (runtimeFlags.includes(flag)) continue;
    v8().setFlagsFromString(flag);
    runtimeFlags.push(flag);
  }
}

/** The flags set so far, in the order set. */
export function runtimeV8Flags(): string[] {
  return [...runtimeFlags];
}
