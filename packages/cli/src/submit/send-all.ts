import { randomUUID } from 'node:crypto';
import { isCredentialsRejected, isNoAnswer } from '../aws/errors.js';
import { ClientSetupError } from '../aws/client-options.js';
import { UsageError } from '../exit-codes.js';
import { faultHook, lockLineUp } from '../fault-hooks.js';
import type { CommandIO } from '../commands/types.js';
import { submitRequest, type ReadyRequest } from './executor.js';
import type { IotClient } from './iot-client.js';
import { Journal, JournalWriteError } from './journal.js';
import { RateLimiter, rateLimited } from './rate-limit.js';
import type { Scrubber } from './secrecy.js';
import type { SubmissionResult } from './types.js';

/** Consecutive requests the endpoint did not answer at all (after the SDK's retries) before the run stops. */
export const NO_ANSWER_LIMIT = 3;

export interface SendOptions {
  readonly io: CommandIO;
  readonly journalFile: string;
  readonly scrubber: Scrubber;
  readonly wait: { timeoutMs: number; intervalMs: number } | undefined;
  readonly bail: boolean;
  /** Requests in flight at once (`--concurrency`). */
  readonly concurrency: number;
  /** AWS calls started per second at most (`--rate`). */
  readonly ratePerSecond: number;
}

export interface SendOutcome {
  readonly results: SubmissionResult[];
  /** Why the run must end with exit 2 after its report: rejected credentials, a dead endpoint, a journal that failed. */
  readonly fatal?: string;
  /** Ctrl-C stopped the run (exit 130). */
  readonly interrupted: boolean;
}

/**
 * Send every ready request at most once, `concurrency` at a time and at most `ratePerSecond` AWS
 * calls a second; requests with the same otaUpdateId go one after another, so the journal always
 * knows about the first before the second is judged. The run stops starting requests (the rest are
 * `not-attempted`) on --bail after a failure, on rejected credentials, after NO_ANSWER_LIMIT
 * requests in a row got no answer, on a journal write that failed, and on Ctrl-C: the requests in
 * flight then finish (a second Ctrl-C abandons them: their outcome is `unknown`, settled by the
 * next run), the journal and the report are written, and the lock is released.
 */
export async function sendAll(ready: readonly ReadyRequest[], client: IotClient, options: SendOptions): Promise<SendOutcome> {
  const credentials = await client.credentials().catch((error: unknown) => {
    throw error instanceof ClientSetupError ? new UsageError(error.message) : error;
  });
  options.scrubber.add(credentials.secretAccessKey, credentials.sessionToken);
  await lockLineUp(options.io.env);
  const journal = Journal.open(options.journalFile, {
    run: randomUUID(),
    warn: (message) => options.io.stderr(`otalint: ${message}\n`),
    scrub: options.scrubber.scrub,
  });
  const abandon = new AbortController();
  let stop: { note: string; fatal?: string } | undefined;
  let interrupted = false;
  const stopOnInterrupt = options.io.onInterrupt?.(() => {
    if (interrupted) {
      abandon.abort();
      return;
    }
    interrupted = true;
    stop ??= { note: 'not sent: interrupted (Ctrl-C)' };
    options.io.stderr('otalint: interrupted: finishing the requests in flight (Ctrl-C again to abandon them), then writing the journal and the report.\n');
  });
  const deps = {
    client: rateLimited(client, new RateLimiter(options.ratePerSecond)),
    journal,
    fault: faultHook(options.io.env),
    wait: options.wait,
    signal: abandon.signal,
  };
  const results: SubmissionResult[] = [];
  let noAnswers = 0;

  const sendOne = async (item: ReadyRequest): Promise<void> => {
    if (stop !== undefined) {
      results.push(notAttempted(item, stop.note));
      return;
    }
    let result: SubmissionResult;
    try {
      result = await submitRequest(item, deps);
    } catch (error) {
      if (!(error instanceof JournalWriteError)) throw error;
      // Report what was done so far, then fail the run: the user must know what went out.
      stop = { note: 'not sent: the journal could not be written', fatal: error.message };
      results.push({ ...notAttempted(item, 'outcome unknown: the journal could not record it; a re-run with a working journal settles it'), status: 'failed' });
      return;
    }
    results.push(result);
    const failure = result.error;
    if (failure && isCredentialsRejected(failure)) {
      stop ??= {
        note: 'not sent: AWS rejected the credentials',
        fatal: `AWS rejected the credentials (${failure.code}: ${failure.message}); nothing more was sent. Renew them (a new session token, aws sso login) and run again: the journal keeps what was done.`,
      };
    } else if (failure && isNoAnswer(failure)) {
      if (++noAnswers >= NO_ANSWER_LIMIT) {
        stop ??= {
          note: 'not sent: the endpoint does not answer',
          fatal: `${client.endpoint} did not answer ${NO_ANSWER_LIMIT} requests in a row (last: ${failure.code}: ${failure.message}); stopped, nothing more was sent. Check the network, the endpoint (--endpoint-url, --region) and any proxy, then run again.`,
        };
      }
    } else {
      noAnswers = 0;
    }
    if (options.bail && (result.status === 'failed' || result.status === 'conflict' || result.status === 'unknown'))
      stop ??= { note: 'not sent: --bail after an earlier failure' };
  };

  try {
    await inChains(ready, options.concurrency, sendOne);
  } finally {
    stopOnInterrupt?.();
    journal.close();
  }
  return { results, ...(stop?.fatal === undefined ? {} : { fatal: stop.fatal }), interrupted };
}

/** Run `work` over the items, `concurrency` chains at a time; items with the same otaUpdateId share a chain, in order. */
async function inChains(items: readonly ReadyRequest[], concurrency: number, work: (item: ReadyRequest) => Promise<void>): Promise<void> {
  const chains = new Map<string, ReadyRequest[]>();
  for (const item of items) chains.set(item.otaUpdateId, [...(chains.get(item.otaUpdateId) ?? []), item]);
  const queue = [...chains.values()];
  const worker = async () => {
    for (let chain = queue.shift(); chain !== undefined; chain = queue.shift()) for (const item of chain) await work(item);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
}

export function notAttempted(item: ReadyRequest, note: string): SubmissionResult {
  return {
    filePath: item.filePath,
    ...(item.requestIndex === undefined ? {} : { requestIndex: item.requestIndex, line: item.line }),
    otaUpdateId: item.otaUpdateId,
    requestHash: item.requestHash,
    status: 'not-attempted',
    diagnostics: item.diagnostics,
    note,
  };
}
