#!/usr/bin/env node
// The `otalint` command: runs the bundled CLI (dist/otalint.cjs, made by scripts/bundle-cli.mjs)
// with a V8 code cache, so that a start-up (a pre-commit hook, an editor save) neither resolves
// and reads some 200 modules nor compiles them. CommonJS, so that starting it needs no ES module
// loader.
'use strict';
const { readFileSync, statSync } = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { cacheFolders, cacheName, decodeBundleCache, encodeBundleCache, modulesCacheName, readCache, writeCache } = require('./code-cache.cjs');
const { cacheModules } = require('./module-cache.cjs');
const { runClass } = require('./run-class.cjs');
const { asStarted } = require('./v8-flags.cjs');

const BUNDLE = path.join(__dirname, '../dist/otalint.cjs');

/**
 * Runs the bundle (a function expression taking a module's arguments) and returns its exports,
 * its compiled code cached across runs: V8's code cache for it (the functions the lint runs before
 * compiled) is read by the next runs, which then compile nothing those runs ran. It is written
 * after a lint run when there is none or V8 refused it, and again (with the code of the runs
 * before and this one's) after a lint run that did something those did not: read a kind of file,
 * printed a format, reported findings, fixed, read a config (src/run-traits.ts), so that the first
 * run after an install, however small, does not decide what every later run compiles. Runs over a
 * few named files (a pre-commit hook) and the others (`otalint .`) each have a cache of their own
 * (run-class.cjs), so a repository-wide run does not make every pre-commit run read its code. Where
 * it lives, how it is keyed and pruned: code-cache.cjs; the packages it loads from node_modules
 * (parsers, the AWS SDK) have theirs too (module-cache.cjs). `NODE_DISABLE_COMPILE_CACHE=1`
 * (Node's own switch) turns both off.
 *
 * Code compiled by vm.Script cannot call `import()` on Node 20 (not without an experimental flag,
 * or a warning): the bundle's `import()` calls (the AWS SDK, config files, plugins) use this
 * module's, which resolves from the same package.
 */
function loadBundle(argv, options = { keepCompiledCode: true }) {
  // The build writes ASCII only (esbuild escapes the rest): latin1 reads it without decoding UTF-8.
  const source = readFileSync(BUNDLE, 'latin1');
  // The first line names the content (the build writes it), so the cache is keyed without hashing 1 MB.
  const contentHash = process.env.NODE_DISABLE_COMPILE_CACHE ? undefined : /^\/\/ otalint-bundle ([0-9a-f]{64})\n/.exec(source)?.[1];
  const folders = contentHash === undefined ? [] : cacheFolders(BUNDLE);
  const name = contentHash === undefined ? undefined : cacheName(BUNDLE, contentHash, runClass(argv));
  const bundleOwner = () => statSync(BUNDLE).uid;
  const stored = name === undefined ? undefined : readCache(folders, name, bundleOwner);
  const cache = stored && decodeBundleCache(stored.data);
  if (contentHash !== undefined) {
    cacheModules(folders, modulesCacheName(BUNDLE, contentHash), {
      read: (from, file) => readCache(from, file, bundleOwner),
      write: writeCache,
      firstUse: path.join(path.dirname(BUNDLE), 'first-use', path.sep),
    });
  }
  // A lint thread starts when its run may have set flags (v8-flags.cjs).
  const script = asStarted(() => new vm.Script(source, { filename: BUNDLE, cachedData: cache?.data }));
  const bundle = { exports: {}, otalintImport: (specifier) => import(specifier) };
  script.runInThisContext()(bundle.exports, require, bundle, BUNDLE, path.dirname(BUNDLE));
  // Only a lint run's compiled code is worth keeping: `otalint --version` (often the first run
  // after an install) or `otalint rules` compile little of what the next pre-commit run needs.
  if (name !== undefined && options.keepCompiledCode && bundle.exports.isLintRun(argv)) {
    process.once('exit', () => {
      const held = cache === undefined || script.cachedDataRejected ? undefined : cache;
      const traits = new Set([...(held?.traits ?? []), ...bundle.exports.lintRunTraits()]);
      if (held !== undefined && traits.size === held.traits.length) return;
      const data = asStarted(() => script.createCachedData());
      // V8 may drop the code of functions a long run never called: keep no less than was held.
      if (held === undefined || data.length >= held.data.length) writeCache(folders, name, encodeBundleCache([...traits].sort(), data));
    });
  }
  return bundle.exports;
}

// Required by bin/lint-thread.cjs (a lint run's worker thread): the bundle, without running the CLI.
if (require.main === module) {
  const argv = process.argv.slice(2);
  loadBundle(argv).runProcess(argv);
}
module.exports = { loadBundle };
