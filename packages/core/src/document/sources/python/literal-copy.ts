import type { PyNode } from './parse.js';

/**
 * The PyNodes of an argument list or a dict read from the text, where it is written with literals
 * only: keywords (`name=value`), `**` of a name or a dict, dicts, lists, plain one-line strings
 * without a backslash, decimal numbers (a sign before one), True, False, None and names, between
 * spaces and newlines. Inside a subtree the parser read without an error, that text has one
 * reading, the one tree-sitter gives it, so the nodes are those `copySubtree` copies, made without
 * asking tree-sitter about each node (every question crosses into its WebAssembly). Undefined for
 * anything else (a comment, a `\` continuation, a tuple, a call, an operator, a prefixed or
 * triple-quoted string, nesting deeper than MAX_DEPTH), which the tree is asked about instead.
 */
export function literalArguments(text: string, from: number, to: number): PyNode | undefined {
  return whole(new Scanner(text, to), from, '(');
}

/** A dict written `{...}` at [from, to), as `literalArguments` reads one. */
export function literalDict(text: string, from: number, to: number): PyNode | undefined {
  return whole(new Scanner(text, to), from, '{');
}

function whole(scanner: Scanner, from: number, open: '(' | '{'): PyNode | undefined {
  if (scanner.text[from] !== open) return undefined;
  scanner.at = from;
  const node = open === '(' ? scanner.container('argument_list', ')', 0) : scanner.container('dictionary', '}', 0);
  return node && scanner.at === scanner.end ? node : undefined;
}

/** Deeper than this, the tree is asked (the scanner recurses; the copy of the tree does not). */
const MAX_DEPTH = 64;

const SPACE = /[ \t\r\n]*/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const STRING = /"[^"\\\r\n\0]*"|'[^'\\\r\n\0]*'/y;
/** A decimal integer or a float with digits on both sides of its point, followed by nothing a number could go on with. */
const NUMBER = /(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?![0-9A-Za-z_.])/y;
const CONSTANTS: Record<string, string> = { True: 'true', False: 'false', None: 'none' };
/** Names that are no identifier where a value stands (`{lambda: 1}` is a set), or that the grammar reads otherwise: not read here. */
const KEYWORDS = new Set(
  'and as assert async await break class continue def del elif else except exec finally for from global if import in is lambda nonlocal not or pass print raise return try while with yield'.split(
    ' ',
  ),
);

type Item = (scanner: Scanner, depth: number) => PyNode | undefined;

class Scanner {
  at = 0;

  constructor(
    readonly text: string,
    readonly end: number,
  ) {}

  #skipSpace(): void {
    SPACE.lastIndex = this.at;
    SPACE.test(this.text);
    this.at = SPACE.lastIndex;
  }

  #match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text)?.[0];
    if (found !== undefined) this.at += found.length;
    return found;
  }

  /** `open item, item, ... close` (a trailing comma allowed), `at` on the opening bracket. */
  container(type: 'argument_list' | 'dictionary' | 'list', close: string, depth: number): PyNode | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const from = this.at++;
    const item: Item = type === 'argument_list' ? argument : type === 'dictionary' ? member : value;
    const children: PyNode[] = [];
    for (;;) {
      this.#skipSpace();
      if (this.text[this.at] === close) break;
      const child = item(this, depth + 1);
      if (!child) return undefined;
      children.push(child);
      this.#skipSpace();
      if (this.text[this.at] === ',') this.at++;
      else if (this.text[this.at] !== close) return undefined;
    }
    this.at++;
    return this.at <= this.end ? { type, from, to: this.at, children } : undefined;
  }

  /** A value, `at` on its first character. */
  value(depth: number): PyNode | undefined {
    const from = this.at;
    const first = this.text[from];
    if (first === '{') return this.container('dictionary', '}', depth);
    if (first === '[') return this.container('list', ']', depth);
    if (first === '"' || first === "'") return this.#match(STRING) === undefined ? undefined : this.#leaf('string', from);
    if (first === '-' || first === '+') {
      this.at++;
      const operand = this.#number();
      return operand && { type: 'unary_operator', from, to: this.at, children: [operand] };
    }
    return this.#number() ?? this.#name();
  }

  /** `**value`, `at` on the first `*`; undefined for one `*`. */
  splat(depth: number): PyNode | undefined {
    if (this.text[this.at + 1] !== '*') return undefined;
    const from = this.at;
    this.at += 2;
    const unpacked = this.value(depth);
    return unpacked && { type: 'dictionary_splat', from, to: this.at, children: [unpacked] };
  }

  /** `name=value` (`at` on the name), or undefined when no `=` follows the name. */
  keyword(depth: number): PyNode | undefined {
    const from = this.at;
    const name = this.#name();
    if (!name || name.type !== 'identifier') return undefined;
    this.#skipSpace();
    if (this.text[this.at] !== '=' || this.text[this.at + 1] === '=') return undefined;
    this.at++;
    this.#skipSpace();
    const assigned = this.value(depth);
    return assigned && { type: 'keyword_argument', from, to: this.at, children: [name, assigned] };
  }

  /** `key: value`, `at` on the key. */
  pair(depth: number): PyNode | undefined {
    const from = this.at;
    const key = this.value(depth);
    if (!key) return undefined;
    this.#skipSpace();
    if (this.text[this.at] !== ':') return undefined;
    this.at++;
    this.#skipSpace();
    const paired = this.value(depth);
    return paired && { type: 'pair', from, to: this.at, children: [key, paired] };
  }

  #number(): PyNode | undefined {
    const from = this.at;
    const written = this.#match(NUMBER);
    return written === undefined ? undefined : this.#leaf(written.includes('.') ? 'float' : 'integer', from);
  }

  #name(): PyNode | undefined {
    const from = this.at;
    const written = this.#match(NAME);
    if (written === undefined || KEYWORDS.has(written)) return undefined;
    return this.#leaf(CONSTANTS[written] ?? 'identifier', from);
  }

  #leaf(type: string, from: number): PyNode {
    return { type, from, to: this.at, children: [] };
  }
}

/** An argument: `name=value`, `**value`, or a value written in its place. */
function argument(scanner: Scanner, depth: number): PyNode | undefined {
  if (scanner.text[scanner.at] === '*') return scanner.splat(depth);
  const from = scanner.at;
  const keyword = scanner.keyword(depth);
  if (keyword) return keyword;
  scanner.at = from;
  return scanner.value(depth);
}

/** A dict's member: `key: value`, or `**value`. */
function member(scanner: Scanner, depth: number): PyNode | undefined {
  return scanner.text[scanner.at] === '*' ? scanner.splat(depth) : scanner.pair(depth);
}

/** A list's item (`*value` is not read here). */
function value(scanner: Scanner, depth: number): PyNode | undefined {
  return scanner.value(depth);
}
