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

/** Set a boolean V8 flag (`--name`) for the rest of the process, once. */
export function setV8Flag(flag: string): void {
  if (runtimeFlags.includes(flag)) return;
  v8().setFlagsFromString(flag);
  runtimeFlags.push(flag);
}
