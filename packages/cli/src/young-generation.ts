import { statSync } from 'node:fs';
import path from 'node:path';
import { setV8Flags } from '@otalint/core/engine';

/**
 * The young generation (V8's new space, two semi-spaces) of a run's threads stays as V8 starts
 * it: 1 MB a semi-space. Left to itself, V8 doubles it, up to 16 MB, each time as many bytes as
 * it holds have survived a scavenge, and a run that walks a folder of 50,000 files has grown it to
 * the most before it lints the first one: 32 MB of new space on the run's thread and as much on
 * each lint thread, for no time saved (`node --max-semi-space-size=N` over 10,000 requests, rounds
 * interleaved: the same CPU time with N = 1, 4 and 16 within the machine's noise, and 30 MB less
 * peak memory with 1). A scavenge costs what survives it, and what a lint keeps (each file's
 * result) survives whatever the size; a larger new space only holds more garbage between them
 * (docs/decisions/0010-small-young-generation.md).
 */
export const YOUNG_GENERATION_V8_FLAGS: readonly string[] = ['--semi-space-growth-factor=1'];

/** A lint thread's young generation as Worker `resourceLimits` take it: V8 sizes it at three semi-spaces (two, and as much for new large objects). */
export const THREAD_YOUNG_GENERATION_MB = 3;

/** Flags that size V8's heap: a user who set one (NODE_OPTIONS, `node --...`) has the heap they asked for. */
const HEAP_FLAGS = /--(max|min)-semi-space-size|--semi-space-growth-factor|--max-heap-size/;

export interface Startup {
  readonly execArgv: readonly string[];
  readonly nodeOptions?: string | undefined;
}

/**
 * Before a run discovers its files: when it walks folders or expands globs (so may read many
 * files), tell V8 never to grow this thread's young generation (`--semi-space-growth-factor=1`,
 * which V8 reads each time it would grow it; it is the process's, and bin/v8-flags.cjs puts it
 * back around the code caches). A run of named files (a pre-commit hook) loads no V8 module for
 * it. Returns whether it did.
 */
export function keepYoungGenerationSmall(patterns: readonly string[], cwd: string, startup: Startup = processStartup()): boolean {
  if (HEAP_FLAGS.test([...startup.execArgv, startup.nodeOptions ?? ''].join(' '))) return false;
  if (patterns.length > 0 && patterns.every((pattern) => isFile(path.resolve(cwd, pattern)))) return false;
  setV8Flags(YOUNG_GENERATION_V8_FLAGS);
  return true;
}

function isFile(file: string): boolean {
  return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
}

function processStartup(): Startup {
  return { execArgv: process.execArgv, nodeOptions: process.env.NODE_OPTIONS };
}
