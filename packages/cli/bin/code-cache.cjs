// Where the `otalint` binary keeps V8's code cache for its bundle (dist/otalint.cjs), and how it
// finds, checks, writes and prunes it. CommonJS, required by bin/otalint.cjs before anything else.
//
// The bundle's caches are two files, one for each class of run (run-class.cjs: a few named files, or
// the rest), each holding what runs it served did, then V8's data; they are named for the bundle's
// content hash, the Node version and architecture, and (in a folder shared by several installs)
// the install they belong to:
//   <install>-<bundle hash>-<node version>-<arch>.<files|tree>.bin
// so a cache from another build or another Node is never read; beside them, `<...>.modules.bin`
// holds the cache of the packages the bundle loads from node_modules (module-cache.cjs). Folders, in order:
// - OTALINT_COMPILE_CACHE, when set: that folder only;
// - the package's own `.code-cache` folder (next to bin/ and dist/, never published): compiled
//   code there is as trusted as the bundle beside it, and one install's caches stay together;
// - when the package folder cannot be written (a global install owned by root): the user's cache
//   folder ($XDG_CACHE_HOME/otalint, ~/.cache/otalint; %LOCALAPPDATA%\otalint on Windows).
// A cache file is used only when it is owned by this user (or by the bundle's owner) and nobody
// else may write it. Writing one removes this install's other caches in that folder (older
// builds, other Node versions) and any otalint cache untouched for 30 days (installs since removed).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const STALE_MS = 30 * 24 * 60 * 60 * 1000;
const ABANDONED_TEMPORARY_MS = 10 * 60 * 1000;
// A cache file: `<...>.files.bin` and `<...>.tree.bin` (the bundle's), `<...>.modules.bin`, or a temporary of one.
const NAME = /^(([0-9a-z]+)-[0-9a-f]{32}-v[0-9.]+-[0-9a-z]+)(\.[a-z]+)?\.bin(\.\d+\.tmp)?$/;

/** A short, stable key for a path (FNV-1a, 32 bits): caches of different installs apart in a shared folder. */
function installKey(bundle) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < bundle.length; i++) hash = Math.imul(hash ^ bundle.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

/** The folders to look in and write to, first choice first. */
function cacheFolders(bundle, env = process.env) {
  if (env.OTALINT_COMPILE_CACHE) return [path.resolve(env.OTALINT_COMPILE_CACHE)];
  const folders = [path.join(path.dirname(path.dirname(bundle)), '.code-cache')];
  const user = userCacheFolder(env);
  if (user !== undefined) folders.push(user);
  return folders;
}

function userCacheFolder(env) {
  if (process.platform === 'win32') return env.LOCALAPPDATA ? path.join(env.LOCALAPPDATA, 'otalint') : undefined;
  if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, 'otalint');
  const home = env.HOME || safeHomedir();
  return home ? path.join(home, '.cache', 'otalint') : undefined;
}

function safeHomedir() {
  try {
    return require('node:os').homedir();
  } catch {
    return undefined;
  }
}

/** The bundle's cache for a class of run (`files`, `tree`: run-class.cjs) in this Node; `contentHash` is from the bundle's first line. */
function cacheName(bundle, contentHash, runClass) {
  return `${buildName(bundle, contentHash)}.${runClass}.bin`;
}

/** The name of the cache of the modules this bundle loads from node_modules, in this Node. */
function modulesCacheName(bundle, contentHash) {
  return `${buildName(bundle, contentHash)}.modules.bin`;
}

function buildName(bundle, contentHash) {
  return `${installKey(bundle)}-${contentHash.slice(0, 32)}-${process.version}-${process.arch}`;
}

/**
 * The first cache for this bundle that may be trusted, and its file; undefined when there is none.
 * `bundleOwner` is asked only when a file is not this user's.
 */
function readCache(folders, name, bundleOwner) {
  for (const folder of folders) {
    const file = path.join(folder, name);
    let fd;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      continue;
    }
    try {
      const stat = fs.fstatSync(fd);
      if (!stat.isFile() || !trusted(stat, bundleOwner)) continue;
      const data = Buffer.allocUnsafe(stat.size);
      let read = 0;
      while (read < stat.size) {
        const n = fs.readSync(fd, data, read, stat.size - read, read);
        if (n === 0) break;
        read += n;
      }
      if (read === stat.size) return { file, data };
    } catch {
      // An unreadable cache is no cache.
    } finally {
      fs.closeSync(fd);
    }
  }
  return undefined;
}

/** Compiled code is code: only a file that no one but its owner may write, and whose owner we trust. */
function trusted(stat, bundleOwner) {
  if ((stat.mode & 0o022) !== 0) return false;
  const uid = process.getuid ? process.getuid() : undefined;
  return uid === undefined || stat.uid === uid || stat.uid === bundleOwner();
}

/**
 * Writes `data` as `name` into the first folder that takes it: whole or not at all (a temporary
 * file, renamed over the name), then prunes that folder. Returns the file written, or undefined.
 */
function writeCache(folders, name, data, now = Date.now()) {
  for (const [index, folder] of folders.entries()) {
    const shared = index > 0 || folders.length === 1;
    const file = path.join(folder, name);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(folder, { recursive: true, mode: shared ? 0o700 : 0o755 });
      // wx: never through a file or link someone left under this name.
      fs.writeFileSync(temporary, data, { mode: shared ? 0o600 : 0o644, flag: 'wx' });
      fs.renameSync(temporary, file);
    } catch {
      try {
        fs.unlinkSync(temporary);
      } catch {
        // Never made.
      }
      continue;
    }
    prune(folder, name, now);
    return file;
  }
  return undefined;
}

/**
 * Removes this install's caches of other builds and Node versions in `folder` (every cache of the
 * kept one's build stays: the bundle's for each class of run, and its modules'), otalint caches
 * untouched for 30 days, and abandoned temporaries.
 */
function prune(folder, keep, now = Date.now()) {
  const [, build, install] = NAME.exec(keep) ?? [];
  let names;
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const parts = NAME.exec(name);
    if (!parts || name === keep) continue;
    const file = path.join(folder, name);
    const temporary = parts[4] !== undefined;
    if (!temporary && parts[1] === build) continue;
    try {
      const age = now - fs.statSync(file).mtimeMs;
      if (temporary ? age > ABANDONED_TEMPORARY_MS : parts[2] === install || age > STALE_MS) fs.unlinkSync(file);
    } catch {
      // Gone already, or not ours to remove.
    }
  }
}

/**
 * A bundle's cache file: a 4-byte length, the traits of the lint runs whose compiled code it
 * holds (a JSON list: src/run-traits.ts), then V8's data. Undefined when `buffer` is not one.
 */
function decodeBundleCache(buffer) {
  try {
    const length = buffer.readUInt32LE(0);
    const traits = JSON.parse(buffer.subarray(4, 4 + length).toString('utf8'));
    return Array.isArray(traits) ? { traits, data: buffer.subarray(4 + length) } : undefined;
  } catch {
    return undefined;
  }
}

function encodeBundleCache(traits, data) {
  const head = Buffer.from(JSON.stringify(traits), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length, 0);
  return Buffer.concat([length, head, data]);
}

module.exports = { cacheFolders, cacheName, modulesCacheName, decodeBundleCache, encodeBundleCache, readCache, writeCache };
