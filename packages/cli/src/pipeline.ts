import { runtimeV8Flags, setV8Flags, unreadableResult, type CheckedFile, type FileResult, type Linter, type RuleTime } from '@otalint/core/engine';
import { deepStep, type DeepOptions } from './deep/step.js';
import { baselineStep } from './baseline.js';
import { LintCache } from './cache.js';
import { discover, type Discovered, type DiscoverOptions } from './discover.js';
import type { FaultHook } from './fault-hooks.js';
import { fixResults } from './fix.js';
import { keptFiles, lintDiscoveredFile, type FileStep, type LintedFiles } from './lint-file.js';
import { createLinter, type LinterSetup } from './lint-run.js';
import { readDiscovered } from './read-files.js';
import { lintStdin } from './stdin.js';
import { chooseThreads, type Concurrency } from './threads/concurrency.js';
import { largeRunV8Flags } from './tier-up.js';
import { keepYoungGenerationSmall } from './young-generation.js';

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
  /** `--concurrency`: how many threads lint the files (one for stdin and --deep, whatever it says). */
  readonly concurrency?: Concurrency;
}

export interface PipelineResult {
  readonly linter: Linter;
  /** One result per file, sorted by path, each with its requests; plus unused suppressions. */
  readonly results: FileResult[];
  /** Files named on the command line that ignores excluded. */
  readonly ignoredExplicit: readonly string[];
  /** How many threads linted the files (this one included). */
  readonly threads: number;
  /** Why a lint thread stopped while it held files (they are reported as fatal `internal-error`s; exit 3). */
  readonly threadFailure?: string;
  /** `OTALINT_TIMING`: the rule times of the other lint threads (this one's are in `timer`). */
  readonly threadRuleTimes?: readonly RuleTime[];
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
  let threads: { -readonly [K in keyof ThreadedOutcome]: ThreadedOutcome[K] } = { threads: 1 };
  const fromStdin = 'stdin' in options.input;
  if ('stdin' in options.input) {
    ({ results, ignoredExplicit } = await lintStdin(linter, options.cwd, options.input.stdin, options.input.filename));
    if (options.fix) {
      const fixed = await fixResults(linter, results, { dryRun: options.fix === 'dry-run', ...(options.fault ? { fault: options.fault } : {}) });
      results = fixed.results;
      for (const diff of fixed.diffs) options.stderr(diff);
    }
  } else {
    keepYoungGenerationSmall(options.input.patterns, options.cwd);
    const found = await discover(options.input.patterns, options.cwd, {
      ...options.input.discovery,
      isIgnoredByConfig: (file) => linter.isIgnored(file),
      ownFiles: options.ownFiles ?? [],
      sourceKinds: linter.sourceKinds,
      disabledKinds: linter.config.disabledSources(),
    });
    ignoredExplicit = found.ignoredExplicit;
    let files: FileResult[];
    if (options.deep) {
      // A deep run's findings depend on the account as well as the text: such runs skip the cache,
      // and its account checks need every request in one thread.
      const read = await readDiscovered<FileResult | CheckedFile>(linter, options.cwd, found, {
        source: (file, source) => linter.checkSource(source, file),
        unreadable: (file, error) => unreadableResult(file, error),
      });
      files = await finishRun(
        linter,
        read.filter((item): item is FileResult | CheckedFile => item !== undefined),
        options.deep,
        options.stderr,
      );
    } else {
      const cache = options.cacheLocation === undefined ? undefined : new LintCache(options.cacheLocation, options.toolVersion);
      // Files wait unfinished for the steps that need the whole run; suppressions come after them.
      const step: FileStep = { linter, cwd: options.cwd, cache, fix: options.fix, retain: options.reportOnly === true && !options.fix, fault: options.fault };
      const linted = await lintFiles(step, found, options);
      // Of the rest, only the threads' outcome: what linting each file gave besides its result was let go as it came.
      threads = { threads: linted.threads };
      if (linted.threadFailure !== undefined) threads.threadFailure = linted.threadFailure;
      if (linted.threadRuleTimes !== undefined) threads.threadRuleTimes = linted.threadRuleTimes;
      for (const note of linted.notes) options.stderr(note);
      files = linted.results;
      // The dry run's diffs in path order, whichever thread made them.
      for (const diff of linted.diffs) options.stderr(diff);
      await cache?.save();
    }
    const folders = found.unreadableFolders.map(({ folder, error }) => unreadableResult(folder, error, 'folder'));
    // Files come in path order (discovery sorts them); only folders that could not be read join them out of it.
    results = folders.length === 0 ? files : [...files, ...folders].sort((a, b) => (a.filePath < b.filePath ? -1 : a.filePath > b.filePath ? 1 : 0));
  }

