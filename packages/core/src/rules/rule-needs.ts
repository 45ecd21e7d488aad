import { mayHoldValueAt } from '../util/select.js';

/**
 * For one request, whether each rule's `meta.needs` may be met: each pattern is looked up once per
 * request however many rules name it (the customCodeSigning rules share theirs).
 */
export class RequestNeeds {
  readonly #root: unknown;
  /** The patterns looked up so far, and whether the request may hold each (a request asks a handful). */
  readonly #patterns: string[] = [];
  readonly #held: boolean[] = [];

  constructor(root: unknown) {
    this.#root = root;
  }

  /** True when the rule declares no needs, or the request may hold a value at one of them. */
  met(needs: readonly string[] | undefined): boolean {
    if (needs === undefined) return true;
    for (let i = 0; i < needs.length; i++) if (this.#holds(needs[i]!)) return true;
    return false;
  }

  #holds(pattern: string): boolean {
    const known = this.#patterns.indexOf(pattern);
    if (known !== -1) return this.#held[known]!;
    const held = mayHoldValueAt(this.#root, pattern);
    this.#patterns.push(pattern);
    this.#held.push(held);
    return held;
  }
}
