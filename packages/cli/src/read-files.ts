import { describeThrown, readTextFile, type Linter, type SourceText } from '@otalint/core/engine';
import { absoluteIn } from './paths.js';
import type { Discovered } from './discover.js';

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
  use: ReadUse<T>,
): Promise<Array<T | undefined>> {
  const results = new Array<T | undefined>(found.files.length);
  for (const [index, file] of found.files.entries()) results[index] = await readOne(linter, cwd, file, found.named.has(file), use);
  return results;
}

/** What reading a discovered file gives: the decoded text's use, or the read's failure. */
export interface ReadUse<T> {
  source(file: string, source: SourceText): T | Promise<T>;
  unreadable(file: string, error: unknown): T;
}

/**
 * One discovered file, as `readDiscovered` reads it (a lint thread reads its files this way too):
 * a promise only while its kind is still loading, so a run over many files does not wait a
 * microtask (and make a promise) per file.
 */
export function readOne<T>(linter: Linter, cwd: string, file: string, named: boolean, use: ReadUse<T>): T | undefined | Promise<T | undefined> {
  let source: SourceText;
  try {
    source = readTextFile(absoluteIn(cwd, file));
  } catch (error) {
    return use.unreadable(file, error);
  }
  if (!named && !readByFolders(linter, file, source.text)) return undefined;
  const pending = linter.pending(file, source.text);
  if (pending === undefined) return use.source(file, source);
  // A parser that cannot load (a broken install) leaves its files unread; the run reads the others.
  return pending.then(
    () => use.source(file, source),
    (error: unknown) => use.unreadable(file, parserNotLoaded(error)),
  );
}

function parserNotLoaded(error: unknown): Error {
  const cause = describeThrown(error).split('\n', 1)[0]!;
  return new Error(`its parser could not load (${cause}); reinstall otalint`, { cause: error });
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
