import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeText, unreadableResult, type CheckedFile, type FileResult, type Linter, type SourceText } from '@otalint/core/engine';
import { deepStep, type DeepOptions } from './deep/step.js';
import { baselineStep } from './baseline.js';
import { LintCache } from './cache.js';
import { discover, type Discovered, type DiscoverOptions } from './discover.js';
import type { FaultHook } from './fault-hooks.js';
import { fixResults } from './fix.js';
import { createLinter, type LinterSetup } from './lint-run.js';
import { lintStdin } from './stdin.js';

export type PipelineInput =
  | { readonly patterns: readonly string[]; readonly discovery?: Omit<DiscoverOptions, 'isIgnoredByConfig' | 'ownFiles' | 'sourceKinds' | 'disabledKinds'> }
  | { readonly stdin: NodeJS.ReadableStream; readonly filename?: string | undefined };

export interface PipelineOptions extends Omit<LinterSetup, 'deep'> {
  readonly input: PipelineInput;
  /** Report and baseline files of this run: never linted as requests, whatever the patterns say. */
  readonly ownFiles?: readonly string[];
  /** `--cache`: the cache file (absolute); absent, no cache. */
  readonly cacheLocation?: string | undefined;
  readonly toolVersion: string;
  /** `--fix` writes the fixed files; `--fix-dry-run` only describes them. */
  readonly fix?: 'write' | 'dry-run' | undefined;
  readonly baseline?: { readonly create?: string | undefined; readonly use?: string | undefined };
  /** Where the run's notes go (ignored files named, baseline counts, dry-run diffs). */
  readonly stderr: (text: string) => void;
  /**
   * The run only reports (lint): each file's result keeps what the report and the run's rules need
   * (`Linter.retainForRun`), not its text and requests. Submit sends the requests: it keeps them.
   */
  readonly reportOnly?: boolean;
  /** `--deep`: check the requests against the AWS account, after every file is read. */
  readonly deep?: DeepOptions | undefined;
  /** Test-only fault injection (fault-hooks.ts). */
  readonly fault?: FaultHook;
}

export interface PipelineResult {
  readonly linter: Linter;
  /** One result per file, sorted by path, each with its requests; plus unused suppressions. */
  readonly results: FileResult[];
  /** Files named on the command line that ignores excluded. */
  readonly ignoredExplicit: readonly string[];
}

/**
 * Read every discovered file, one at a time and synchronously (one open file whatever the run's
 * size, and no round trip through the thread pool per file: the read is the cheap part), decode it
 * (UTF-8 checked), and hand it to `source` once its kind is prepared. A file a folder or glob
 * brought in is passed over (undefined) when its kind says it cannot hold a request; named files
 * are always read. Results keep the order.
 */
export async function readDiscovered<T>(
  linter: Linter,
  cwd: string,
  found: Pick<Discovered, 'files' | 'named'>,
  use: { source(file: string, source: SourceText): T | Promise<T>; unreadable(file: string, error: unknown): T },
): Promise<Array<T | undefined>> {
  const results = new Array<T | undefined>(found.files.length);
  for (const [index, file] of found.files.entries()) {
    let source: SourceText;
    try {
      source = decodeText(readFileSync(path.resolve(cwd, file)));
    } catch (error) {
      results[index] = use.unreadable(file, error);
      continue;
    }
    if (!found.named.has(file) && !readByFolders(linter, file, source.text)) continue;
    await linter.prepare(file, source.text);
    results[index] = await use.source(file, source);
  }
  return results;
}

/**
 * Whether a folder brings this file in: a kind claims it (an extension-less file only with a
 * shell shebang), config does not turn that kind off, and the kind says the text may hold a
 * request. What an editor lints of the files it opens.
 */
export function readByFolders(linter: Linter, file: string, text: string): boolean {
  const kind = linter.sourceKinds.claimant(file, text);
  return kind !== undefined && !linter.config.disabledSources().has(kind.id) && kind.mayHoldRequests?.(text) !== false;
}

/**
 * The one path every command that lints takes (lint, submit, and editors through them):
 * discover → read and lint → account checks (--deep) → fix → the run's rules → unused suppressions
 * → baseline. Formatting and exit codes are the commands' own.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const linter = await createLinter({ ...options, deep: options.deep !== undefined });
  let results: FileResult[];
  let ignoredExplicit: readonly string[];
  const fromStdin = 'stdin' in options.input;
  if ('stdin' in options.input) {
    ({ results, ignoredExplicit } = await lintStdin(linter, options.cwd, options.input.stdin, options.input.filename));
  } else {
    const found = await discover(options.input.patterns, options.cwd, {
      ...options.input.discovery,
      isIgnoredByConfig: (file) => linter.isIgnored(file),
      ownFiles: options.ownFiles ?? [],
      sourceKinds: linter.sourceKinds,
      disabledKinds: linter.config.disabledSources(),
    });
    ignoredExplicit = found.ignoredExplicit;
    // A deep run's findings depend on the account as well as the text: such runs skip the cache.
    const cache = options.cacheLocation === undefined || options.deep ? undefined : new LintCache(options.cacheLocation, options.toolVersion);
    const linted = await readDiscovered<FileResult | CheckedFile>(linter, options.cwd, found, {
      // Files wait unfinished for the steps that need the whole run; suppressions come after them.
      source: async (file, source) => {
        if (options.deep) return linter.checkSource(source, file);
        const result = cache && source.faithful ? await cache.lint(linter, file, source.text) : linter.lintSource(source, file);
        return options.reportOnly && !options.fix ? linter.retainForRun(result) : result;
      },
      unreadable: (file, error) => unreadableResult(file, error),
    });
    const read = linted.filter((item): item is FileResult | CheckedFile => item !== undefined);
    const files = options.deep ? await finishRun(linter, read, options.deep, options.stderr) : (read as FileResult[]);
    const folders = found.unreadableFolders.map(({ folder, error }) => unreadableResult(folder, error, 'folder'));
    results = [...files, ...folders].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
    await cache?.save();
  }

  if (options.fix) {
    const fixed = await fixResults(linter, results, { dryRun: options.fix === 'dry-run', ...(options.fault ? { fault: options.fault } : {}) });
    results = fixed.results;
    for (const diff of fixed.diffs) options.stderr(diff);
  }
  // Rules that look at every file at once: after the cache (which keeps per-file results only) and the fixes.
  results = await linter.lintRun(results);
  if (!fromStdin) {
    const unused = await linter.unusedSuppressionsResult();
    if (unused) results = [...results, unused];
  }
  results = await baselineStep(results, linter, options.baseline ?? {}, options.stderr);
  return { linter, results, ignoredExplicit };
}

/** The steps that need every file of the run (account checks), then each file's suppressions. */
async function finishRun(
  linter: Linter,
  read: ReadonlyArray<FileResult | CheckedFile>,
  deep: DeepOptions,
  stderr: (text: string) => void,
): Promise<FileResult[]> {
  const checked = read.filter((item): item is CheckedFile => 'document' in item);
  const later = await deepStep(linter, checked, deep, stderr);
  return read.map((item) => ('document' in item ? linter.finish(item, later.get(item.document.filePath)) : item));
}
