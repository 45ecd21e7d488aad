import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { LINT_THREAD_ROLE, type FromWorker, type ToWorker, type WorkerOutcome, type WorkerSetup } from './lint-worker.js';

/** What a lint came to: the worker's outcome; or the thread was stopped or died; or a newer version took its turn. */
export type ThreadOutcome = WorkerOutcome | { readonly kind: 'stopped'; readonly message: string } | { readonly kind: 'superseded' };

export interface LintThreadOptions {
  readonly debug: boolean;
  /** A job the thread has not answered by then is taken as stuck: the thread is stopped and replaced. */
  readonly stuckAfterMs: number;
  /** Where the thread's console output and its failures go (the client's log). */
  readonly log: (text: string, isError: boolean) => void;
}

type Job = { readonly type: 'lint' | 'fix'; readonly uri: string; readonly file: string; readonly text: string };
type Answer = { readonly kind: 'done'; readonly value: FromWorker } | Exclude<ThreadOutcome, WorkerOutcome>;

interface Queued {
  readonly id: number;
  readonly job: Job;
  readonly settle: (answer: Answer) => void;
}

/**
 * The server's lint thread (node:worker_threads), so that a slow rule never holds up typing,
 * hover or completion: jobs run one at a time; a lint still waiting its turn gives its place to
 * a newer version of the same document. A thread that does not answer a job within
 * `stuckAfterMs` (a plugin that never returns where the rule budget cannot reach), or that dies
 * (a rule calls `process.exit`, an error escapes), is replaced by a new one, and the job's
 * document is told why. Started on the first job.
 */
export class LintThread {
  #worker: Worker | undefined;
  #roots: readonly string[] = [];
  #nextId = 1;
  readonly #queue: Queued[] = [];
  #running: { readonly queued: Queued; readonly timer: NodeJS.Timeout; readonly worker: Worker } | undefined;
  /** Why the current thread failed, from its 'error' event, for the 'exit' that follows. */
  #failure: string | undefined;

  constructor(private readonly options: LintThreadOptions) {}

  setRoots(roots: readonly string[]): void {
    this.#roots = roots;
    this.#worker?.postMessage({ type: 'roots', roots } satisfies ToWorker);
  }

  /** Forget every linter (a config or ignore file changed). */
  reload(): void {
    this.#worker?.postMessage({ type: 'reload' } satisfies ToWorker);
  }

  /** Lint a document's text; a lint of the same document still queued is superseded by this one. */
  async lint(uri: string, file: string, text: string): Promise<ThreadOutcome> {
    const older = this.#queue.findIndex((queued) => queued.job.type === 'lint' && queued.job.uri === uri);
    if (older >= 0) this.#queue.splice(older, 1)[0]!.settle({ kind: 'superseded' });
    const answer = await this.#run({ type: 'lint', uri, file, text });
    if (answer.kind !== 'done') return answer;
    if ('error' in answer.value) return { kind: 'stopped', message: `otalint could not lint this file: ${answer.value.error}` };
    return answer.value.value as WorkerOutcome;
  }

  /** The text with every certain fix applied, as `--fix` writes it; undefined when nothing changes or it cannot be had. */
  async fixed(uri: string, file: string, text: string): Promise<string | undefined> {
    const answer = await this.#run({ type: 'fix', uri, file, text });
    return answer.kind === 'done' && 'value' in answer.value ? (answer.value.value as string | undefined) : undefined;
  }

