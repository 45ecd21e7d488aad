#!/usr/bin/env node
// Bundles the `otalint` command (packages/cli/dist/bin.js and everything it imports from the
// workspace and its dependencies) into one file, packages/cli/dist/otalint.cjs: a function
// expression taking a CommonJS module's arguments, which bin/otalint.cjs compiles and runs with a
// V8 code cache: one file to read and no compile on a warm start, instead of some 200 modules to
// resolve, read and compile. Run by scripts/build.mjs after tsc.
//
// What stays outside the bundle, loaded at run time from the installed packages as before:
// - EXTERNAL: the AWS SDK clients (loaded only by submit and lint --deep), TypeScript's parser and
//   the language server and tree-sitter (for code files, `otalint lsp`, scripts and Python): large,
//   needed by few runs, they would make every start read and check megabytes; and a package that
//   loads its own files (web-tree-sitter's WASM) must run from its own folder. Each resolves from
//   the package that imports it; those the CLI imports must be its dependencies (checked);
// - what the engine loads with createRequire on first use (typescript-estree), resolved from
//   the package that asks for it (see moduleUrl below); YAML's and oxc-parser's JavaScript
//   (FIRST_USE) are bundled on their own, one file each in dist/first-use/, which the bundle
//   requires on first use: from node_modules they were some 80 small modules to resolve, read
//   and compile in every run that read a YAML file (and oxc-parser's, ES
//   modules, went through Node's ES module loader, with no code cache), and inside the bundle their
//   compiled code would be in the code cache every run reads; so is Ajv's compiler (AJV_IMPORT),
//   which only a config with rule options or policies needs;
// - files read at run time (package.json for the version, rule docs pages, the schema for
//   `skeleton`), found from the installed packages as before.
import { parse } from 'acorn';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const cli = path.join(root, 'packages/cli');
export const BUNDLE = path.join(cli, 'dist/otalint.cjs');

/** Package name prefixes left out of the bundle (see above). */
const EXTERNAL = ['@aws-sdk/', '@typescript-eslint/', 'typescript', 'vscode-languageserver', 'vscode-jsonrpc', 'web-tree-sitter'];
const isExternal = (specifier) => EXTERNAL.some((prefix) => specifier.startsWith(prefix));

/** Packages the engine loads on first use (`lazyRequire`), bundled on their own: dist/first-use/<name>.cjs. */
const FIRST_USE = { yaml: 'yaml', 'oxc-parser': 'oxc-parser' };
const FIRST_USE_DIR = path.join(cli, 'dist/first-use');
const LAZY_REQUIRE = new RegExp(`\\blazyRequire\\((['"])(${Object.values(FIRST_USE).join('|')})\\1\\)`, 'g');
const firstUseFile = Object.fromEntries(Object.entries(FIRST_USE).map(([file, name]) => [name, file]));

/**
 * Ajv's compiler (a quarter of the bundle, with fast-uri), which core imports only for a config
 * that sets rule options or holds a policy, and the precompiled meta-schema check of policies: one
 * file in dist/first-use/, ajv.cjs, exporting the names each of these `import()`s takes (`Ajv`,
 * `Ajv2020`, `validateJsonSchema`), so that every start does not read them.
 */
