/**
 * Values whose content a source cannot know before run time: a variable, a call, an environment
 * lookup, a template with expressions, a spread. Source kinds put an `UnknownValue` where the
 * request holds one, and mark objects and lists that a spread (or a computed key) may add to as
 * *open*. Rules never read an unknown value as a wrong one: the engine drops any report on an
 * unknown value, on a member an open object may hold, or on an open list as a whole.
 */

const UNKNOWN_BRAND = Symbol.for('otalint.unknown-value');
const OPEN_MARK = Symbol.for('otalint.open-container');

/** Why a value is unknown; for messages and `otalint extract`. */
export type UnknownReason = 'variable' | 'call' | 'environment' | 'template' | 'spread' | 'substitution' | 'expression' | 'file';

export class UnknownValue {
  declare readonly [UNKNOWN_BRAND]: true;

  /**
   * For a string known in part (`thinggroup/$GROUP`): the literal text it starts with. A rule may
   * report a prefix that no completion can make valid (see `Report.onKnownPrefix`, `hasKnownPrefix`).
   */
  readonly prefix?: string;

  constructor(
    /** The source text that stands for the value (`$ROLE_ARN`, `process.env.ROLE`, `...defaults`). */
    readonly source: string,
    readonly reason: UnknownReason = 'expression',
    prefix?: string,
  ) {
    if (prefix) this.prefix = prefix;
    Object.defineProperty(this, UNKNOWN_BRAND, { value: true });
    Object.freeze(this);
  }

  /** `otalint extract` and reports show an unknown value as `{ "$unknown": "<source text>" }`. */
  toJSON(): { $unknown: string } {
    return { $unknown: this.source };
  }
}

export function unknownValue(source: string, reason?: UnknownReason, prefix?: string): UnknownValue {
  return new UnknownValue(source, reason, prefix);
}

/** An unknown string whose literal start is known: `thinggroup/` of `thinggroup/$GROUP`. */
export function hasKnownPrefix(value: unknown): value is UnknownValue & { readonly prefix: string } {
  return isUnknown(value) && typeof value.prefix === 'string' && value.prefix !== '';
}

/** True for a value a source could not know (works across copies of this package). */
export function isUnknown(value: unknown): value is UnknownValue {
  return value !== null && typeof value === 'object' && (value as Record<symbol, unknown>)[UNKNOWN_BRAND] === true;
}

/**
 * Mark an object (spread, computed key) or a list (spread element) as open: it may hold more than
 * it shows. The mark is a non-enumerable symbol, invisible to `Object.keys`, JSON and ajv.
 */
export function markOpen<T extends object>(container: T, sources: readonly string[] = []): T {
  const existing = openSources(container);
  Object.defineProperty(container, OPEN_MARK, { value: existing.concat(sources), enumerable: false, configurable: true });
  return container;
}

export function isOpen(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, OPEN_MARK);
}

/** The source text of what may add to an open container (`...defaults`). */
export function openSources(value: unknown): readonly string[] {
  if (!isOpen(value)) return [];
  return (value as Record<symbol, readonly string[]>)[OPEN_MARK] ?? [];
}

/**
 * Whether a value is known through and through: no unknown value and no open container anywhere
 * in it. Rules that judge a value as a whole (every target is a thing, no protocol is HTTP) need it.
 */
export function isFullyKnown(value: unknown): boolean {
  return !containsUnknown(value);
}

/** Whether a value holds anything unknown or open, anywhere. Iterative: depth never overflows. */
export function containsUnknown(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === null || typeof current !== 'object') continue;
    if (isUnknown(current) || isOpen(current)) return true;
    for (const child of Array.isArray(current) ? current : Object.values(current)) {
      if (child !== null && typeof child === 'object') stack.push(child);
    }
  }
  return false;
}