  /** Stop the thread; queued jobs are superseded. */
  async dispose(): Promise<void> {
    for (const queued of this.#queue.splice(0)) queued.settle({ kind: 'superseded' });
    const worker = this.#worker;
    this.#worker = undefined;
    if (this.#running) {
      clearTimeout(this.#running.timer);
      this.#running.queued.settle({ kind: 'superseded' });
      this.#running = undefined;
    }
    await worker?.terminate();
  }

  #run(job: Job): Promise<Answer> {
    return new Promise((settle) => {
      this.#queue.push({ id: this.#nextId++, job, settle });
      this.#next();
    });
  }

  #next(): void {
    if (this.#running) return;
    const queued = this.#queue.shift();
    if (!queued) return;
    let worker: Worker;
    try {
      worker = this.#worker ??= this.#start();
    } catch (error) {
      // No thread to lint in (Node refused to start one): the job says why, the next tries again.
      queued.settle({ kind: 'stopped', message: `otalint cannot start its lint thread: ${error instanceof Error ? error.message : String(error)}` });
      this.#next();
      return;
    }
    const timer = setTimeout(() => this.#stuck(), this.options.stuckAfterMs);
    this.#running = { queued, timer, worker };
    const { type, file, text } = queued.job;
    worker.postMessage({ type, id: queued.id, file, text } satisfies ToWorker);
  }

  #finish(answer: Answer): void {
    const running = this.#running;
    if (!running) return;
    clearTimeout(running.timer);
    this.#running = undefined;
    running.queued.settle(answer);
    this.#next();
  }

  #start(): Worker {
    const entry = workerEntry();
    const worker = new Worker(entry.file, {
      ...(entry.argv ? { argv: entry.argv } : { eval: true }),
      workerData: { role: LINT_THREAD_ROLE, debug: this.options.debug } satisfies WorkerSetup,
      // Standard output is the protocol's: what rules print goes to the client's log instead.
      stdout: true,
      stderr: true,
    });
    worker.stdout.setEncoding('utf8').on('data', (text: string) => this.options.log(text.trimEnd(), false));
    worker.stderr.setEncoding('utf8').on('data', (text: string) => this.options.log(text.trimEnd(), true));
    worker.on('message', (answer: FromWorker) => {
      if (this.#running?.worker === worker && this.#running.queued.id === answer.id) this.#finish({ kind: 'done', value: answer });
    });
    worker.on('error', (error) => {
      if (this.#worker === worker) this.#failure = error instanceof Error ? error.message : String(error);
    });
    worker.on('exit', (code) => {
      if (this.#worker !== worker) return;
      const failure = this.#failure
        ? `an error escaped a rule or plugin (${this.#failure})`
        : `a rule or plugin ended otalint's lint thread (exit code ${code})`;
      this.#replace(
        `otalint's lint thread stopped while linting this file: ${failure}. The file is linted again when it changes.`,
        `otalint's lint thread stopped: ${failure}.`,
      );
    });
    worker.postMessage({ type: 'roots', roots: this.#roots } satisfies ToWorker);
    return worker;
  }

  #stuck(): void {
    const seconds = this.options.stuckAfterMs / 1000;
    this.#worker?.terminate().catch(() => undefined);
    this.#replace(
      `otalint's lint of this file did not finish within ${seconds} s and was stopped: a rule or plugin never returned, out of reach of the rule time budget (OTALINT_RULE_TIMEOUT_MS). The file is linted again when it changes.`,
    );
  }

  /** The thread is gone: the job it ran gets the reason (else the log does); the next job starts a new thread. */
  #replace(message: string, idle = message): void {
    this.#worker = undefined;
    this.#failure = undefined;
    if (this.#running) this.#finish({ kind: 'stopped', message });
    else this.options.log(idle, true);
  }
}

/**
 * How a lint thread starts: from the bundle (dist/otalint.cjs, where every module has the
 * bundle's `__filename`), as `otalint lsp --stdio` through the bin beside it, which loads the
 * bundle with its code cache; from the ES modules tsc builds (which have no `__filename`), with
 * the worker module beside this one.
 */
function workerEntry(): { file: string; argv?: string[] } {
  if (typeof __filename === 'string') return { file: path.join(path.dirname(__filename), '../bin/otalint.cjs'), argv: ['lsp', '--stdio'] };
  return { file: `import(${JSON.stringify(new URL('./lint-worker.js', import.meta.url).href)}).then((worker) => worker.runLintWorker());` };
}
