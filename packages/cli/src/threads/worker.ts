import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { describeThrown, RuleTimer, type RuleSetting } from '@otalint/core/engine';
import { LintCache } from '../cache.js';
import { faultHook } from '../fault-hooks.js';
import { lintDiscoveredFile, type FileStep } from '../lint-file.js';
import { createLinter } from '../lint-run.js';
import { encodeLinted, ITEMS_PER_MESSAGE, LINT_RUN_THREAD_ROLE, type FromThread, type ThreadItem, type ThreadSetup } from './protocol.js';

/** Whether this thread is one a lint run started (threads/pool.ts). */
export function isLintRunThread(): boolean {
  return !isMainThread && (workerData as Partial<ThreadSetup> | undefined)?.role === LINT_RUN_THREAD_ROLE;
}

/**
 * A lint run's thread: its own linter (the config and plugins loaded here), then files taken
 * one at a time from the run's shared counter until none is left, each read, linted, fixed and
 * kept here as the run keeps it, and sent back a few at a time.
 */
export async function runLintRunThread(): Promise<void> {
  const port = parentPort;
  if (!isLintRunThread() || !port) throw new Error('runLintRunThread runs in a thread a lint run started');
  const setup = workerData as ThreadSetup;
  const send = (message: FromThread) => port.postMessage(message);
  let step: FileStep;
  const timer = setup.timing ? new RuleTimer() : undefined;
  try {
    const rules = Object.create(null) as Record<string, RuleSetting>;
    for (const [id, setting] of setup.rules) rules[id] = setting;
    const linter = await createLinter({
      cwd: setup.cwd,
      configFile: setup.configFile,
      rules,
      debug: setup.debug,
      firmware: setup.firmware,
      env: setup.env,
      timer,
    });
    step = {
      linter,
      cwd: setup.cwd,
      cache: setup.cacheLocation === undefined ? undefined : new LintCache(setup.cacheLocation, setup.toolVersion),
      fix: setup.fix,
      retain: setup.retain,
      fault: faultHook(setup.env),
      reportsUsage: true,
    };
  } catch (error) {
    send({ type: 'setup-failed', message: setup.debug && error instanceof Error && error.stack ? error.stack : describeThrown(error) });
    return;
  }
  send({ type: 'ready' });
  const next = new Int32Array(setup.next);
  let items: ThreadItem[] = [];
  for (let index = Atomics.add(next, 0, 1); index < setup.files.length; index = Atomics.add(next, 0, 1)) {
    const linting = lintDiscoveredFile(step, setup.files[index]!, setup.named[index] === 1);
    const linted = linting instanceof Promise ? await linting : linting;
    items.push([index, linted ? encodeLinted(linted) : null]);
    if (items.length === ITEMS_PER_MESSAGE) {
      send({ type: 'linted', items });
      items = [];
    }
  }
  if (items.length > 0) send({ type: 'linted', items });
  send({ type: 'done', ...(timer ? { ruleTimes: timer.times() } : {}) });
}
