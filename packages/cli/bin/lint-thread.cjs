// A lint run's worker thread (`otalint --concurrency`, src/threads/pool.ts starts it): the bundle
// loaded as bin/otalint.cjs loads it, with its code cache, then the thread's side of the run
// (src/threads/worker.ts). It reads the cache of the runs threads serve, those over folders and
// many files (run-class.cjs: `tree`, what an empty command line is), and never writes it: the main
// thread's, which lints too and formats, holds more of what the next run compiles.
'use strict';
const { workerData } = require('node:worker_threads');
const { loadBundle } = require('./otalint.cjs');
const { adoptRuntimeFlags } = require('./v8-flags.cjs');

adoptRuntimeFlags(workerData?.v8Flags ?? []);

loadBundle([], { keepCompiledCode: false }).runLintRunThread();
