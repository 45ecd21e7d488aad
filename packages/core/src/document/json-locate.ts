import type { JsonPath } from '../diagnostic.js';
import type { Span } from './types.js';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;

/** Where a path is written in strict JSON text: the value's span, its member name's, and whether the whole path was found. */
export interface LocatedInText {
  readonly value: Span;
  /** The member name (with its quotes) when the value is an object member. */
  readonly key?: Span;
  readonly complete: boolean;
  /** Where the value of the member or item before it ends, when one comes before it (what a removal of the last one needs). */
  readonly previousEnd?: number;
}

/**
 * Finds a path in text that `JSON.parse` accepts and that repeats no key, without building a tree:
 * members and items before the one wanted are skipped over (strings by `indexOf`), so one lookup
 * reads the text up to the value once. Falls back to the deepest value found, as the tree does.
 * Given `parsed` (what `JSON.parse` made of the text), a member is first looked for by its name.
 */
export function locateInStrictJson(text: string, path: JsonPath, parsed?: unknown): LocatedInText {
  const named = parsed === undefined ? undefined : locateByName(text, path, parsed);
  if (named) return named;
  let start = skipSpace(text, 0);
  let found: Step | undefined;
  for (const segment of path) {
    const step =
      text.charCodeAt(start) === OPEN_BRACE
        ? member(text, start, String(segment))
        : text.charCodeAt(start) === OPEN_BRACKET && typeof segment === 'number'
          ? item(text, start, segment)
          : undefined;
    if (!step) {
      const value = { offset: start, length: valueEnd(text, start) - start };
      return { value, complete: false };
    }
    start = step.start;
    found = step;
  }
  const value = { offset: start, length: valueEnd(text, start) - start };
  if (!found) return { value, complete: true };
  const located: { -readonly [K in keyof LocatedInText]: LocatedInText[K] } = { value, complete: true };
  if (found.key) located.key = found.key;
  if (found.previousEnd !== undefined) located.previousEnd = found.previousEnd;
  return located;
}

/** How many members a lookup stepped over to reach the one it wanted, for tests that hold a lookup by name to none. */
export const membersStepped = { count: 0 };

/**
 * A member found by its name alone, when `value` (what `JSON.parse` made of the text) holds it at
 * the path and the text writes that name as a key once: the text repeats no key, so its one
 * written key is the member's, and nothing before it is read. Without a backslash in the text,
 * every `"` opens or closes a string; a name that does not start with what may follow a closing
 * quote (space, `,`, `:`, `}`, `]`) is matched only where a string opens. Undefined otherwise (the
 * walk answers).
 */
function locateByName(text: string, path: JsonPath, value: unknown): LocatedInText | undefined {
  const name = path[path.length - 1];
  if (typeof name !== 'string' || FOLLOWS_CLOSING_QUOTE.has(name.charCodeAt(0)) || !holdsMember(value, path) || text.includes('\\')) return undefined;
  const written = `"${name}"`;
  let key = -1;
  for (let at = text.indexOf(written); at >= 0; at = text.indexOf(written, at + written.length)) {
    if (text.charCodeAt(skipSpace(text, at + written.length)) !== COLON) continue;
    if (key >= 0) return undefined;
    key = at;
  }
  if (key < 0) return undefined;
  const start = skipSpace(text, skipSpace(text, key + written.length) + 1);
  const located: { -readonly [K in keyof LocatedInText]: LocatedInText[K] } = {
    value: { offset: start, length: valueEnd(text, start) - start },
    complete: true,
    key: { offset: key, length: written.length },
  };
  const before = previousNonSpace(text, key);
  if (text.charCodeAt(before) === COMMA) located.previousEnd = previousNonSpace(text, before) + 1;
  return located;
}

/** What may follow a string's closing quote in JSON (and an empty name, which ends at once). */
const FOLLOWS_CLOSING_QUOTE = new Set([0x20, 0x09, 0x0a, 0x0d, COMMA, COLON, CLOSE_BRACE, CLOSE_BRACKET, Number.NaN]);

/** Whether `value` holds a member at `path`, each step as the walk takes it (an item by its number, a member by its name). */
function holdsMember(value: unknown, path: JsonPath): boolean {
  let current = value;
  for (let i = 0; i < path.length; i++) {
    if (current === null || typeof current !== 'object') return false;
    const segment = path[i]!;
    if (Array.isArray(current)) {
      if (typeof segment !== 'number' || !(segment >= 0 && segment < current.length)) return false;
      current = current[segment];
    } else {
      const name = String(segment);
      if (!Object.prototype.propertyIsEnumerable.call(current, name)) return false;
      current = (current as Record<string, unknown>)[name];
    }
  }
  return path.length > 0;
}

/** The last offset before `from` that is not JSON whitespace (-1 when none). */
function previousNonSpace(text: string, from: number): number {
  let at = from - 1;
  for (let ch = text.charCodeAt(at); ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09; ch = text.charCodeAt(--at));
  return at;
}

/** One step of a path in the text: where its value starts, its member name, and where the member or item before it ends. */
interface Step {
  readonly start: number;
  readonly key?: Span | undefined;
  readonly previousEnd: number | undefined;
}

