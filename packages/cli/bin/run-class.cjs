// Which of the bundle's two code caches a run reads and writes (code-cache.cjs), told from its
// command line before the bundle is compiled: `files` for a run over a few named files or
// standard input (a pre-commit hook, an editor), `tree` for the rest (`otalint .`, globs, many
// files). A run compiles only what it runs, and V8 reads a whole cache whatever the run needs:
// one cache for both would make every pre-commit run read the code that a repository-wide run
// over every kind of file compiled. Told wrong (an option this file does not know takes a value),
// a run reads the other cache: only slower.
'use strict';
const { statSync } = require('node:fs');
const path = require('node:path');

/** A run naming this many files or more is a large run (src/pipeline.ts LARGE_RUN_FILES). */
const NAMED_FILES_AT_MOST = 99;

/** The lint command's options that take a value (src/commands/lint.ts; test/run-class.test.ts holds the two together). */
const VALUE_OPTIONS = new Set([
  '--config',
  '-c',
  '--rule',
  '--format',
  '-f',
  '--output-file',
  '-o',
  '--max-warnings',
  '--ignore-pattern',
  '--firmware',
  '--stdin-filename',
  '--baseline',
  '--baseline-create',
  '--cache-location',
  '--concurrency',
  '--region',
  '--profile',
  '--endpoint-url',
  '--max-attempts',
  '--request-timeout',
]);

/** `files` or `tree` for a lint run's arguments (`otalint [lint] ...`), read in `cwd`. */
function runClass(argv, cwd = process.cwd()) {
  const named = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      named.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--stdin') return 'files';
    if (arg.length > 1 && arg.startsWith('-')) {
      if (VALUE_OPTIONS.has(arg)) i++;
      continue;
    }
    named.push(arg);
  }
  if (named[0] === 'lint') named.shift();
  if (named.length === 0 || named.length > NAMED_FILES_AT_MOST) return 'tree';
  return named.every((name) => isFile(path.resolve(cwd, name))) ? 'files' : 'tree';
}

function isFile(file) {
  try {
    return statSync(file, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false;
  }
}

module.exports = { runClass };
