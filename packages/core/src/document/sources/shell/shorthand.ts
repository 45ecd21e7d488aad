/**
 * The AWS CLI's shorthand syntax (`maximumPerMinute=10,exponentialRate={baseRatePerMinute=5}`),
 * parsed as awscli/shorthand.py's ShorthandParser parses it (same grammar, same character
 * classes, same backtracking in comma lists), keeping where each key and value is in the input.
 * Quoted values follow CLI v2's grammar (`\\` is an escaped backslash; v1 differs only there).
 */

export interface ShorthandString {
  readonly kind: 'string';
  readonly value: string;
  /** The token in the input, quotes included. */
  readonly start: number;
  readonly end: number;
  /** True when the value is the input text [start, end) itself (no quotes, escapes or trimming). */
  readonly verbatim: boolean;
  /** `key@=file://...` (CLI v1): the value names a file whose content is the value. */
  readonly fromFile?: boolean;
}

export interface ShorthandList {
  readonly kind: 'list';
  readonly items: readonly ShorthandNode[];
  readonly start: number;
  readonly end: number;
}

export interface ShorthandMember {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: ShorthandNode;
}

export interface ShorthandObject {
  readonly kind: 'object';
  readonly members: readonly ShorthandMember[];
  readonly start: number;
  readonly end: number;
}

export type ShorthandNode = ShorthandString | ShorthandList | ShorthandObject;

export class ShorthandError extends Error {
  constructor(
    message: string,
    /** Where in the input the parser stopped. */
    readonly index: number,
  ) {
    super(message);
  }
}

