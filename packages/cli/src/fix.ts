import { applyFixes, type FileResult, type Linter } from '@otalint/core/engine';
import type { FaultHook } from './fault-hooks.js';
import { writeFileAtomically } from './write-file.js';
import { unifiedDiff } from './unified-diff.js';
import path from 'node:path';

export interface FixOptions {
  /** true: write nothing, only say what would change (the diffs). */
  readonly dryRun: boolean;
  /** Test-only: where a write may be made to crash (fault-hooks.ts). */
  readonly fault?: FaultHook;
}

export interface FixOutcome {
  readonly results: FileResult[];
  /** For --fix-dry-run: a unified diff per changed file. */
  readonly diffs: string[];
}

/**
 * Apply fixes in passes until nothing changes (a fix can make room for another), then write each
 * changed file, or, in a dry run, describe it. Each fixed result carries `output`, the new text.
 */
export async function fixResults(linter: Linter, results: readonly FileResult[], options: FixOptions): Promise<FixOutcome> {
  const out: FileResult[] = [];
  const diffs: string[] = [];
  for (const result of results) {
    if (result.source === undefined || !result.messages.some((m) => m.fix)) {
      out.push(result);
      continue;
    }
    const { text, result: current } = fixUntilStable(linter, result);
    if (text === result.source) {
      out.push(current);
      continue;
    }
    if (options.dryRun) diffs.push(unifiedDiff(result.filePath, result.source, text));
    else await writeFileAtomically(path.resolve(linter.cwd, result.filePath), text, options.fault ? { fault: options.fault } : {});
    out.push({ ...current, output: text });
  }
  return { results: out, diffs };
}

/**
 * A result's text with its fixes applied in passes until nothing changes (a fix can make room for
 * another), and the result of linting that text: what `--fix` writes and an editor's "fix all".
 */
export function fixUntilStable(linter: Linter, result: FileResult): { text: string; result: FileResult } {
  let text = result.source ?? '';
  let current = result;
  for (let pass = 0; pass < 10; pass++) {
    const { text: next, applied } = applyFixes(text, current.messages);
    if (applied === 0) break;
    text = next;
    current = linter.lintText(text, result.filePath, result.kind);
  }
  return { text, result: current };
}
