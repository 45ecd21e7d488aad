import { statSync } from 'node:fs';
import path from 'node:path';
import { BUILTIN_SOURCE_KINDS, findConfigFile, type FileResult, type Linter, type SourceDocument } from '@otalint/core/engine';
import { isPassedOver } from '../discover.js';
import { createLinter } from '../lint-run.js';
import { relativeTo } from '../paths.js';
import { readByFolders } from '../read-files.js';
import { lintBuffer } from '../stdin.js';

/** What linting an open document came to. */
export type LintOutcome =
  /** Linted: the result, and the linter and folder it was linted with (for code actions and hover). */
  | { readonly kind: 'linted'; readonly result: FileResult; readonly linter: Linter; readonly root: string; readonly filePath: string }
  /** Not a file otalint reads here (no kind claims it, it is ignored, or it cannot hold a request). */
  | { readonly kind: 'skipped' }
  /** The config that applies cannot be loaded: the message says why, for the file's diagnostics. */
  | { readonly kind: 'config-error'; readonly message: string; readonly configFile: string | undefined };

interface RootLinter {
  /** The config file and its version the linter was made from: a different key means reload. */
  readonly key: string;
  readonly linter: Promise<Linter>;
}

/**
 * The folders an editor has open, and one linter for each, made as `otalint` makes it in that
 * folder (the nearest config from there up). A linter is made again when its config file
 * changes, appears or goes away, so an edited config applies on the next lint even when the
 * client cannot watch files.
 */
export class Workspace {
  #roots: string[] = [];
  readonly #linters = new Map<string, RootLinter>();

  constructor(private readonly debug: boolean) {}

  setRoots(roots: readonly string[]): void {
    // Longest first: a file belongs to the innermost folder that holds it.
    this.#roots = [...new Set(roots.map((root) => path.resolve(root)))].sort((a, b) => b.length - a.length);
    for (const root of this.#linters.keys()) if (!this.#roots.includes(root)) this.#linters.delete(root);
  }

  /** The folder a file is linted from: the innermost workspace folder holding it, else its own folder. */
  rootFor(absolute: string): string {
    return this.#roots.find((root) => absolute === root || absolute.startsWith(root + path.sep)) ?? path.dirname(absolute);
  }

  /** Forget every linter: the next lint loads each config again. */
  reload(): void {
    this.#linters.clear();
  }

  /** The linter for a folder, made again when its config file changed. Rejects with the ConfigError. */
  linterFor(root: string): Promise<Linter> {
    const key = configKey(root);
    const known = this.#linters.get(root);
    if (known && known.key === key) return known.linter;
    const linter = createLinter({ cwd: root, debug: this.debug, env: process.env });
    this.#linters.set(root, { key, linter });
    return linter;
  }

  /**
   * Read a buffer without linting it, for hover: with the kind its last lint used, else the one
   * that claims it when a folder would bring it in. Only a built-in kind reads here (a plugin's
   * parser runs in the lint thread alone, where it cannot hold up the editor). Undefined when the
   * config cannot load or no built-in kind reads it.
   */
  async read(absolute: string, text: string, kindId?: string): Promise<{ document: SourceDocument; linter: Linter } | undefined> {
    const found = await this.#builtinKind(absolute, text, kindId);
    if (!found) return undefined;
    const { linter, filePath, kind } = found;
    await linter.prepare(filePath, text, kind);
    return { document: linter.read(text, filePath, kind), linter };
  }

  /** The built-in kind that reads a buffer not linted yet (for completion), as `read` finds it. */
  async kindOf(absolute: string, text: string): Promise<string | undefined> {
    return (await this.#builtinKind(absolute, text))?.kind;
  }

  async #builtinKind(absolute: string, text: string, kindId?: string): Promise<{ linter: Linter; filePath: string; kind: string } | undefined> {
    const root = this.rootFor(absolute);
    const filePath = relativeTo(root, absolute);
    const linter = await this.linterFor(root).catch(() => undefined);
    if (!linter || (kindId === undefined && !readByFolders(linter, filePath, text))) return undefined;
    const kind = kindId === undefined ? linter.sourceKinds.claimant(filePath, text) : linter.sourceKinds.get(kindId);
    return kind && BUILTIN_SOURCE_KINDS.includes(kind) ? { linter, filePath, kind: kind.id } : undefined;
  }

  /** Lint an editor's buffer for the file at `absolute`, with the config and ignores of its folder. */
  async lint(absolute: string, text: string): Promise<LintOutcome> {
    const root = this.rootFor(absolute);
    const filePath = relativeTo(root, absolute);
    let linter: Linter;
    try {
      linter = await this.linterFor(root);
    } catch (error) {
      if ((error as Error)?.name !== 'ConfigError') throw error;
      return { kind: 'config-error', message: (error as Error).message, configFile: findConfigFile(root) };
    }
    // An editor opens every file; otalint lints those that `otalint .` would.
    if (!readByFolders(linter, filePath, text) || (await isPassedOver(filePath))) return { kind: 'skipped' };
    const linted = await lintBuffer(linter, root, filePath, text);
    if (!linted) return { kind: 'skipped' };
    const [result] = await linter.lintRun([linted]);
    return { kind: 'linted', result: result ?? linted, linter, root, filePath };
  }
}

/** The config file that applies in a folder, and its version. (.otalintignore is read on every lint.) */
function configKey(root: string): string {
  const file = findConfigFile(root);
  return file === undefined ? '-' : `${file}@${version(file)}`;
}

function version(file: string): string {
  try {
    const { mtimeMs, size } = statSync(file);
    return `${mtimeMs}:${size}`;
  } catch {
    return 'gone';
  }
}