const AJV_IMPORT = /\bimport\((['"])(ajv|ajv\/dist\/2020\.js|\.\.\/schema\/generated\/validate-json-schema\.js)\1\)/g;
const AJV_ENTRY = `export { Ajv } from 'ajv';
export { Ajv2020 } from 'ajv/dist/2020.js';
export { validateJsonSchema } from ${JSON.stringify(path.join(root, 'packages/core/dist/schema/generated/validate-json-schema.js'))};
`;

/** The workspace packages whose dist/ modules go into the bundle, by folder. */
const WORKSPACE = Object.fromEntries(
  ['cli', 'core', 'rules'].map((folder) => {
    const dir = path.join(root, 'packages', folder);
    return [dir, JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name];
  }),
);

// A bundled module keeps resolving as it does unbundled, from its installed package:
// `import.meta.url` is the URL it has there (so a dependency or a file next to it is found from
// it), and in core and rules an `import()` of a package left out of the bundle resolves from that
// package (not from @otalint/cli, which need not depend on it). The CLI's own modules resolve
// from the bundle, which sits in the CLI's dist/ folder.
const moduleUrls = {
  name: 'module-urls',
  setup(build) {
    build.onLoad({ filter: /\/packages\/[^/]+\/dist\/.*\.js$/ }, (args) => {
      let contents = readFileSync(args.path, 'utf8');
      const packageDir = Object.keys(WORKSPACE).find((dir) => args.path.startsWith(`${dir}/`));
      if (!packageDir) return undefined;
      const name = JSON.stringify(WORKSPACE[packageDir]);
      const own = JSON.stringify([WORKSPACE[packageDir], path.relative(packageDir, args.path)]);
      contents = contents.replace(LAZY_REQUIRE, (_call, _quote, name) => `__otalintOnFirstUse(${JSON.stringify(firstUseFile[name])})`);
      if (packageDir !== cli) contents = contents.replace(AJV_IMPORT, () => 'Promise.resolve().then(__otalintOnFirstUse("ajv"))');
      contents = contents.replaceAll('import.meta.url', `__otalintModuleUrl(...${own})`).replaceAll('import.meta.resolve(', `__otalintResolveFrom(${name}, `);
      if (packageDir !== cli) {
        contents = contents.replace(/\bimport\((['"])([^'"./][^'"]*)\1\)/g, (call, _quote, specifier) =>
          isExternal(specifier) ? `import(__otalintResolveFrom(${name}, ${JSON.stringify(specifier)}))` : call,
        );
      }
      return { contents, loader: 'js' };
    });
  },
};

// jsonc-parser's `main` is a UMD build whose requires esbuild cannot follow; its ESM build has
// no default export, which the engine imports. Its formatter (and the edits built on it) loads on
// first use: at load it makes some 1,200 strings of indentation (impl/string-intern.js), 380 KB
// that every run would allocate (and collect) and that only formatting (--fix) reads.
const jsoncParser = {
  name: 'jsonc-parser',
  setup(build) {
    const esm = createRequire(path.join(root, 'packages/core/package.json')).resolve('jsonc-parser').replace('/lib/umd/', '/lib/esm/');
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: 'jsonc-parser', namespace: 'jsonc-parser' }));
    build.onLoad({ filter: /.*/, namespace: 'jsonc-parser' }, () => ({
      contents: `import * as jsonc from ${JSON.stringify(esm)};\nexport * from ${JSON.stringify(esm)};\nexport default jsonc;\n`,
      resolveDir: root,
    }));
    build.onLoad({ filter: /\/jsonc-parser\/lib\/esm\/main\.js$/ }, (args) => {
      let contents = readFileSync(args.path, 'utf8');
      for (const [name, module] of [
        ['formatter', './impl/format'],
        ['edit', './impl/edit'],
      ]) {
        const statement = `import * as ${name} from '${module}';`;
        if (!contents.includes(statement)) throw new Error(`jsonc-parser's main.js no longer has ${statement}: update the bundle's jsonc-parser plugin`);
        contents = contents.replace(statement, `const ${name} = new Proxy({}, { get: (_, key) => require('${module}.js')[key] });`);
      }
      return { contents, loader: 'js' };
    });
  },
};

// oxc-parser is an ES module (Node's ES module loader, and no code cache, in every run that reads
// TypeScript): bundled as CommonJS, its JavaScript compiles from the code cache. It loads its native
// binding (an optional dependency, one per platform) and its other files with a `require` made from
// its own module's URL: that URL becomes the installed file's, found from @otalint/core (which
// depends on oxc-parser) when the bundle loads, so each resolves as it did unbundled. Where
// oxc-parser is not installed, that throws, and the engine reads with typescript-estree.
const OXC_PARSER_FILE = /[\\/]oxc-parser[\\/](src-js[\\/].*\.js)$/;
const oxcParserFiles = {
  name: 'oxc-parser-files',
  setup(build) {
    build.onLoad({ filter: OXC_PARSER_FILE }, (args) => {
      const file = OXC_PARSER_FILE.exec(args.path)[1].split(path.sep).join('/');
      return { contents: readFileSync(args.path, 'utf8').replaceAll('import.meta.url', `__otalintOxcParserUrl(${JSON.stringify(file)})`), loader: 'js' };
    });
  },
};
// An ES module is strict: so is the bundle made of one.
const OXC_PARSER_HELPER = `'use strict';
let __otalintOxcParserDir;
function __otalintOxcParserUrl(file) {
  const path = require('node:path');
  __otalintOxcParserDir ??= path.dirname(require('node:module').createRequire(require.resolve('@otalint/core/package.json')).resolve('oxc-parser/package.json'));
  return require('node:url').pathToFileURL(path.join(__otalintOxcParserDir, file)).href;
}`;