/** The value of the member `name` of the object at `open`, with its name's span. */
function member(text: string, open: number, name: string): Step | undefined {
  let at = skipSpace(text, open + 1);
  let previousEnd: number | undefined;
  while (text.charCodeAt(at) === QUOTE) {
    const keyEnd = closingQuote(text, at) + 1;
    const written = text.slice(at + 1, keyEnd - 1);
    const matches = written.includes('\\') ? (JSON.parse(text.slice(at, keyEnd)) as string) === name : written === name;
    const valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    if (matches) return { start: valueStart, key: { offset: at, length: keyEnd - at }, previousEnd };
    membersStepped.count++;
    previousEnd = valueEnd(text, valueStart);
    at = pastComma(text, previousEnd);
  }
  return undefined;
}

/** The start of item `index` of the list at `open`. */
function item(text: string, open: number, index: number): Step | undefined {
  let at = skipSpace(text, open + 1);
  if (text.charCodeAt(at) === CLOSE_BRACKET || index < 0) return undefined;
  let previousEnd: number | undefined;
  for (let i = 0; i < index; i++) {
    previousEnd = valueEnd(text, at);
    at = pastComma(text, previousEnd);
    if (text.charCodeAt(at - 1) === CLOSE_BRACKET || at >= text.length) return undefined;
  }
  return { start: at, previousEnd };
}

/**
 * Past the value at `start` and the comma after it: the start of the next member or item, or just
 * past the closing bracket of the container when there is none.
 */
function next(text: string, start: number): number {
  return pastComma(text, valueEnd(text, start));
}

/** `next`, from where the value ends. */
function pastComma(text: string, end: number): number {
  const after = skipSpace(text, end);
  if (text.charCodeAt(after) === COMMA) return skipSpace(text, after + 1);
  return after + 1;
}

/** Where the value starting at `start` ends (exclusive). */
function valueEnd(text: string, start: number): number {
  const first = text.charCodeAt(start);
  if (first === QUOTE) return closingQuote(text, start) + 1;
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    let end = start;
    while (end < text.length && !ENDS_LITERAL.has(text.charCodeAt(end))) end++;
    return end;
  }
  let depth = 0;
  for (let at = start; at < text.length; at++) {
    const ch = text.charCodeAt(at);
    if (ch === QUOTE) at = closingQuote(text, at);
    else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) depth++;
    else if ((ch === CLOSE_BRACE || ch === CLOSE_BRACKET) && --depth === 0) return at + 1;
  }
  return text.length;
}

const ENDS_LITERAL = new Set([COMMA, CLOSE_BRACE, CLOSE_BRACKET, 0x20, 0x09, 0x0a, 0x0d]);

/** The first offset from `from` that is not JSON whitespace. */
export function skipSpace(text: string, from: number): number {
  let at = from;
  for (let ch = text.charCodeAt(at); ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09; ch = text.charCodeAt(++at));
  return at;
}

/** Where the string opened at `open` ends: the next `"` not escaped by an odd run of backslashes. */
export function closingQuote(text: string, open: number): number {
  for (let at = text.indexOf('"', open + 1); at >= 0; at = text.indexOf('"', at + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
    if (backslashes % 2 === 0) return at;
  }
  return text.length - 1;
}

/** Where the member or item after a value that ends at `end` starts, when one follows it (past its comma). */
export function nextSiblingStart(text: string, end: number): number | undefined {
  const after = skipSpace(text, end);
  return text.charCodeAt(after) === COMMA ? skipSpace(text, after + 1) : undefined;
}

/** A member (from its name to the end of its value) or a list item, with the ones beside it. */
export interface ChildInText {
  readonly item: Span;
  readonly previous?: Span;
  readonly next?: Span;
}

/** How many times a container's members were walked for a removal, for tests that hold removals to one lookup. */
export const childWalks = { count: 0 };

/** The member or item a path ends at, with its neighbours (what a removal needs); undefined when it is not written. */
export function childInStrictJson(text: string, path: JsonPath): ChildInText | undefined {
  if (path.length === 0) return undefined;
  childWalks.count++;
  const parent = locateInStrictJson(text, path.slice(0, -1));
  if (!parent.complete) return undefined;
  const wanted = path[path.length - 1]!;
  const open = parent.value.offset;
  const isObject = text.charCodeAt(open) === OPEN_BRACE;
  if (!isObject && (text.charCodeAt(open) !== OPEN_BRACKET || typeof wanted !== 'number')) return undefined;
  const children: Span[] = [];
  let found = -1;
  let at = skipSpace(text, open + 1);
  for (let index = 0; at < text.length && text.charCodeAt(at) !== (isObject ? CLOSE_BRACE : CLOSE_BRACKET); index++) {
    let valueStart = at;
    if (isObject) {
      const keyEnd = closingQuote(text, at) + 1;
      const written = text.slice(at + 1, keyEnd - 1);
      if ((written.includes('\\') ? (JSON.parse(text.slice(at, keyEnd)) as string) : written) === String(wanted)) found = index;
      valueStart = skipSpace(text, skipSpace(text, keyEnd) + 1);
    } else if (index === wanted) found = index;
    children.push({ offset: at, length: valueEnd(text, valueStart) - at });
    at = next(text, valueStart);
    if (text.charCodeAt(at - 1) === (isObject ? CLOSE_BRACE : CLOSE_BRACKET)) break;
  }
  if (found < 0) return undefined;
  const [previous, next_] = [children[found - 1], children[found + 1]];
  return { item: children[found]!, ...(previous ? { previous } : {}), ...(next_ ? { next: next_ } : {}) };
}
