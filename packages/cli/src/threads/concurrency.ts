import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { UsageError } from '../exit-codes.js';
import { absoluteIn } from '../paths.js';

/** `--concurrency`: `off` (one thread), `auto` (threads only where they pay), or a number of threads. */
export type Concurrency = 'off' | 'auto' | number;

/** The most threads `--concurrency N` starts: past the cores there are, each costs more than it gives. */
const MAX_THREADS = 64;

export function parseConcurrency(value: string | undefined): Concurrency {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'off') return 'off';
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > MAX_THREADS) {
    throw new UsageError(`--concurrency takes off, auto or a number of threads from 1 to ${MAX_THREADS}, got "${value}".`);
  }
  return Number(value) === 1 ? 'off' : Number(value);
}

/**
 * What `auto` weighs (docs/decisions/0008-lint-threads-for-large-runs.md): a thread besides this
 * one starts the bundle and loads the config (some 50 ms of CPU), then warms up a JIT of its own,
 * and V8 compiles and collects for two heaps: at 10,000 request files about 0.8 s of CPU more in
 * all. Below these, one thread finishes first even on idle cores.
 */
export const AUTO = {
  /** Fewer files than this lint on one thread, without looking at their sizes. */
  minFiles: 2_000,
  /** Bytes of files per thread: the run's bytes over this, at most the cores, is the number of threads. */
  bytesPerThread: 16_000_000,
  /**
   * The files whose sizes estimate the run's bytes: their mean size times the number of files.
   * Evenly spread over the sorted list, so one run's answer is the next one's; a stat per file
   * cost some 70 ms of CPU at 10,000 files, to conclude one thread.
   */
  sampledFiles: 200,
} as const;

/** Why a run lints on the threads it does: for `--debug` and the tests. */
export interface ThreadChoice {
  readonly threads: number;
  readonly reason: string;
}

/** What `auto` asks of the machine; tests hand in their own. */
export interface Machine {
  /** `os.availableParallelism()`. */
  readonly cores: number;
  readonly sizeOf: (file: string) => number;
}

/**
 * How many threads lint this run's files (this one included). `auto` counts the files, then
 * estimates their bytes from the sizes of a sample of them (`AUTO.sampledFiles`), and uses no more threads than there are cores (it takes them to be idle: on a
 * busy machine threads make a run slower, docs/decisions/0008); a number is taken as given, but
 * never more threads than files.
 */
export function chooseThreads(setting: Concurrency, files: readonly string[], cwd: string, machine: Machine = thisMachine(cwd)): ThreadChoice {
  const { cores, sizeOf } = machine;
  if (setting === 'off') return { threads: 1, reason: '--concurrency off' };
  if (typeof setting === 'number') {
    const threads = Math.max(1, Math.min(setting, files.length));
    return { threads, reason: `--concurrency ${setting}${threads < setting ? `, ${files.length} files` : ''}` };
  }
  const most = Math.min(cores, MAX_THREADS);
  if (files.length < AUTO.minFiles) return { threads: 1, reason: `auto: ${files.length} files, fewer than ${AUTO.minFiles}` };
  if (cores < 2) return { threads: 1, reason: `auto: ${cores} core` };
  const sample = evenlySpread(files, AUTO.sampledFiles);
  const bytes = (sample.reduce((sum, file) => sum + sizeOf(file), 0) / sample.length) * files.length;
  const threads = Math.max(1, Math.min(most, Math.floor(bytes / AUTO.bytesPerThread)));
  return { threads, reason: `auto: ${files.length} files, about ${(bytes / 1e6).toFixed(1)} MB (the sizes of ${sample.length} of them), ${cores} cores` };
}

/** `count` of the items (at most all), one from the middle of each of `count` equal stretches of the list. */
function evenlySpread<T>(items: readonly T[], count: number): readonly T[] {
  if (items.length <= count) return items;
  return Array.from({ length: count }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / count)]!);
}

function thisMachine(cwd: string): Machine {
  return { cores: availableParallelism(), sizeOf: (file) => fileSize(absoluteIn(cwd, file)) };
}

function fileSize(absolute: string): number {
  try {
    return statSync(absolute).size;
  } catch {
    return 0;
  }
}