  // Rules that look at every file at once: after the cache (which keeps per-file results only) and the fixes.
  results = await linter.lintRun(results);
  if (!fromStdin) {
    const unused = await linter.unusedSuppressionsResult();
    if (unused) results = [...results, unused];
  }
  results = await baselineStep(results, linter, options.baseline ?? {}, options.stderr);
  return { linter, results, ignoredExplicit, ...threads };
}

/** The `--debug` line that names the V8 flags the run set (here, young-generation.ts, the shell parser), which a profile or a bench must repeat to compare. */
function v8FlagsNote(flags: readonly string[]): string {
  return `otalint: V8 flags set at run time: ${flags.length === 0 ? "none (V8's defaults)" : flags.join(' ')}.\n`;
}

/** How many threads linted, what the others timed, and why a thread that held files stopped (the run then exits 3). */
type ThreadedOutcome = Pick<PipelineResult, 'threads' | 'threadFailure' | 'threadRuleTimes'>;

/**
 * From this many files a run compiles its hot code with less inlining (LARGE_RUN_V8_FLAGS,
 * docs/decisions/0009-less-inlining-in-large-runs.md), and later if few are request files
 * (tier-up.ts); a smaller one leaves V8 as it started, and does not load node:v8 to set a flag.
 */
export const LARGE_RUN_FILES = 100;

/**
 * Every discovered file through `step`: on this thread, or on as many as `--concurrency` chooses
 * (threads/concurrency.ts), the pool loaded only then.
 */
async function lintFiles(step: FileStep, found: Discovered, options: PipelineOptions): Promise<ThreadedOutcome & LintedFiles & { notes: readonly string[] }> {
  const setting = options.concurrency ?? 'off';
  let choice = { threads: 1, reason: '--concurrency off' };
  if (setting !== 'off') {
    // A file with a cache entry is most likely unchanged: `auto` counts the others.
    if (step.cache && setting === 'auto') await step.cache.ready(step.linter);
    const toLint = step.cache && setting === 'auto' ? found.files.filter((file) => !step.cache!.has(step.linter, file)) : found.files;
    choice = chooseThreads(setting, toLint, options.cwd);
  }
  // Before any thread starts: each compiles its code knowing them.
  if (found.files.length >= LARGE_RUN_FILES) setV8Flags(largeRunV8Flags(found.files));
  // `--debug` of a run that takes `--concurrency` (lint) says how many threads linted, and with which V8 flags.
  const said = (threads: number) =>
    options.debug && options.concurrency !== undefined
      ? [`otalint: linted ${found.files.length} files on ${threads} thread${threads === 1 ? '' : 's'} (${choice.reason}).\n`, v8FlagsNote(runtimeV8Flags())]
      : [];
  if (choice.threads === 1) {
    const kept = keptFiles();
    for (const file of found.files) {
      const linting = lintDiscoveredFile(step, file, found.named.has(file));
      kept.take(linting instanceof Promise ? await linting : linting);
    }
    return { ...kept.files, threads: 1, notes: said(1) };
  }
  const { lintOnThreads } = await import('./threads/pool.js');
  const run = await lintOnThreads(step, found.files, found.named, choice.threads, {
    cwd: options.cwd,
    configFile: options.configFile,
    rules: options.rules,
    debug: options.debug,
    firmware: options.firmware,
    env: options.env,
    cacheLocation: options.cacheLocation,
    toolVersion: options.toolVersion,
    timing: options.timer !== undefined,
  });
  const kept = keptFiles();
  for (const linted of run.linted) kept.take(linted);
  return {
    ...kept.files,
    threads: run.threads,
    notes: [...run.notes, ...said(run.threads)],
    threadRuleTimes: run.ruleTimes,
    ...(run.failure === undefined ? {} : { threadFailure: run.failure }),
  };
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
