import type { FileResult } from '@otalint/core/engine';

/**
 * What a lint run did that runs code of its own: the source kinds it read, its formats, whether it
 * reported findings, fixed, or read a config file. bin/otalint.cjs keeps them with the bundle's
 * code cache, and writes the cache again (with the code of both runs) after a run that did
 * something the cached runs did not: a cache written by a JSON-only run would leave every later
 * run of a TypeScript file compiling the TypeScript reader.
 */
const traits = new Set<string>();

/** `formats`: the built-in ones the run printed (a formatter module's code is not the bundle's). */
export function noteLintRun(run: {
  readonly results: readonly FileResult[];
  readonly formats: readonly string[];
  readonly fix: boolean;
  readonly configFile: boolean;
}): void {
  for (const result of run.results) {
    if (result.kind !== undefined) traits.add(`kind:${result.kind}`);
    if (result.messages.length > 0) traits.add('findings');
  }
  for (const format of run.formats) traits.add(`format:${format}`);
  if (run.fix) traits.add('fix');
  if (run.configFile) traits.add('config');
}

export function lintRunTraits(): string[] {
  return [...traits];
}
