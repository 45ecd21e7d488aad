import { unreadableResult, type FileResult, type Linter } from '@otalint/core/engine';
import type { CacheChange, LintCache } from './cache.js';
import type { FaultHook } from './fault-hooks.js';
import { fixResults } from './fix.js';
import { readOne } from './read-files.js';

/** How a lint run treats each file it reads, on whichever thread lints it. */
export interface FileStep {
  readonly linter: Linter;
  readonly cwd: string;
  readonly cache?: LintCache | undefined;
  /** `--fix` writes each fixed file; `--fix-dry-run` only describes it. */
  readonly fix?: 'write' | 'dry-run' | undefined;
  /** Keep what the report and the run's rules need (`Linter.retainForRun`), not the text and requests. */
  readonly retain: boolean;
  readonly fault?: FaultHook | undefined;
  /** On a lint thread: each file carries the config suppressions it used, for the run's thread to record (it records its own as it lints). */
  readonly reportsUsage?: boolean;
}

/** One file, linted: its result, and what the run gathers of it besides. */
export interface LintedFile {
  readonly result: FileResult;
  /** `--fix-dry-run`: what `--fix` would change in it (a unified diff). */
  readonly diff?: string;
  /** The origins of the config suppressions its lints used, sent by a lint thread (`reportsUsage`); absent when the file was not linted (unreadable). */
  readonly used?: readonly string[];
  /** What linting it did to its `--cache` entry. */
  readonly cache?: CacheChange;
}

/**
 * Read a discovered file, lint it (through the cache), fix it (`--fix`), and keep what the run
 * needs of it. Undefined: a folder brought it in and its kind says it holds no request.
 */
export async function lintDiscoveredFile(step: FileStep, file: string, named: boolean): Promise<LintedFile | undefined> {
  const { linter, cache } = step;
  return readOne<LintedFile | Promise<LintedFile>>(linter, step.cwd, file, named, {
    unreadable: (_file, error) => ({ result: unreadableResult(file, error) }),
    source: async (_file, source) => {
      let result: FileResult;
      let change: CacheChange | undefined;
      if (cache && source.faithful) ({ result, change } = await cache.lintAndChange(linter, file, source.text));
      else result = linter.lintSource(source, file);
      // Only a lint thread sends back the suppressions a file used: the run's own thread recorded them as it linted.
      const absolute = step.reportsUsage ? linter.absolutePath(file) : undefined;
      let used = absolute === undefined ? undefined : linter.suppressionUsage.usedIn(absolute);
      let diff: string | undefined;
      if (step.fix) {
        const fixed = await fixResults(linter, [result], { dryRun: step.fix === 'dry-run', ...(step.fault ? { fault: step.fault } : {}) });
        result = fixed.results[0]!;
        diff = fixed.diffs[0];
        // A fixed text is linted again: the suppressions either lint used were used.
        if (used && absolute !== undefined) used = [...new Set([...used, ...linter.suppressionUsage.usedIn(absolute)])];
      }
      const linted: { -readonly [K in keyof LintedFile]: LintedFile[K] } = { result: step.retain ? linter.retainForRun(result) : result };
      if (used !== undefined) linted.used = used;
      if (diff !== undefined) linted.diff = diff;
      if (change !== undefined) linted.cache = change;
      return linted;
    },
  });
}