const IMPORT_BANNER = `const __otalintImport = module.otalintImport;`;

/**
 * Built-ins that cost a start-up a millisecond or more to load and that a lint of a few JSON files
 * never calls: node:fs/promises (it loads readline and the file watchers too) and node:module (the
 * ES module loader). The bundle requires each on the first use of one of its exports (a module
 * importing one by name), not when the module importing it loads.
 */
const BUILTINS_ON_FIRST_USE = ['node:fs/promises', 'node:module'];

// `require` is bin/otalint.cjs's, which resolves from the CLI's package: no node:module (and its
// ES module loader) at start-up.
const HELPERS = `function __otalintOnFirstUse(name) {
  let loaded;
  return () => (loaded ??= require(require('node:path').join(__dirname, 'first-use', name + '.cjs')));
}
function __otalintBuiltinOnFirstUse(name) {
  let loaded;
  return new Proxy({}, { get: (_, key) => (loaded ??= require(name))[key] });
}
const __otalintBuiltinNamespaces = new Map();
function __otalintBuiltinNamespace(name) {
  let namespace = __otalintBuiltinNamespaces.get(name);
  if (namespace === undefined) __otalintBuiltinNamespaces.set(name, (namespace = __toESM(require(name), 1)));
  return namespace;
}
const __otalintPackageDirs = new Map();
function __otalintPackageDir(name) {
  let dir = __otalintPackageDirs.get(name);
  if (dir === undefined) {
    dir = name === ${JSON.stringify(WORKSPACE[cli])} ? require('node:path').dirname(__dirname) : require('node:path').dirname(require.resolve(name + '/package.json'));
    __otalintPackageDirs.set(name, dir);
  }
  return dir;
}
function __otalintModuleUrl(name, file) {
  return require('node:url').pathToFileURL(require('node:path').join(__otalintPackageDir(name), file)).href;
}
function __otalintResolveFrom(name, specifier) {
  const from = require('node:module').createRequire(require('node:path').join(__otalintPackageDir(name), 'package.json'));
  return require('node:url').pathToFileURL(from.resolve(specifier)).href;
}`;

const { outputFiles, metafile, warnings } = await build({
  write: false,
  metafile: true,
  entryPoints: [path.join(cli, 'dist/bin.js')],
  outfile: BUNDLE,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: EXTERNAL.map((name) => `${name}*`),
  plugins: [moduleUrls, jsoncParser],
  legalComments: 'none',
  logLevel: 'warning',
});
const resolveFromCore = createRequire(path.join(root, 'packages/core/package.json')).resolve;
const FIRST_USE_OPTIONS = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', legalComments: 'none', logLevel: 'warning' };
const firstUseBuild = (names, options = {}) =>
  build({
    entryPoints: Object.fromEntries(names.map((file) => [file, resolveFromCore(FIRST_USE[file])])),
    outdir: FIRST_USE_DIR,
    outExtension: { '.js': '.cjs' },
    ...FIRST_USE_OPTIONS,
    ...options,
  });
