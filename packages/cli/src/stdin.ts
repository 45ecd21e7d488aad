import path from 'node:path';
import type { FileResult, Linter } from '@otalint/core/engine';
import { loadIgnoreFile } from './discover.js';
import { UsageError } from './exit-codes.js';
import { relativeTo } from './paths.js';

/** The name a buffer read from standard input is reported under when no --stdin-filename is given. */
export const STDIN_NAME = '<stdin>';

/** Read the whole stream as UTF-8 text (an editor pipes its unsaved buffer). */
export async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Lint standard input as if it were the file named by --stdin-filename (which need not exist):
 * the name picks the source kind and the config that applies. Without a name the text is read
 * as JSON, the format `--cli-input-json` takes. A name that ignores exclude yields no result, as
 * ESLint does, so an editor shows nothing for it.
 */
export async function lintStdin(
  linter: Linter,
  cwd: string,
  stream: NodeJS.ReadableStream,
  filename: string | undefined,
): Promise<{ results: FileResult[]; ignoredExplicit: string[] }> {
  const text = await readStream(stream);
  if (filename === undefined) return { results: [linter.lintText(text, STDIN_NAME, 'json')], ignoredExplicit: [] };
  if (filename.trim() === '') throw new UsageError('--stdin-filename needs a file name, such as request.json.');
  const filePath = relativeTo(cwd, filename);
  const result = await lintBuffer(linter, cwd, filePath, text);
  return result ? { results: [result], ignoredExplicit: [] } : { results: [], ignoredExplicit: [filePath] };
}

/**
 * Lint an editor's buffer as the file `filePath` (relative to `cwd`; it need not exist), with the
 * rules of each request; undefined when ignores exclude the name. What `--stdin` and the language
 * server share; the run's rules (`linter.lintRun`) are the caller's next step.
 */
export async function lintBuffer(linter: Linter, cwd: string, filePath: string, text: string): Promise<FileResult | undefined> {
  if (await isIgnored(linter, cwd, filePath)) return undefined;
  await linter.prepare(filePath, text);
  return linter.lintText(text, filePath);
}

/**
 * Config `ignores` and .otalintignore apply to the name, whether or not the file exists yet (an
 * editor's new, unsaved buffer), as they do for `otalint <file>`.
 */
async function isIgnored(linter: Linter, cwd: string, filePath: string): Promise<boolean> {
  if (linter.isIgnored(filePath)) return true;
  const ignoreFile = await loadIgnoreFile(cwd);
  return ignoreFile?.(path.resolve(cwd, filePath)) ?? false;
}
