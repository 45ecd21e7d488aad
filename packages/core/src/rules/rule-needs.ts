import { mayHoldValueAt } from '../util/select.js';

/**
 * The `meta.needs` of one set of rules (files that share their rules share it), each distinct path
 * pattern numbered once: a rule's needs become numbers, so a request looks each pattern up once
 * however many rules name it (the customCodeSigning rules share theirs), without comparing strings.
 */
export class NeedsIndex {
  readonly #patterns: string[] = [];

  /** A rule's needs as numbers of this index's patterns; undefined when it declares none. */
  numbers(needs: readonly string[] | undefined): readonly number[] | undefined {
    if (needs === undefined) return undefined;
    return needs.map((pattern) => {
      const known = this.#patterns.indexOf(pattern);
      return known === -1 ? this.#patterns.push(pattern) - 1 : known;
    });
  }

  /**
   * For one request: whether it may hold each pattern, looked up when a rule first asks. `known`:
   * the request holds no unknown value or open container (`RequestDocument.hasUnknowns` is false).
   */
  forRequest(root: unknown, known = false): RequestNeeds {
    return new RequestNeeds(root, this.#patterns, known);
  }
}

/** What a request may hold, by pattern number (see `NeedsIndex`). */
export class RequestNeeds {
  readonly #root: unknown;
  readonly #patterns: readonly string[];
  readonly #known: boolean;
  /** By pattern number: undefined until a rule asks. */
  readonly #held: Array<boolean | undefined>;

  constructor(root: unknown, patterns: readonly string[], known: boolean) {
    this.#root = root;
    this.#patterns = patterns;
    this.#known = known;
    this.#held = new Array<boolean | undefined>(patterns.length);
  }

  /** True when the rule declares no needs, or the request may hold a value at one of them. */
  met(needs: readonly number[] | undefined): boolean {
    if (needs === undefined) return true;
    for (let i = 0; i < needs.length; i++) {
      const pattern = needs[i]!;
      const held = this.#held[pattern] ?? (this.#held[pattern] = mayHoldValueAt(this.#root, this.#patterns[pattern]!, this.#known));
      if (held) return true;
    }
    return false;
  }
}