const firstUseBuilds = await Promise.all([
  firstUseBuild(['yaml']),
  firstUseBuild(['oxc-parser'], { plugins: [oxcParserFiles], banner: { js: OXC_PARSER_HELPER } }),
  build({ stdin: { contents: AJV_ENTRY, resolveDir: path.join(root, 'packages/core') }, outfile: path.join(FIRST_USE_DIR, 'ajv.cjs'), ...FIRST_USE_OPTIONS }),
]);
const firstUse = { warnings: firstUseBuilds.flatMap((result) => result.warnings) };
// A warning (an import.meta left, a require esbuild cannot follow) is a bundle that breaks at run time.
if (warnings.length + firstUse.warnings.length > 0) throw new Error(`the bundle has ${warnings.length + firstUse.warnings.length} warning(s): fix them`);
checkExternals(metafile);
// One function expression, which bin/otalint.cjs compiles as it is (no copy of 1 MB to wrap it
// as a module) and calls with a module's arguments. The first line names the content, so the bin
// keys its code cache without hashing 1 MB.
const code = `(function (exports, require, module, __filename, __dirname) {'use strict';\n${IMPORT_BANNER}\n${HELPERS}\n${builtinNamespacesOnce(builtinsOnFirstUse(throughImporter(outputFiles[0].text)))}\n})`;
writeFileSync(BUNDLE, `// otalint-bundle ${createHash('sha256').update(code).digest('hex')}\n${code}`);

/**
 * Every package the bundle leaves to run time must resolve from @otalint/cli as a declared
 * (possibly optional peer) dependency: resolving from the workspace would hide a missing one.
 */
function checkExternals(meta) {
  const manifest = JSON.parse(readFileSync(path.join(cli, 'package.json'), 'utf8'));
  const declared = new Set([...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.peerDependencies ?? {})]);
  const wrong = new Set();
  for (const output of Object.values(meta.outputs)) {
    for (const { path: specifier, external } of output.imports) {
      if (!external || isBuiltin(specifier)) continue;
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      if (!declared.has(name)) wrong.add(name);
    }
  }
  if (wrong.size > 0) throw new Error(`the bundle imports ${[...wrong].join(', ')} at run time, which @otalint/cli does not depend on`);
}

/**
 * A module's named imports of a built-in in BUILTINS_ON_FIRST_USE, which esbuild writes as
 * `import_x = require("node:...")` where the module loads (and reads as `import_x.name` where it
 * uses one), made to require it on first use. Any other form (a default import) still loads it with
 * the module: test/bundle.test.ts holds a lint of one JSON file to loading none of them.
 */
function builtinsOnFirstUse(text) {
  const required = new RegExp(`^(\\s*)(import_\\w+) = require\\("(${BUILTINS_ON_FIRST_USE.join('|')})"\\);$`, 'gm');
  return text.replace(required, (_line, indent, binding, name) => `${indent}${binding} = __otalintBuiltinOnFirstUse("${name}");`);
}

/**
 * A module's default (or namespace) import of a built-in, which esbuild writes as
 * `__toESM(require("node:path"), 1)`: a new object with a getter (a closure) for each of the
 * built-in's exports, made again by each of the some 36 modules that import node:path so, when
 * it loads. Made once per built-in (__otalintBuiltinNamespace), and shared: a namespace is
 * read-only.
 */
function builtinNamespacesOnce(text) {
  return text.replace(/__toESM\(require\(("node:[a-z_/]+")\), 1\)/g, (_call, name) => `__otalintBuiltinNamespace(${name})`);
}

/**
 * The bundle's remaining \`import()\` calls (of the AWS SDK, config files, plugins, formatters) go
 * through \`__otalintImport\`: code that bin/otalint.cjs compiles with vm.Script (for its code cache)
 * cannot call \`import()\` itself on Node 20 without an experimental flag or warning, so the bin
 * lends it its own.
 */
function throughImporter(text) {
  const sites = [];
  const visit = (node) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (node.type === 'ImportExpression') sites.push(node.start);
    for (const key of Object.keys(node)) if (key !== 'type' && typeof node[key] === 'object') visit(node[key]);
  };
  visit(parse(text, { ecmaVersion: 'latest', sourceType: 'script' }));
  let out = '';
  let at = 0;
  for (const start of sites.sort((a, b) => a - b)) {
    out += `${text.slice(at, start)}__otalintImport`;
    at = start + 'import'.length;
  }
  return out + text.slice(at);
}
