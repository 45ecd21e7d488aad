import path from 'node:path';
import { decodeText, fromText, type FileResult, type Linter, type SourceText } from '@otalint/core/engine';
import { loadIgnoreFile } from './discover.js';
import { UsageError } from './exit-codes.js';
import { relativeTo } from './paths.js';

/** The name a buffer read from standard input is reported under when no --stdin-filename is given. */
export const STDIN_NAME = '<stdin>';

/** Read the whole stream (an editor pipes its unsaved buffer) as text, UTF-8 checked. */
export async function readStream(stream: NodeJS.ReadableStream): Promise<SourceText> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return decodeText(Buffer.concat(chunks));
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
  const source = await readStream(stream);
  if (filename === undefined) return { results: [linter.lintSource(source, STDIN_NAME, 'json')], ignoredExplicit: [] };
  if (filename.trim() === '') throw new UsageError('--stdin-filename needs a file name, such as request.json.');
  const filePath = relativeTo(cwd, filename);
  const result = await lintBuffer(linter, cwd, filePath, source);
  return result ? { results: [result], ignoredExplicit: [] } : { results: [], ignoredExplicit: [filePath] };
}

/**
 * Lint an editor's buffer (its text, or bytes already decoded) as the file `filePath` (relative
 * to `cwd`; it need not exist), with the rules of each request; undefined when ignores exclude
 * the name. What `--stdin` and the language server share; the run's rules (`linter.lintRun`) are
 * the caller's next step.
 */
export async function lintBuffer(linter: Linter, cwd: string, filePath: string, buffer: string | SourceText): Promise<FileResult | undefined> {
  if (await isIgnored(linter, cwd, filePath)) return undefined;
  const source = typeof buffer === 'string' ? fromText(buffer) : buffer;
  await linter.prepare(filePath, source.text);
  return linter.lintSource(source, filePath);
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
