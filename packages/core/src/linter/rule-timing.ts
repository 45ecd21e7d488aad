/** One rule's time in a run. */
export interface RuleTime {
  readonly ruleId: string;
  /** Milliseconds in the rule's checks, its reports resolved to ranges included. */
  readonly ms: number;
  /** Requests it checked (a run rule: each request of each call). */
  readonly requests: number;
}

/**
 * Time spent in each rule of a run, when asked for (`OTALINT_TIMING`, as ESLint's `TIMING`): a
 * rule's check on one request, or a run rule's check over the run's requests, from its call to its
 * return. Without a timer the engine times nothing: its only cost is one test per rule call.
 */
export class RuleTimer {
  readonly #rules = new Map<string, { ms: number; requests: number }>();

  /** Run `work` (one check of `ruleId` on `requests` requests) and add its time, even when it throws. */
  time<T>(ruleId: string, requests: number, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      const spent = performance.now() - started;
      const entry = this.#rules.get(ruleId);
      if (entry) {
        entry.ms += spent;
        entry.requests += requests;
      } else {
        this.#rules.set(ruleId, { ms: spent, requests });
      }
    }
  }

  /** Every rule timed so far, slowest first (ties by id). */
  times(): RuleTime[] {
    return [...this.#rules]
      .map(([ruleId, { ms, requests }]) => ({ ruleId, ms, requests }))
      .sort((a, b) => b.ms - a.ms || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
  }
}
