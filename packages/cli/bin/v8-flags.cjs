// The V8 flags a run set after start-up (core's util/v8-flags.ts lists them in a global: the
// flags are the process's), and V8 as it started, for the code caches. V8 keys a cache on the
// flags in force when it is made and refuses it where they differ when it is read: a cache made
// after the shell parser had set its flags was refused by every run that had not (all of them, for
// the bundle, compiled first), and rewritten by each. So every cache is read and made as V8 started.
'use strict';

const RUNTIME_FLAGS = Symbol.for('otalint.runtimeV8Flags');

function runtimeFlags() {
  return (globalThis[RUNTIME_FLAGS] ??= []);
}

/**
 * A lint thread's view of the flags its run set (threads/pool.ts passes them): a thread's globals
 * are its own, V8's flags the process's.
 */
function adoptRuntimeFlags(flags) {
  runtimeFlags().splice(0, Infinity, ...flags);
}

/** Set boolean flags (`--name`, `--no-name`) or their negations. */
function setFlags(flags, negated) {
  const { setFlagsFromString } = require('node:v8');
  for (const flag of flags) setFlagsFromString(negated ? flag.replace(/^--(no-)?/, (_, no) => (no ? '--' : '--no-')) : flag);
}

/** `make()` (a compile that reads a code cache, or the making of one) under the flags V8 started with. */
function asStarted(make) {
  const flags = [...runtimeFlags()];
  if (flags.length === 0) return make();
  setFlags(flags, true);
  try {
    return make();
  } finally {
    setFlags(flags, false);
  }
}

module.exports = { adoptRuntimeFlags, asStarted };
