import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  FILE_START,
  fingerprintMessages,
  RESERVED_RULE_IDS,
  runtimeV8Flags,
  setV8Flags,
  SHELL_PARSER_V8_FLAGS,
  summarize,
  suppressionScopeFor,
  type FileResult,
  type RuleTime,
} from '@otalint/core/engine';
import { lintDiscoveredFile, type FileStep, type LintedFile } from '../lint-file.js';
import type { LinterSetup } from '../lint-run.js';
import { THREAD_YOUNG_GENERATION_MB } from '../young-generation.js';
import { decodeLinted, LINT_RUN_THREAD_ROLE, type FromThread, type ThreadSetup } from './protocol.js';

export interface ThreadedRun {
  /** Per discovered file, in their order: undefined where a folder brought in a file that holds no request. */
  readonly linted: Array<LintedFile | undefined>;
  /** Threads that linted (this one included). */
  readonly threads: number;
  /** What the run says on standard error: a thread that could not start or load the config. */
  readonly notes: readonly string[];
  /** `OTALINT_TIMING`: the other threads' rule times (this thread's are in its timer). */
  readonly ruleTimes: readonly RuleTime[];
  /** Why a thread stopped while it held files (their results are fatal `internal-error`s); undefined when none did. */
  readonly failure?: string;
}

export interface ThreadOptions {
  readonly cwd: string;
  readonly configFile?: string | undefined;
  readonly rules?: LinterSetup['rules'] | undefined;
  readonly debug?: boolean | undefined;
  readonly firmware?: string | undefined;
  readonly env?: NodeJS.ProcessEnv | undefined;
  readonly cacheLocation?: string | undefined;
  readonly toolVersion: string;
  /** `OTALINT_TIMING`: the other threads time their rules too. */
  readonly timing: boolean;
}

/**
 * Lint the files on `threads` threads: this one and `threads - 1` workers, each with its own
 * linter, taking the next file from one shared counter (so a slow file holds up no one), reading
 * it itself and sending back what the run keeps of it. Results are merged by index, so the run
 * sees them in discovery order whichever thread linted them; the suppressions each file used are
 * recorded in this thread's linter, and cache entries in its cache, as if it had linted them.
 *
 * A worker that cannot start or load the config leaves its share to the others (a note says
 * so). One that stops while it holds files (a plugin calls `process.exit`, an error escapes a
 * rule) costs those files only: each gets a fatal `internal-error` naming the cause, and the run
 * reports `failure`.
 */
