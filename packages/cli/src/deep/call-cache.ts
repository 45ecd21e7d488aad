/**
 * The calls of one --deep run: each distinct question is asked once (its promise is shared by
 * every request that asks it), and at most `limit` calls are in flight at a time.
 */
export class CallCache {
  readonly #answers = new Map<string, Promise<unknown>>();
  readonly #waiting: Array<() => void> = [];
  #running = 0;
  /** Calls made, by operation (`s3:GetBucketVersioning`), for --debug and tests. */
  readonly counts = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** The answer to `key`, calling `call` the first time only. */
  once<T>(operation: string, key: string, call: () => Promise<T>): Promise<T> {
    const cacheKey = `${operation}\u0000${key}`;
    let answer = this.#answers.get(cacheKey) as Promise<T> | undefined;
    if (!answer) {
      answer = this.#limited(operation, call);
      this.#answers.set(cacheKey, answer);
    }
    return answer;
  }

  /** The answer to `key` from several calls (each limited itself), worked out once. */
  memo<T>(key: string, work: () => Promise<T>): Promise<T> {
    const cacheKey = `memo\u0000${key}`;
    let answer = this.#answers.get(cacheKey) as Promise<T> | undefined;
    if (!answer) {
      answer = work();
      this.#answers.set(cacheKey, answer);
    }
    return answer;
  }

  async #limited<T>(operation: string, call: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running++;
    this.counts.set(operation, (this.counts.get(operation) ?? 0) + 1);
    try {
      return await call();
    } finally {
      this.#running--;
      this.#waiting.shift()?.();
    }
  }
}
