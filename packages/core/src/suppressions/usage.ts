import { readFile } from 'node:fs/promises';
import type { Diagnostic, FileResult } from '../diagnostic.js';
import { readSource } from '../document/source-kinds.js';
import type { SourceDocument } from '../document/types.js';
import { summarize } from '../linter/file-result.js';
import { SUPPRESSION_RULE_IDS } from '../reserved-ids.js';
import type { Suppression } from './types.js';

/** What most files used: one list for all of them (a run keeps each file's list to the end). */
const NONE_USED: readonly string[] = Object.freeze([]);

/**
 * Which config suppressions a run used. A suppression is unused when it applied to at least one
 * linted file and waived nothing in any of them; one whose files were not linted is not judged.
 */
export class SuppressionUsage {
  readonly #applicable = new Set<Suppression>();
  readonly #used = new Set<Suppression>();
  readonly #usedByFile = new Map<string, string[]>();

  record(filePath: string, applicable: readonly Suppression[], used: readonly Suppression[]): void {
    for (const suppression of applicable) this.#applicable.add(suppression);
    for (const suppression of used) this.#used.add(suppression);
    // Only files that used one are kept: a run over 50,000 files records the few that did.
    if (used.length > 0)
      this.#usedByFile.set(
        filePath,
        used.map((suppression) => suppression.origin),
      );
    else if (this.#usedByFile.size > 0) this.#usedByFile.delete(filePath);
  }

  /** Add suppressions used in a file by a later pass (the rules that look at the whole run). */
  recordMore(filePath: string, used: readonly Suppression[]): void {
    for (const suppression of used) this.#used.add(suppression);
  }

  /** The origins of the suppressions used in a file (to cache with its result). */
  usedIn(filePath: string): readonly string[] {
    return this.#usedByFile.get(filePath) ?? NONE_USED;
  }

  /** Record a file whose result came from a cache, by the origins cached with it. */
  restore(filePath: string, applicable: readonly Suppression[], usedOrigins: readonly string[]): void {
    const origins = new Set(usedOrigins);
    this.record(
      filePath,
      applicable,
      applicable.filter((suppression) => origins.has(suppression.origin)),
    );
  }

  unused(): Suppression[] {
    return [...this.#applicable].filter((suppression) => !this.#used.has(suppression));
  }
}

/**
 * Unused suppressions as a result for the config file that declares them (pointing at each entry
 * when the config is JSON; at line 1 of a JavaScript config), or undefined when there are none.
 */
export async function unusedSuppressionsResult(unused: readonly Suppression[], configPath: string | undefined): Promise<FileResult | undefined> {
  if (unused.length === 0) return undefined;
  let document: SourceDocument | undefined;
  if (configPath?.endsWith('.json')) {
    try {
      document = readSource(configPath, await readFile(configPath, 'utf8'), 'json');
    } catch {
      document = undefined;
    }
  }
  const messages: Diagnostic[] = unused.map((suppression) => {
    const span = document?.requests[0]?.locate(suppression.configPath, 'value') ?? { offset: 0, length: 0 };
    const range = document?.range(span) ?? { line: 1, column: 1, endLine: 1, endColumn: 1, offset: 0, length: 0 };
    return {
      ruleId: SUPPRESSION_RULE_IDS.unused,
      severity: 'warning',
      message: `Suppression ${suppression.origin} ("${suppression.rule}" at ${suppression.path || '(whole file)'} in ${suppression.files.join(', ')}) waived no finding in the files linted; remove it.`,
      path: '',
      ...range,
    };
  });
  return summarize(unused[0]!.configFile, messages, false);
}
