import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { plural } from '@otalint/core';
import { fileResult, isSuppressibleId, type Diagnostic, type FileResult, type Linter, type SuppressedDiagnostic } from '@otalint/core/engine';
import { UsageError } from './exit-codes.js';

export const BASELINE_FORMAT = 1;

/** One accepted finding; only the fingerprint matches, the rest is for people reviewing the file. */
interface BaselineEntry {
  readonly ruleId: string;
  readonly path: string;
  readonly message: string;
}

export interface Baseline {
  readonly format: number;
  readonly description: string;
  /** By path relative to the baseline file's folder, then by fingerprint. */
  readonly files: Record<string, Record<string, BaselineEntry>>;
}

export interface BaselineOutcome {
  readonly results: FileResult[];
  /** Findings the baseline hid. */
  readonly matched: number;
  /** Baselined findings of the linted files that no longer occur. */
  readonly gone: number;
}

/**
 * The findings of a run as a baseline: every finding a suppression could waive, by fingerprint.
 * Findings of unsuppressible rules, syntax errors and crashes are never baselined.
 */
export function createBaseline(results: readonly FileResult[], linter: Linter, baselineFile: string): { baseline: Baseline; skipped: number } {
  const files: Record<string, Record<string, BaselineEntry>> = {};
  let skipped = 0;
  for (const result of [...results].sort((a, b) => a.filePath.localeCompare(b.filePath))) {
    const locked = linter.unsuppressibleRules(result.filePath);
    const entries: Record<string, BaselineEntry> = {};
    for (const message of result.messages) {
      if (!baselinable(message, linter, locked)) {
        skipped++;
        continue;
      }
      entries[message.fingerprint!] = { ruleId: message.ruleId, path: message.path, message: message.message };
    }
    if (Object.keys(entries).length > 0) files[fileKey(linter.cwd, result.filePath, baselineFile)] = entries;
  }
  return {
    baseline: {
      format: BASELINE_FORMAT,
      description: 'otalint baseline: findings accepted when otalint was adopted. Only new findings fail. Regenerate with --baseline-create.',
      files,
    },
    skipped,
  };
}

/** Hide the findings the baseline holds; what is left counts as usual. */
export function applyBaseline(results: readonly FileResult[], baseline: Baseline, linter: Linter, baselineFile: string): BaselineOutcome {
  let matched = 0;
  let gone = 0;
  const out = results.map((result) => {
    const accepted = baseline.files[fileKey(linter.cwd, result.filePath, baselineFile)];
    if (!accepted) return result;
    const locked = linter.unsuppressibleRules(result.filePath);
    const seen = new Set<string>();
    const kept: Diagnostic[] = [];
    const baselined: SuppressedDiagnostic[] = [];
    for (const message of result.messages) {
      if (!baselinable(message, linter, locked) || !Object.hasOwn(accepted, message.fingerprint!)) {
        kept.push(message);
        continue;
      }
      seen.add(message.fingerprint!);
      // Kept on record, as SARIF and the JSON report show other waived findings.
      baselined.push({
        ...message,
        suppressions: [{ kind: 'external', justification: `in the baseline ${path.relative(linter.cwd, baselineFile) || baselineFile}` }],
      });
    }
    matched += baselined.length;
    gone += Object.keys(accepted).filter((fingerprint) => !seen.has(fingerprint)).length;
    if (baselined.length === 0) return result;
    return fileResult({
      filePath: result.filePath,
      messages: kept,
      fatal: result.fatal,
      source: result.source,
      suppressedMessages: [...(result.suppressedMessages ?? []), ...baselined],
      kind: result.kind,
      requests: result.requests,
      output: result.output,
    });
  });
  return { results: out, matched, gone };
}

export async function writeBaseline(file: string, baseline: Baseline, shown = file): Promise<void> {
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${JSON.stringify(baseline, null, 2)}\n`);
  } catch (error) {
    throw new UsageError(`Cannot write the baseline ${shown}: ${(error as Error).message}`);
  }
}

/** Read a baseline; `shown` is the name messages use (the one the user typed). */
export async function readBaseline(file: string, shown = file): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new UsageError(
      missing
        ? `The baseline ${shown} does not exist; create it with --baseline-create ${shown}.`
        : `Cannot read the baseline ${shown}: ${(error as Error).message}`,
    );
  }
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`The baseline ${shown} is not valid JSON (${(error as Error).message}); recreate it with --baseline-create.`);
  }
  if (!isBaseline(content)) {
    throw new UsageError(`The baseline ${shown} is not an otalint baseline of format ${BASELINE_FORMAT}; recreate it with --baseline-create.`);
  }
  return content;
}

function isBaseline(value: unknown): value is Baseline {
  if (value === null || typeof value !== 'object') return false;
  const { format, files } = value as Partial<Baseline>;
  return (
    format === BASELINE_FORMAT &&
    files !== null &&
    typeof files === 'object' &&
    Object.values(files).every((entries) => entries !== null && typeof entries === 'object')
  );
}

function baselinable(message: Diagnostic, linter: Linter, locked: ReadonlySet<string>): boolean {
  return message.fingerprint !== undefined && isSuppressibleId(message.ruleId, linter.config.rules) && !locked.has(message.ruleId);
}

function fileKey(cwd: string, filePath: string, baselineFile: string): string {
  return path.relative(path.dirname(baselineFile), path.resolve(cwd, filePath)).split(path.sep).join('/');
}

/** `--baseline-create FILE` / `--baseline FILE`: the step `lint` runs after linting and fixing. */
export async function baselineStep(
  results: FileResult[],
  linter: Linter,
  options: { readonly create?: string | undefined; readonly use?: string | undefined },
  stderr: (text: string) => void,
): Promise<FileResult[]> {
  if (options.create !== undefined && options.use !== undefined) {
    throw new UsageError('Use --baseline-create FILE to write a baseline, or --baseline FILE to apply one, not both.');
  }
  const file = options.create ?? options.use;
  if (file === undefined) return results;
  const absolute = path.resolve(linter.cwd, file);
  let baseline: Baseline;
  if (options.create !== undefined) {
    const created = createBaseline(results, linter, absolute);
    baseline = created.baseline;
    await writeBaseline(absolute, baseline, file);
    const count = Object.values(baseline.files).reduce((sum, entries) => sum + Object.keys(entries).length, 0);
    stderr(`otalint: wrote ${file} with ${plural(count, 'finding')} in ${plural(Object.keys(baseline.files).length, 'file')}.`);
    stderr(created.skipped > 0 ? ` ${created.skipped} could not be baselined (unsuppressible rules, syntax errors, crashes) and still count.\n` : '\n');
  } else {
    baseline = await readBaseline(absolute, file);
  }
  const outcome = applyBaseline(results, baseline, linter, absolute);
  if (options.use !== undefined) {
    if (outcome.matched > 0) stderr(`otalint: ${plural(outcome.matched, 'finding')} in the baseline ${file} not shown.\n`);
    if (outcome.gone > 0)
      stderr(
        `otalint: ${outcome.gone} baselined finding${outcome.gone === 1 ? ' is' : 's are'} fixed; run --baseline-create ${file} to tighten the baseline.\n`,
      );
  }
  return outcome.results;
}