const KEY_CHARS = /[A-Za-z0-9\-_.#/:]/;
// The character classes of shorthand.py (_START_WORD, _FIRST_FOLLOW_CHARS, _SECOND_FOLLOW_CHARS).
const isSpace = (c: string) => /\s/u.test(c);
const printable = (c: string) => c.charCodeAt(0) >= 0x21;
const startChar = (c: string) => printable(c) && !`"',=[{`.includes(c);
const firstFollow = (c: string) => isSpace(c) || (printable(c) && !`"',]}`.includes(c));
const secondFollow = (c: string) => isSpace(c) || (printable(c) && !`"',=`.includes(c));

class Backtrack extends ShorthandError {}

export function parseShorthand(input: string): ShorthandObject {
  return new Parser(input).parameter();
}

class Parser {
  index = 0;
  fromFile = false;

  constructor(readonly input: string) {}

  parameter(): ShorthandObject {
    const members: ShorthandMember[] = [];
    const seen = new Set<string>();
    members.push(this.keyval());
    seen.add(members[0]!.key);
    let lastIndex = this.index;
    while (this.index < this.input.length) {
      this.expect(',', true);
      const member = this.keyval();
      if (seen.has(member.key)) {
        throw new ShorthandError(`the key "${member.key}" is given twice (often a "," where a space was meant, between two list items)`, lastIndex + 1);
      }
      seen.add(member.key);
      members.push(member);
      lastIndex = this.index;
    }
    return { kind: 'object', members, start: 0, end: this.input.length };
  }

  keyval(): ShorthandMember {
    const keyStart = this.index;
    const key = this.key();
    const keyEnd = this.index;
    this.fileMarker();
    this.expect('=', true);
    const value = this.values();
    return { key, keyStart, keyEnd, value };
  }

  /** `key@=` (AWS CLI v1): the value may be a file:// or fileb:// path. */
  fileMarker(): void {
    this.fromFile = false;
    const save = this.index;
    this.skipSpace();
    if (this.current() === '@') {
      this.index++;
      this.fromFile = true;
    } else this.index = save;
  }

  key(): string {
    const start = this.index;
    while (!this.atEnd() && KEY_CHARS.test(this.current()!)) this.index++;
    return this.input.slice(start, this.index);
  }

  values(): ShorthandNode {
    if (this.atEnd()) return this.string('', this.index, this.index, true);
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.csvValue();
  }

  csvValue(): ShorthandNode {
    const start = this.index;
    const first = this.firstValue();
    this.skipSpace();
    if (this.atEnd() || this.current() !== ',') return first;
    this.expect(',', true);
    const items: ShorthandNode[] = [first];
    for (;;) {
      try {
        const current = this.secondValue();
        this.skipSpace();
        if (this.atEnd()) {
          items.push(current);
          break;
        }
        this.expect(',', true);
        items.push(current);
      } catch (error) {
        if (!(error instanceof ShorthandError) || this.atEnd()) throw error;
        // `a=b,c,d=e`: the next key starts here; give the comma back (as shorthand.py does).
        this.backtrackTo(',');
        break;
      }
    }
    if (items.length === 1) return first;
    return { kind: 'list', items, start, end: items[items.length - 1]!.end };
  }

  explicitList(): ShorthandList {
    const start = this.index;
    this.expect('[', true);
    const items: ShorthandNode[] = [];
    while (this.current() !== ']') {
      if (this.atEnd()) throw new ShorthandError('a "[" list is not closed with "]"', this.index);
      items.push(this.explicitValues());
      this.skipSpace();
      if (this.current() !== ']') {
        this.expect(',');
        this.skipSpace();
      }
    }
    this.expect(']');
    return { kind: 'list', items, start, end: this.index };
  }

  explicitValues(): ShorthandNode {
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.firstValue();
  }

  hashLiteral(): ShorthandObject {
    const start = this.index;
    this.expect('{', true);
    const members: ShorthandMember[] = [];
    while (this.current() !== '}') {
      if (this.atEnd()) throw new ShorthandError('a "{" structure is not closed with "}"', this.index);
      const keyStart = this.index;
      const key = this.key();
      const keyEnd = this.index;
      this.fileMarker();
      this.expect('=', true);
      const value = this.explicitValues();
      this.skipSpace();
      if (this.current() !== '}') {
        this.expect(',');
        this.skipSpace();
      }
      const existing = members.findIndex((member) => member.key === key);
      if (existing !== -1) members.splice(existing, 1);
      members.push({ key, keyStart, keyEnd, value });
    }
    this.expect('}');
    return { kind: 'object', members, start, end: this.index };
  }

  firstValue(): ShorthandNode {
    if (this.current() === "'") return this.quoted("'");
    if (this.current() === '"') return this.quoted('"');
    return this.plain(firstFollow, false);
  }

  secondValue(): ShorthandNode {
    if (this.current() === "'") return this.quoted("'");
    if (this.current() === '"') return this.quoted('"');
    return this.plain(secondFollow, true);
  }

  /** A bare value: `\,` is a comma, trailing blanks are dropped. */
  plain(follow: (c: string) => boolean, required: boolean): ShorthandString {
    const start = this.index;
    const escapedComma = () => this.input[this.index] === '\\' && this.input[this.index + 1] === ',';
    if (!this.atEnd() && (escapedComma() || startChar(this.current()!))) {
      this.index += escapedComma() ? 2 : 1;
      while (!this.atEnd() && (escapedComma() || follow(this.current()!))) this.index += escapedComma() ? 2 : 1;
    } else if (required) {
      throw new Backtrack(`expected a value, found ${this.describeCurrent()}`, this.index);
    }
    const raw = this.input.slice(start, this.index);
    const value = raw.replace(/\\,/g, ',').replace(/\s+$/u, '');
    return this.string(value, start, this.index, value === raw);
  }

  quoted(quote: "'" | '"'): ShorthandString {
    const start = this.index;
    let i = start + 1;
    for (; i < this.input.length; i++) {
      const c = this.input[i];
      if (c === '\\' && (this.input[i + 1] === '\\' || this.input[i + 1] === quote)) i++;
      else if (c === quote) break;
    }
    if (i >= this.input.length) throw new ShorthandError(`a ${quote === "'" ? 'single' : 'double'}-quoted value is not closed`, start);
    this.index = i + 1;
    const inner = this.input.slice(start + 1, i);
    const value = inner.split(`\\${quote}`).join(quote).split('\\\\').join('\\');
    return this.string(value, start, this.index, false);
  }

  string(value: string, start: number, end: number, verbatim: boolean): ShorthandString {
    return { kind: 'string', value, start, end, verbatim, ...(this.fromFile ? { fromFile: true } : {}) };
  }

  expect(char: string, consumeSpace = false): void {
    if (consumeSpace) this.skipSpace();
    if (this.atEnd()) throw new ShorthandError(`expected "${char}", found the end of the value`, this.index);
    if (this.current() !== char) throw new ShorthandError(`expected "${char}", found ${this.describeCurrent()}`, this.index);
    this.index++;
    if (consumeSpace) this.skipSpace();
  }

  describeCurrent(): string {
    return this.atEnd() ? 'the end of the value' : `"${this.current()}"`;
  }

  current(): string | undefined {
    return this.input[this.index];
  }

  atEnd(): boolean {
    return this.index >= this.input.length;
  }

  skipSpace(): void {
    while (!this.atEnd() && isSpace(this.current()!)) this.index++;
  }

  backtrackTo(char: string): void {
    while (this.index >= 0 && this.input[this.index] !== char) this.index--;
  }
}
