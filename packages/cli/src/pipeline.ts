import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { unreadableResult, type FileResult, type Linter } from '@otalint/core/engine';
import { baselineStep } from './baseline.js';
import { LintCache } from './cache.js';
import { discover, type Discovered, type DiscoverOptions } from './discover.js';
import { fixResults } from './fix.js';
import { createLinter, type LinterSetup } from './lint-run.js';
import { mapBounded } from './map-bounded.js';
import { lintStdin } from './stdin.js';

/** Files read at once: well under the default `ulimit -n` of 1024. */
const READ_CONCURRENCY = 64;

export type PipelineInput =
  | { readonly patterns: readonly string[]; readonly discovery?: Omit<DiscoverOptions, 'isIgnoredByConfig' | 'ownFiles' | 'sourceKinds'> }
  | { readonly stdin: NodeJS.ReadableStream; readonly filename?: string | undefined };

export interface PipelineOptions extends LinterSetup {
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
}

export interface PipelineResult {
  readonly linter: Linter;
  /** One result per file, sorted by path, each with its requests; plus unused suppressions. */
  readonly results: FileResult[];
  /** Files named on the command line that ignores excluded. */
  readonly ignoredExplicit: readonly string[];
}

/**
 * Read every discovered file, at most READ_CONCURRENCY at once, and hand each text to `text`
 * once its kind is prepared. A file a folder or glob brought in is passed over (undefined) when
 * its kind says it cannot hold a request; named files are always read. Results keep the order.
 */
export async function readDiscovered<T>(
  linter: Linter,
  cwd: string,
  found: Pick<Discovered, 'files' | 'named'>,
  use: { text(file: string, text: string): T | Promise<T>; unreadable(file: string, error: unknown): T },
): Promise<Array<T | undefined>> {
  return mapBounded(found.files, READ_CONCURRENCY, async (file) => {
    let text: string;
    try {
      text = await readFile(path.resolve(cwd, file), 'utf8');
    } catch (error) {
      return use.unreadable(file, error);
    }
    if (!found.named.has(file) && linter.sourceKinds.kindFor(file, text).mayHoldRequests?.(text) === false) return undefined;
    await linter.prepare(file, text);
    return use.text(file, text);
  });
}

/**
 * The one path every command that lints takes (lint, submit, and editors through them):
 * discover → read and lint → fix → the run's rules → unused suppressions → baseline. Formatting
 * and exit codes are the commands' own.
 */
export async function runPipeline(options: PipelineOptions): Promise<PipelineResult> {
  const linter = await createLinter(options);
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
    });
    ignoredExplicit = found.ignoredExplicit;
    const cache = options.cacheLocation === undefined ? undefined : new LintCache(options.cacheLocation, options.toolVersion);
    const linted = await readDiscovered(linter, options.cwd, found, {
      text: (file, text) => (cache ? cache.lint(linter, file, text) : linter.lintText(text, file)),
      unreadable: (file, error) => unreadableResult(file, error),
    });
    results = linted.filter((result): result is FileResult => result !== undefined);
    await cache?.save();
  }

  if (options.fix) {
    const fixed = await fixResults(linter, results, { dryRun: options.fix === 'dry-run' });
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
