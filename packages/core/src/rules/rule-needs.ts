import { mayHoldValueAt } from '../util/select.js';

/**
 * For one request, whether each rule's `meta.needs` may be met: each pattern is looked up once per
 * request however many rules name it (the customCodeSigning rules share theirs).
 */
export class RequestNeeds {
  readonly #root: unknown;
  /** Made at the first rule that declares needs. */
  #held: Map<string, boolean> | undefined;

  constructor(root: unknown) {
    this.#root = root;
  }

  /** True when the rule declares no needs, or the request may hold a value at one of them. */
  met(needs: readonly string[] | undefined): boolean {
    if (needs === undefined) return true;
    for (let i = 0; i < needs.length; i++) {
      const pattern = needs[i]!;
      const known = (this.#held ??= new Map());
      let held = known.get(pattern);
      if (held === undefined) known.set(pattern, (held = mayHoldValueAt(this.#root, pattern)));
      if (held) return true;
    }
    return false;
  }
}
