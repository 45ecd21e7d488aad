#!/usr/bin/env node
// The `otalint` command: runs the bundled CLI (dist/otalint.cjs, made by scripts/bundle-cli.mjs)
// with a V8 code cache, so that a start-up (a pre-commit hook, an editor save) neither resolves
// and reads some 200 modules nor compiles them. CommonJS, so that starting it needs no ES module
// loader.
'use strict';
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const vm = require('node:vm');

const BUNDLE = path.join(__dirname, '../dist/otalint.cjs');

/**
 * Runs the bundle and returns its exports, its compiled code cached across runs: V8's code cache
 * for it (the functions a run compiled) is written after a run that had none, and read by the next
 * runs, which then compile nothing the first one ran.
 *
 * The cache lives in a folder of the OS temporary directory that only this user may write (not one
 * another user made or can write: compiled code is code), keyed by the bundle's content hash (its
 * first line, written by the build) and the Node version and architecture; V8 itself rejects data
 * made with other flags, and a rejected cache is written again. `NODE_DISABLE_COMPILE_CACHE=1`
 * (Node's own switch) turns it off: the bundle is then a plain require.
 *
 * Code compiled by vm.Script cannot call `import()` on Node 20 (not without an experimental flag,
 * or a warning): the bundle's `import()` calls (the AWS SDK, config files, plugins) use this
 * module's, which resolves from the same package.
 */
function loadBundle() {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return require(BUNDLE);

  // The build writes ASCII only (esbuild escapes the rest): latin1 reads it without decoding UTF-8.
  const source = readFileSync(BUNDLE, 'latin1');
  const cacheFile = cacheFileFor(source);
  const cachedData = cacheFile === undefined ? undefined : readCache(cacheFile);
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: BUNDLE,
    cachedData,
  });
  if (cacheFile !== undefined && (cachedData === undefined || script.cachedDataRejected)) {
    process.once('exit', () => writeCache(cacheFile, script.createCachedData()));
  }
  const bundle = { exports: {}, otalintImport: (specifier) => import(specifier) };
  script.runInThisContext()(bundle.exports, require, bundle, BUNDLE, path.dirname(BUNDLE));
  return bundle.exports;
}

/** Undefined when there is no folder this user alone can write, or the bundle does not name its content. */
function cacheFileFor(source) {
  const content = /^\/\/ otalint-bundle ([0-9a-f]{64})\n/.exec(source);
  if (!content) return undefined;
  const uid = process.getuid ? process.getuid() : undefined;
  const dir = path.join(tmpdir(), `otalint-compile-cache-${uid ?? 'user'}`);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const folder = statSync(dir);
    if (!folder.isDirectory() || (uid !== undefined && folder.uid !== uid) || (folder.mode & 0o022) !== 0) return undefined;
  } catch {
    return undefined;
  }
  return path.join(dir, `${content[1].slice(0, 32)}-${process.version}-${process.arch}.bin`);
}

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all (a temporary file renamed over it); a failure only costs speed. */
function writeCache(file, data) {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, data, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // No cache this time: the next run compiles again.
  }
}

loadBundle().runProcess(process.argv.slice(2));
