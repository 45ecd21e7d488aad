// V8's code cache for the CommonJS packages the bundle leaves outside and loads on first use: the
// parsers of the code kinds (TypeScript and typescript-estree, some 10 MB of JavaScript whose
// compile alone outweighs a whole lint run), the AWS SDK, and YAML, the Python parser and
// oxc-parser's JavaScript (each bundled on its own in dist/first-use/ by scripts/bundle-cli.mjs). Node 20 keeps
// no code cache of its own (module.enableCompileCache is Node 22), so Module.prototype._compile is
// wrapped: such a module is compiled with vm.Script and the cached data of its last
// compile, when its path, size and modification time are those the data was made from. All of
// a run's modules share one file beside the bundle's cache (code-cache.cjs: same folders, same
// trust, pruned with it), read only when the first such module loads (a lint of JSON files never
// reads it), and written at exit when the run compiled a module it did not hold.
'use strict';
const fs = require('node:fs');
// Node's module class, without require('node:module'), which loads the ES module loader too.
const Module = module.constructor;
const path = require('node:path');
const vm = require('node:vm');
const { asStarted } = require('./v8-flags.cjs');

const NODE_MODULES = `${path.sep}node_modules${path.sep}`;

/**
 * Whether a module's source may be compiled outside Node's loader: vm.Script code cannot call
 * `import()` on Node 20, so a module whose text holds `import(` keeps Node's own compile, except
 * TypeScript, whose only `import(` are in strings (messages and code it prints).
 */
function cacheable(filename, content, firstUse) {
  if (!(filename.includes(NODE_MODULES) || filename.startsWith(firstUse)) || content.startsWith('#!')) return false;
  return !content.includes('import(') || filename.endsWith(`${NODE_MODULES}typescript${path.sep}lib${path.sep}typescript.js`);
}

/** The store's layout: a 4-byte index length, the index (JSON: file → [size, mtime, start, end]), then the data. */
function parseStore(buffer) {
  if (buffer === undefined || buffer.length < 4) return new Map();
  try {
    const length = buffer.readUInt32LE(0);
    const index = JSON.parse(buffer.subarray(4, 4 + length).toString('utf8'));
    const base = 4 + length;
    return new Map(Object.entries(index).map(([file, [size, mtime, start, end]]) => [file, { size, mtime, data: buffer.subarray(base + start, base + end) }]));
  } catch {
    return new Map();
  }
}

function serializeStore(entries) {
  const index = {};
  const chunks = [];
  let at = 0;
  for (const [file, { size, mtime, data }] of entries) {
    index[file] = [size, mtime, at, at + data.length];
    chunks.push(data);
    at += data.length;
  }
  const head = Buffer.from(JSON.stringify(index), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length, 0);
  return Buffer.concat([length, head, ...chunks]);
}

function unchanged(file, size, mtime) {
  try {
    const stat = fs.statSync(file);
    return stat.size === size && stat.mtimeMs === mtime;
  } catch {
    return false;
  }
}

/** What Node's loader gives a module as `require`. */
function requireFor(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

/**
 * From now on, compile modules under node_modules and the bundles in `firstUse` (dist/first-use/:
 * packages bundled on their own, which the bundle loads on first use) with a code cache kept as
 * `name` in `folders` (read with `read`, written with `write`: code-cache.cjs's readCache and
 * writeCache).
 */
function cacheModules(folders, name, { read, write, firstUse }) {
  let store;
  const made = new Map();
  const compile = Module.prototype._compile;
  Module.prototype._compile = function (content, filename, format) {
    // An ES module that require() loads is Node's to compile.
    if (format === 'module' || !cacheable(filename, content, firstUse)) return compile.apply(this, arguments);
    store ??= parseStore(read(folders, name)?.data);
    let stat;
    try {
      stat = fs.statSync(filename);
    } catch {
      return compile.apply(this, arguments);
    }
    const held = store.get(filename);
    const fresh = held !== undefined && held.size === stat.size && held.mtime === stat.mtimeMs;
    const script = asStarted(() => new vm.Script(Module.wrap(content), { filename, cachedData: fresh ? held.data : undefined }));
    if (!fresh || script.cachedDataRejected) made.set(filename, { script, size: stat.size, mtime: stat.mtimeMs });
    const wrapper = script.runInThisContext({ displayErrors: true });
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  process.once('exit', () => {
    if (made.size === 0) return;
    // Kept: what this run did not compile, while the file is still the one it was made from.
    const entries = new Map([...store].filter(([file, { size, mtime }]) => !made.has(file) && unchanged(file, size, mtime)));
    asStarted(() => {
      for (const [file, { script, size, mtime }] of made) entries.set(file, { size, mtime, data: script.createCachedData() });
    });
    write(folders, name, serializeStore(entries));
  });
}

module.exports = { cacheModules };
