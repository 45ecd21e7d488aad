import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { describeThrown, type FileResult } from '@otalint/core/engine';
import { fixUntilStable } from '../fix.js';
import { Workspace, type LintOutcome } from './workspace.js';

/** What the server asks of its lint thread. */
export type ToWorker =
  | { readonly type: 'roots'; readonly roots: readonly string[] }
  | { readonly type: 'reload' }
  | { readonly type: 'lint'; readonly id: number; readonly file: string; readonly text: string }
  | { readonly type: 'fix'; readonly id: number; readonly file: string; readonly text: string };

/** A lint's result as it crosses threads: the findings and counts (not the requests read, nor the text). */
export type LintedResult = Pick<FileResult, 'filePath' | 'kind' | 'messages' | 'errorCount' | 'warningCount' | 'infoCount' | 'fatal'>;

/** What linting an open document came to, without the linter (which stays in its thread). */
export type WorkerOutcome =
  { readonly kind: 'linted'; readonly result: LintedResult; readonly root: string; readonly filePath: string } | Exclude<LintOutcome, { kind: 'linted' }>;

/** The answer to a `lint` (an outcome) or a `fix` (the fixed text, undefined when nothing changes); or why there is none. */
export type FromWorker = { readonly id: number; readonly value: WorkerOutcome | string | undefined } | { readonly id: number; readonly error: string };

/** What a lint thread is started with: `role` tells `otalint lsp` in that thread to be one. */
export interface WorkerSetup {
  readonly role: typeof LINT_THREAD_ROLE;
  readonly debug: boolean;
}

export const LINT_THREAD_ROLE = 'otalint-lint-thread';

/** Whether this thread is a language server's lint thread (started by lsp/lint-thread.ts). */
export function isLintThread(): boolean {
  return !isMainThread && (workerData as Partial<WorkerSetup> | undefined)?.role === LINT_THREAD_ROLE;
}

/**
 * The lint thread's side: rules (plugins' among them) run here, never on the thread that answers
 * the editor. One job at a time, in the order the server sends them.
 */
export function runLintWorker(): void {
  const port = parentPort;
  if (!port) throw new Error('runLintWorker runs in a worker thread');
  const workspace = new Workspace((workerData as WorkerSetup).debug);
  // The last lint, for the "fix all" the editor asks for next (its code actions follow a lint).
  let last: { file: string; text: string; outcome: LintOutcome } | undefined;

  const lint = async (file: string, text: string): Promise<LintOutcome> => {
    if (last?.file === file && last.text === text) return last.outcome;
    const outcome = await workspace.lint(file, text);
    last = { file, text, outcome };
    return outcome;
  };

  port.on('message', async (message: ToWorker) => {
    if (message.type === 'roots') return workspace.setRoots(message.roots);
    if (message.type === 'reload') {
      last = undefined;
      return workspace.reload();
    }
    let answer: FromWorker;
    try {
      const outcome = await lint(message.file, message.text);
      answer = { id: message.id, value: message.type === 'lint' ? crossing(outcome) : fixedText(outcome, message.text) };
    } catch (error) {
      answer = { id: message.id, error: (workerData as WorkerSetup).debug && error instanceof Error && error.stack ? error.stack : describeThrown(error) };
    }
    port.postMessage(answer);
  });
}

function crossing(outcome: LintOutcome): WorkerOutcome {
  if (outcome.kind !== 'linted') return outcome;
  const { filePath, kind, messages, errorCount, warningCount, infoCount, fatal } = outcome.result;
  const result = { filePath, ...(kind === undefined ? {} : { kind }), messages, errorCount, warningCount, infoCount, fatal };
  return { kind: 'linted', result, root: outcome.root, filePath: outcome.filePath };
}

/** Every certain fix applied in passes, as `--fix` does; undefined when nothing changes. */
function fixedText(outcome: LintOutcome, text: string): string | undefined {
  if (outcome.kind !== 'linted' || !outcome.result.messages.some((message) => message.fix)) return undefined;
  const fixed = fixUntilStable(outcome.linter, { ...outcome.result, source: text }).text;
  return fixed === text ? undefined : fixed;
}
