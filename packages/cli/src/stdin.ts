import { formatOf, type FileResult, type Linter } from '@otalint/core';
import { loadIgnoreFile } from './discover.js';
import { UsageError } from './exit-codes.js';
import { createLinter, relativeTo, type LintRun, type LintRunOptions } from './lint-run.js';

/** The name a buffer read from standard input is reported under when no --stdin-filename is given. */
export const STDIN_NAME = '<stdin>';

export interface StdinLintOptions extends Omit<LintRunOptions, 'patterns'> {
  readonly stdin: NodeJS.ReadableStream;
  /** --stdin-filename: picks the format (.json/.yaml/.yml) and the config that applies. */
  readonly filename?: string | undefined;
}

/** Read the whole stream as UTF-8 text (an editor pipes its unsaved buffer). */
export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Lint standard input as if it were the file named by --stdin-filename (which need not exist).
 * Without a name the text is read as JSON, the format `--cli-input-json` takes. A name that the
 * config ignores yields no result, as ESLint does, so an editor shows nothing for it.
 */
export async function lintStdin(options: StdinLintOptions): Promise<LintRun> {
  const linter = await createLinter(options);
  const text = await readStream(options.stdin);
  if (options.filename === undefined) {
    return { linter, results: [linter.lintText(text, STDIN_NAME, 'json')], ignoredExplicit: [] };
  }
  if (options.filename.trim() === '') throw new UsageError('--stdin-filename needs a file name, such as request.json.');
  const filePath = relativeTo(options.cwd, options.filename);
  if (await isIgnored(linter, options.cwd, filePath)) return { linter, results: [], ignoredExplicit: [filePath] };
  const result: FileResult = linter.lintText(text, filePath, formatOf(filePath, text));
  return { linter, results: [result], ignoredExplicit: [] };
}

/**
 * Config `ignores` and .otalintignore apply to the name, whether or not the file exists yet (an
 * editor's new, unsaved buffer), as they do for `otalint <file>`.
 */
async function isIgnored(linter: Linter, cwd: string, filePath: string): Promise<boolean> {
  if (linter.isIgnored(filePath)) return true;
  if (filePath.startsWith('..')) return false;
  const ignoreFile = await loadIgnoreFile(cwd);
  return ignoreFile?.(filePath) ?? false;
}
