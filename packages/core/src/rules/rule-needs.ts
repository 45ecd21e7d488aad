import { heldPatterns, patternTree, type PatternTree } from '../util/select.js';

/**
 * The `meta.needs` of one set of rules (files that share their rules share it), each distinct path
 * pattern numbered once: a rule's needs become numbers, so a request is walked once for all the
 * patterns however many rules name them (the customCodeSigning rules share theirs), without
 * comparing strings.
 */
export class NeedsIndex {
  readonly #patterns: string[] = [];
  /** The patterns as one tree (see `patternTree`), made when a request first needs it. */
  #tree: PatternTree | undefined;

  /** A rule's needs as numbers of this index's patterns; undefined when it declares none. */
  numbers(needs: readonly string[] | undefined): readonly number[] | undefined {
    if (needs === undefined) return undefined;
    return needs.map((pattern) => {
      const known = this.#patterns.indexOf(pattern);
      if (known !== -1) return known;
      this.#tree = undefined;
      return this.#patterns.push(pattern) - 1;
    });
  }

  /**
   * For one request: whether it may hold each pattern, found by one walk when a rule first asks.
   * `known`: the request holds no unknown value or open container (`RequestDocument.hasUnknowns` is false).
   */
  forRequest(root: unknown, known = false): RequestNeeds {
    return new RequestNeeds(root, (this.#tree ??= patternTree(this.#patterns)), known);
  }
}

/** What a request may hold, by pattern number (see `NeedsIndex`). */
export class RequestNeeds {
  readonly #root: unknown;
  readonly #tree: PatternTree;
  readonly #known: boolean;
  /** By pattern number; undefined until a rule asks. */
  #held: readonly boolean[] | undefined;

  constructor(root: unknown, tree: PatternTree, known: boolean) {
    this.#root = root;
    this.#tree = tree;
    this.#known = known;
  }

  /** True when the rule declares no needs, or the request may hold a value at one of them. */
  met(needs: readonly number[] | undefined): boolean {
    if (needs === undefined) return true;
    const held = (this.#held ??= heldPatterns(this.#root, this.#tree, this.#known));
    for (let i = 0; i < needs.length; i++) if (held[needs[i]!]) return true;
    return false;
  }
}
