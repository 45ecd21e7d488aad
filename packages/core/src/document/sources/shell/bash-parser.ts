import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as TreeSitter from 'web-tree-sitter';
import type { Node as SyntaxNode, Parser as TreeSitterParser, Tree } from 'web-tree-sitter';
import { SHELL_PARSER_V8_FLAGS, setV8Flags } from '../../../util/v8-flags.js';

export type { SyntaxNode, Tree };

let parser: TreeSitterParser | undefined;
let loading: Promise<void> | undefined;

/**
 * Load tree-sitter's WASM runtime and the bash grammar (tree-sitter-bash's own .wasm build):
 * about 1.5 MB of WASM, loaded only when a file that may hold shell code is read, once.
 *
 * WebAssembly is compiled with Liftoff, V8's baseline compiler, only. By default V8 also compiles
 * the functions a run makes hot (the grammar's lexer and parse tables are some of the largest
 * there are) again with TurboFan, on background threads that a lint run never waits long enough
 * to profit from, and that Node waits for before the process exits: 600-1,000 ms of CPU, and as
 * much wall time at the end of `otalint` on 600 Markdown files, for a parse that takes some 60 ms.
 * The flags are the process's: in otalint's processes tree-sitter is the only WebAssembly. They
 * are the two switches of tier-up, not `--liftoff-only`, which turns them off by implication: V8
 * keys its code caches on every flag, and the binary puts these back (negated) before it makes
 * one, which would not restore what an implication changed (util/v8-flags.ts).
 */
export function prepareBash(): Promise<void> {
  loading ??= (async () => {
    setV8Flags(SHELL_PARSER_V8_FLAGS);
    // Made here, not at load: in the bundled CLI, making it costs a resolution of this package.
    const require = createRequire(import.meta.url);
    // Required, not imported: an import() of the package would start Node's ES module loader for
    // it and scan its 4,000 lines for their exports. Its runtime's WebAssembly and the grammar are
    // read and compiled here, in this turn, not on the thread pool and V8's background threads
    // while the run waits: their WebAssembly compiles lazily, so compiling it now costs little.
    const { Parser, Language } = require('web-tree-sitter') as typeof TreeSitter;
    await Parser.init({ instantiateWasm: instantiateNow(readFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'))) });
    const bash = await Language.load(readFileSync(require.resolve('tree-sitter-bash/tree-sitter-bash.wasm')));
    const created = new Parser();
    created.setLanguage(bash);
    parser = created;
  })();
  return loading;
}

/** The part of the WebAssembly API used here (the project's types leave out the DOM's, where it is declared). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => object;
}

/** Emscripten's hook for instantiating a module's WebAssembly itself: here at once, from its bytes. */
function instantiateNow(bytes: Uint8Array) {
  const { Module, Instance } = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
  return (imports: object, received: (instance: object, module: object) => void): object => {
    const module = new Module(bytes);
    received(new Instance(module, imports), module);
    // Emscripten's sign that instantiation is under way elsewhere.
    return {};
  };
}

/** Parse bash source. Offsets are UTF-16 (tree-sitter reads JavaScript strings as UTF-16). */
export function parseBash(code: string): Tree {
  if (!parser) throw new Error("The shell parser is not loaded: await the source kind's prepare() (linter.prepare(file)) before reading shell code.");
  const tree = parser.parse(code);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
