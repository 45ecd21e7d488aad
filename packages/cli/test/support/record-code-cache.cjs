// Loaded with `node --require` (which runs it in worker threads too): for each compile of the
// bundle (dist/otalint.cjs), appends a line to the file named by OTALINT_RECORD_CODE_CACHE: the
// thread (main or worker), and whether V8 was given a code cache for it and accepted it, so a test
// can prove which of a run's threads start from compiled code.
'use strict';
const { appendFileSync } = require('node:fs');
const vm = require('node:vm');
const { isMainThread } = require('node:worker_threads');

const Script = vm.Script;
vm.Script = class extends Script {
  constructor(source, options) {
    super(source, options);
    if (!String(options?.filename).endsWith('/dist/otalint.cjs')) return;
    const cache = options.cachedData === undefined ? 'none' : this.cachedDataRejected ? 'rejected' : 'accepted';
    appendFileSync(process.env.OTALINT_RECORD_CODE_CACHE, `${isMainThread ? 'main' : 'worker'} ${cache}\n`);
  }
};
