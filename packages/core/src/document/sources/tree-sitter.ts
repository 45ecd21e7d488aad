import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type * as TreeSitter from 'web-tree-sitter';
import type { Parser, Tree } from 'web-tree-sitter';
import { SHELL_PARSER_V8_FLAGS, setV8Flags } from '../../util/v8-flags.js';

let runtime: Promise<typeof TreeSitter> | undefined;

/**
 * tree-sitter's WebAssembly runtime (web-tree-sitter), loaded once per process for every grammar
 * that runs on it (bash for command lines, Python), the first time a file of theirs is read.
 *
 * WebAssembly is compiled with Liftoff, V8's baseline compiler, only. By default V8 also compiles
 * the functions a run makes hot (the grammars' lexers and parse tables are some of the largest
 * there are) again with TurboFan, on background threads that a lint run never waits long enough
 * to profit from, and that Node waits for before the process exits: 600-1,000 ms of CPU, and as
 * much wall time at the end of `otalint` on 600 Markdown files, for a parse that takes some 60 ms.
 * The flags are the process's: in otalint's processes tree-sitter is the only WebAssembly. They
 * are the two switches of tier-up, not `--liftoff-only`, which turns them off by implication: V8
 * keys its code caches on every flag, and the binary puts these back (negated) before it makes
 * one, which would not restore what an implication changed (util/v8-flags.ts).
 */
function loadRuntime(): Promise<typeof TreeSitter> {
  runtime ??= (async () => {
    setV8Flags(SHELL_PARSER_V8_FLAGS);
    // Required, not imported: an import() of the package would start Node's ES module loader for
    // it and scan its 4,000 lines for their exports. Its runtime's WebAssembly is read and
    // compiled here, in this turn, not on the thread pool and V8's background threads while the
    // run waits: its WebAssembly compiles lazily, so compiling it now costs little.
    const require = createRequire(import.meta.url);
    const treeSitter = require('web-tree-sitter') as typeof TreeSitter;
    await treeSitter.Parser.init({ instantiateWasm: instantiateNow(readFileSync(require.resolve('web-tree-sitter/tree-sitter.wasm'))) });
    return treeSitter;
  })();
  return runtime;
}

/** A grammar on the runtime every grammar shares: `prepare` loads it, once; `parse` parses with it. */
export interface Grammar {
  prepare(): Promise<void>;
  /** Offsets are UTF-16 (tree-sitter reads JavaScript strings as UTF-16). Delete the tree once read. */
  parse(text: string): Tree;
}

/**
 * The grammar whose WebAssembly build `wasmFile` resolves (a file its package ships), with
 * `require` made from @otalint/core; `name` and `reading` say what is missing when a caller parses
 * before it prepared.
 */
export function grammar(name: string, reading: string, wasmFile: (require: NodeJS.Require) => string): Grammar {
  let parser: Parser | undefined;
  let loading: Promise<void> | undefined;
  return {
    prepare() {
      // The resolver is made here, not at load: in the bundled CLI, making it costs a resolution of this package.
      loading ??= loadGrammar(wasmFile(createRequire(import.meta.url))).then((loaded) => {
        parser = loaded;
      });
      return loading;
    },
    parse(text) {
      if (!parser) throw new Error(`The ${name} parser is not loaded: await the source kind's prepare() (linter.prepare(file)) before reading ${reading}.`);
      const tree = parser.parse(text);
      if (!tree) throw new Error('tree-sitter returned no tree');
      return tree;
    },
  };
}

async function loadGrammar(wasmFile: string): Promise<Parser> {
  const { Parser, Language } = await loadRuntime();
  const language = await Language.load(readFileSync(wasmFile));
  const parser = new Parser();
  parser.setLanguage(language);
  return parser;
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
