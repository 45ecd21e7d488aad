import { unreadableResult, type FileResult, type Linter } from '@otalint/core/engine';
import type { CacheChange, LintCache } from './cache.js';
import type { FaultHook } from './fault-hooks.js';
import { fixResults } from './fix.js';
import { readOne, type ReadUse } from './read-files.js';

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
 * needs of it. Undefined: a folder brought it in and its kind says it holds no request. A promise
 * only when something is to wait for (a kind loading its parser, the cache, a fix): most files of
 * a run are linted without one.
 */
export function lintDiscoveredFile(step: FileStep, file: string, named: boolean): LintedFile | undefined | Promise<LintedFile | undefined> {
  return readOne<LintedFile>(step.linter, step.cwd, file, named, readUseOf(step));
}

/** What a file's read hands on to, once per step: every file of a run goes through the same one. */
const readUses = new WeakMap<FileStep, ReadUse<LintedFile>>();
function readUseOf(step: FileStep): ReadUse<LintedFile> {
  let use = readUses.get(step);
  if (use === undefined) {
    const { linter, cache } = step;
    use = {
      unreadable: (file, error) => ({ result: unreadableResult(file, error) }),
      source: (file, source) =>
        cache && source.faithful
          ? cache.lintAndChange(linter, file, source.text).then(({ result, change }) => afterLint(step, file, result, change))
          : afterLint(step, file, linter.lintSource(source, file), undefined),
    };
    readUses.set(step, use);
  }
  return use;
}

/** A linted file's fixes (`--fix`), what the run keeps of its result, and what it used. */
function afterLint(step: FileStep, file: string, linted: FileResult, change: CacheChange | undefined): LintedFile | Promise<LintedFile> {
  const { linter } = step;
  // Only a lint thread sends back the suppressions a file used: the run's own thread recorded them as it linted.
  const absolute = step.reportsUsage ? linter.absolutePath(file) : undefined;
  const used = absolute === undefined ? undefined : linter.suppressionUsage.usedIn(absolute);
  if (!step.fix) return lintedFile(step, linted, used, undefined, change);
  return fixResults(linter, [linted], { dryRun: step.fix === 'dry-run', ...(step.fault ? { fault: step.fault } : {}) }).then((fixed) => {
    // A fixed text is linted again: the suppressions either lint used were used.
    const usedEither = used && absolute !== undefined ? [...new Set([...used, ...linter.suppressionUsage.usedIn(absolute)])] : used;
    return lintedFile(step, fixed.results[0]!, usedEither, fixed.diffs[0], change);
  });
}

function lintedFile(
  step: FileStep,
  result: FileResult,
  used: readonly string[] | undefined,
  diff: string | undefined,
  change: CacheChange | undefined,
): LintedFile {
  const linted: { -readonly [K in keyof LintedFile]: LintedFile[K] } = { result: step.retain ? step.linter.retainForRun(result) : result };
  if (used !== undefined) linted.used = used;
  if (diff !== undefined) linted.diff = diff;
  if (change !== undefined) linted.cache = change;
  return linted;
}

/** What a run keeps of its linted files, in path order: their results, and the dry run's diffs. */
export interface LintedFiles {
  readonly results: FileResult[];
  readonly diffs: string[];
}

/**
 * Each file's result taken out of what linting it gave as it comes, so the run holds the results
 * (until its report), not one more object per file around each.
 */
export function keptFiles(): { files: LintedFiles; take: (linted: LintedFile | undefined) => void } {
  const files: LintedFiles = { results: [], diffs: [] };
  const take = (linted: LintedFile | undefined) => {
    if (linted === undefined) return;
    files.results.push(linted.result);
    if (linted.diff !== undefined) files.diffs.push(linted.diff);
  };
  return { files, take };
}
