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

/**
 * What V8 starts with for the valued flags a run may set (core's LARGE_RUN_V8_FLAGS and
 * FEW_REQUESTS_V8_FLAGS, and the young generation's growth: src/young-generation.ts): V8 cannot
 * be asked, and a cache is taken only where every flag holds the value it was made under
 * (bundle.test.ts holds them to the Node it runs on).
 */
const STARTING_VALUES = {
  '--max-inlined-bytecode-size-cumulative': '920',
  '--interrupt-budget': '67584',
  '--semi-space-growth-factor': '2',
};

/** A flag as V8 started: a boolean one (`--name`, `--no-name`) negated, a valued one (`--name=value`) at its starting value. */
function asAtStart(flag) {
  const equals = flag.indexOf('=');
  if (equals === -1) return flag.replace(/^--(no-)?/, (_, no) => (no ? '--' : '--no-'));
  const name = flag.slice(0, equals);
  if (!Object.hasOwn(STARTING_VALUES, name)) throw new Error(`otalint: no starting value known for the V8 flag ${name}`);
  return `${name}=${STARTING_VALUES[name]}`;
}

/** Set flags, or put them back as V8 started. */
function setFlags(flags, atStart) {
  const { setFlagsFromString } = require('node:v8');
  for (const flag of flags) setFlagsFromString(atStart ? asAtStart(flag) : flag);
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
