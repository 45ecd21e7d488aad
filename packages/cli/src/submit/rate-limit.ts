import type { IotClient } from './iot-client.js';

/**
 * A client-side limit on how fast calls start: at most `perSecond` a second, evenly spaced, however
 * many requests are in flight. (Throttling answers are handled by the SDK's adaptive retry mode,
 * which also slows down after them; this keeps a large batch from provoking them.)
 */
export class RateLimiter {
  private next = 0;
  private readonly interval: number;

  constructor(perSecond: number) {
    this.interval = 1000 / perSecond;
  }

  /** Resolves when the caller may start its call. */
  async take(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + this.interval;
    if (at > now) await new Promise((resolve) => setTimeout(resolve, at - now));
  }
}

/** The client, with every CreateOTAUpdate and GetOTAUpdate call waiting for the limiter. */
export function rateLimited(client: IotClient, limiter: RateLimiter): IotClient {
  return {
    ...client,
    create: async (input, signal) => {
      await limiter.take();
      return client.create(input, signal);
    },
    get: async (id, signal) => {
      await limiter.take();
      return client.get(id, signal);
    },
  };
}
