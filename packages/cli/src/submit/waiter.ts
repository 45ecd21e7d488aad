import { isCredentialsRejected } from '../aws/errors.js';
import type { IotClient } from './iot-client.js';
import { toAwsFailure } from './aws-failure.js';
import type { WaitOutcome } from './types.js';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly now?: () => number;
  /** Ctrl-C: stop polling and say where the update stood. */
  readonly signal?: AbortSignal;
}

const FINAL = new Set(['CREATE_COMPLETE', 'CREATE_FAILED']);

/**
 * Poll GetOTAUpdate until the update is CREATE_COMPLETE or CREATE_FAILED. CreateOTAUpdate only
 * queues the work: a role without iam:PassRole, a missing stream or a bad signing profile fail
 * minutes later, visible only here, in errorInfo. A poll that fails (after the SDK's own retries)
 * does not end the wait: polling goes on until --wait-timeout, and the last failure is reported
 * if no final status came. Rejected credentials end it at once: no later poll can succeed.
 */
export async function waitForUpdate(client: IotClient, otaUpdateId: string, options: WaitOptions): Promise<WaitOutcome> {
  const sleep = options.sleep ?? sleepFor;
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  let status = 'UNKNOWN';
  let lastFailure: { code: string; message: string } | undefined;
  for (;;) {
    if (options.signal?.aborted)
      return { otaUpdateStatus: status, errorInfo: { code: 'Interrupted', message: 'Ctrl-C stopped the wait; the update goes on at AWS.' }, timedOut: false };
    try {
      const info = await client.get(otaUpdateId, options.signal);
      lastFailure = undefined;
      if (!info)
        return {
          otaUpdateStatus: 'NOT_FOUND',
          errorInfo: { code: 'ResourceNotFoundException', message: `GetOTAUpdate found no update ${otaUpdateId}.` },
          timedOut: false,
        };
      status = info.otaUpdateStatus ?? 'UNKNOWN';
      if (FINAL.has(status)) {
        const errorInfo = info.errorInfo;
        return { otaUpdateStatus: status, ...(errorInfo && (errorInfo.code || errorInfo.message) ? { errorInfo } : {}), timedOut: false };
      }
    } catch (error) {
      const failure = toAwsFailure(error);
      lastFailure = { code: failure.code, message: `GetOTAUpdate failed: ${failure.message}` };
      if (isCredentialsRejected(failure)) return { otaUpdateStatus: status, errorInfo: lastFailure, timedOut: false };
    }
    const left = deadline - now();
    if (left <= 0) return { otaUpdateStatus: status, ...(lastFailure ? { errorInfo: lastFailure } : {}), timedOut: true };
    await sleep(Math.min(options.intervalMs, left), options.signal);
  }
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}