export async function lintOnThreads(
  step: FileStep,
  files: readonly string[],
  named: ReadonlySet<string>,
  threads: number,
  options: ThreadOptions,
): Promise<ThreadedRun> {
  const next = new SharedArrayBuffer(4);
  const counter = new Int32Array(next);
  const linted = new Array<LintedFile | undefined>(files.length);
  const done = new Uint8Array(files.length);
  const notes: string[] = [];
  const failures: string[] = [];
  const ruleTimes: RuleTime[] = [];
  // Set now, not when the first shell file is read: V8 refuses a code cache made under other
  // flags, and a thread compiling the bundle while this one set them would compile it all anew.
  setV8Flags(SHELL_PARSER_V8_FLAGS);
  const setup: ThreadSetup = {
    role: LINT_RUN_THREAD_ROLE,
    cwd: options.cwd,
    configFile: options.configFile,
    rules: Object.entries(options.rules ?? {}),
    debug: options.debug === true,
    firmware: options.firmware,
    env: pick(options.env ?? {}, ['OTALINT_RULE_TIMEOUT_MS', 'OTALINT_TEST_FAULT']),
    cacheLocation: options.cacheLocation,
    toolVersion: options.toolVersion,
    fix: step.fix,
    retain: step.retain,
    timing: options.timing,
    files,
    named: Uint8Array.from(files, (file) => (named.has(file) ? 1 : 0)),
    next,
    v8Flags: runtimeV8Flags(),
  };
  const take = (linted_: LintedFile, index: number) => {
    const file = files[index]!;
    const item = decodeLinted(linted_);
    if (item.used) {
      const absolute = step.linter.absolutePath(file);
      step.linter.suppressionUsage.restore(absolute, suppressionScopeFor(step.linter.config, absolute).suppressions, item.used);
    }
    if (item.cache) step.cache?.apply(step.linter, file, item.cache);
    return item;
  };
  if (step.cache) await step.cache.ready(step.linter);

  const workers = Array.from({ length: threads - 1 }, () => startThread(setup, options.debug === true));
  const finished = workers.map(
    ({ worker, error }) =>
      new Promise<void>((resolve) => {
        if (!worker) {
          notes.push(`otalint: a lint thread could not start (${error}); its share is linted on the other threads.\n`);
          return resolve();
        }
        let state: 'starting' | 'linting' | 'done' = 'starting';
        let escaped: string | undefined;
        worker.on('message', (message: FromThread) => {
          if (message.type === 'ready') state = 'linting';
          else if (message.type === 'setup-failed') {
            state = 'done';
            notes.push(
              `otalint: a lint thread could not load the config or its plugins (${message.message}); its share is linted on the other threads. --concurrency off lints on this thread only.\n`,
            );
          } else if (message.type === 'linted') {
            for (const [index, item] of message.items) {
              done[index] = 1;
              if (item) linted[index] = take(item, index);
            }
          } else {
            state = 'done';
            ruleTimes.push(...(message.ruleTimes ?? []));
          }
        });
        worker.on('error', (error) => (escaped = error instanceof Error ? error.message : String(error)));
        worker.on('exit', (code) => {
          if (state !== 'done') {
            const why = escaped ? `an error escaped a rule or plugin: ${escaped}` : `a rule or plugin ended it (exit code ${code})`;
            if (state === 'starting') notes.push(`otalint: a lint thread stopped as it started (${why}); its share is linted on the other threads.\n`);
            else failures.push(why);
          }
          resolve();
        });
      }),
  );
  const lintHere = async () => {
    let sinceLastLook = 0;
    for (let index = Atomics.add(counter, 0, 1); index < files.length; index = Atomics.add(counter, 0, 1)) {
      done[index] = 1;
      const linting = lintDiscoveredFile(step, files[index]!, named.has(files[index]!));
      linted[index] = linting instanceof Promise ? await linting : linting;
      // Take in what the other threads have sent: unread, their results wait whole in the
      // message queue, copied, until this thread has linted its share.
      if (++sinceLastLook === FILES_BETWEEN_MESSAGES) {
        sinceLastLook = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
  };
  try {
    // This thread lints too: it has its linter (and its compiled code) already. Tests can keep
    // it to what the workers leave (OTALINT_TEST_THREADS=workers-only), so that workers lint.
    if (options.env?.OTALINT_TEST_THREADS !== 'workers-only') await lintHere();
    await Promise.all(finished);
    await lintHere();
  } finally {
    await Promise.all(workers.map(({ worker }) => worker?.terminate()));
  }
  const failure = failures.length > 0 ? failures.join('; ') : undefined;
  if (failure !== undefined) {
    for (const [index, file] of files.entries()) if (done[index] === 0) linted[index] = { result: lostResult(file, failure) };
  }
  return { linted, threads: 1 + workers.filter(({ worker }) => worker).length, notes, ruleTimes, ...(failure === undefined ? {} : { failure }) };
}

/** How many files this thread lints between two looks at what the other threads sent. */
const FILES_BETWEEN_MESSAGES = 64;

/** A worker from the bundle (through bin/lint-thread.cjs, with its code cache), or from the modules tsc built. */
function startThread(setup: ThreadSetup, debug: boolean): { worker?: Worker; error?: string } {
  try {
    const entry = threadEntry();
    const resourceLimits = { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB };
    return { worker: new Worker(entry.file, { ...(entry.eval ? { eval: true } : {}), workerData: setup, resourceLimits }) };
  } catch (error) {
    return { error: debug && error instanceof Error && error.stack ? error.stack : error instanceof Error ? error.message : String(error) };
  }
}

function threadEntry(): { file: string; eval?: true } {
  if (typeof __filename === 'string') return { file: path.join(path.dirname(__filename), '../bin/lint-thread.cjs') };
  const url = JSON.stringify(new URL('./worker.js', import.meta.url).href);
  return { file: `import(${url}).then((thread) => thread.runLintRunThread());`, eval: true };
}

/** The result of a file a thread took and never answered for: fatal, so the run fails (exit 3), and it says why. */
function lostResult(file: string, why: string): FileResult {
  const messages = fingerprintMessages(
    [
      {
        ruleId: RESERVED_RULE_IDS.internal,
        severity: 'error',
        message: `Not linted: the lint thread that took this file stopped (${why}). Run otalint --concurrency off to lint it on one thread.`,
        ...FILE_START,
      },
    ],
    [],
  );
  return summarize(file, messages, true);
}

function pick(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) if (env[name] !== undefined) picked[name] = env[name]!;
  return picked;
}
