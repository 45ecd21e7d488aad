import type { IotClient } from './iot-client.js';
import { toAwsFailure } from './aws-failure.js';
import type { WaitOutcome } from './types.js';

export interface WaitOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

const FINAL = new Set(['CREATE_COMPLETE', 'CREATE_FAILED']);

/**
 * Poll GetOTAUpdate until the update is CREATE_COMPLETE or CREATE_FAILED. CreateOTAUpdate only
 * queues the work: a role without iam:PassRole, a missing stream or a bad signing profile fail
 * minutes later, visible only here, in errorInfo.
 */
export async function waitForUpdate(client: IotClient, otaUpdateId: string, options: WaitOptions): Promise<WaitOutcome> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  let status = 'UNKNOWN';
  for (;;) {
    try {
      const info = await client.get(otaUpdateId);
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
      return { otaUpdateStatus: status, errorInfo: { code: failure.code, message: `GetOTAUpdate failed: ${failure.message}` }, timedOut: false };
    }
    const left = deadline - now();
    if (left <= 0) return { otaUpdateStatus: status, timedOut: true };
    await sleep(Math.min(options.intervalMs, left));
  }
}
