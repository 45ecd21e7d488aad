// Loaded with `node --require` by bench/memory.mjs (in every thread of the run): where a lint run's
// memory is at points of it, per thread, printed on standard error at exit: every
// OTALINT_BENCH_EVERY request files read (bench/requests.mjs names them req-N.json), as the report
// is first written (fd 1, this thread), and at exit. Each row: resident memory (the process's),
// the thread's heap in use, and what its young generation (new space), old space and large-object
// space hold from the system.
'use strict';
const fs = require('node:fs');
const v8 = require('node:v8');
const { threadId } = require('node:worker_threads');

const every = Number(process.env.OTALINT_BENCH_EVERY || 10000);
const rows = [];
const mib = (bytes) => (bytes / 1048576).toFixed(1).padStart(6);
function sample(label) {
  const committed = Object.fromEntries(v8.getHeapSpaceStatistics().map((space) => [space.space_name, space.space_size]));
  const { rss, heapUsed } = process.memoryUsage();
  rows.push(
    `thread ${threadId}  ${label.padEnd(14)} rss ${mib(rss)}  heap used ${mib(heapUsed)}  new ${mib(committed.new_space)}  old ${mib(committed.old_space)}  large ${mib(committed.large_object_space)}  MiB`,
  );
}
let reads = 0;
const readFileSync = fs.readFileSync;
fs.readFileSync = function (file, ...rest) {
  if (typeof file === 'string' && /req-\d+\.json$/.test(file) && ++reads % every === 0) sample(`${reads} read`);
  return readFileSync.call(this, file, ...rest);
};
let written = false;
const writeSync = fs.writeSync;
fs.writeSync = function (fd, ...rest) {
  if (fd === 1 && !written) {
    written = true;
    sample('report starts');
  }
  return writeSync.call(this, fd, ...rest);
};
process.on('exit', () => {
  sample('exit');
  process.stderr.write(`${rows.join('\n')}\n`);
});
