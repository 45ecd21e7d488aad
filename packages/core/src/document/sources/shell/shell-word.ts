import type { UnknownReason } from '../../../value/unknown.js';
import type { SyntaxNode } from './bash-parser.js';
import type { HostLiteral, ShellSnippet } from './snippet.js';

/** How a character of a word is written: the quoting that fixes must keep. */
export type QuoteContext = 'bare' | 'single' | 'double' | 'ansi' | 'heredoc' | 'heredoc-quoted' | 'host' | 'unknown';

/** A part of a word known only at run time, standing in the word's value as one sentinel character. */
export interface UnknownPart {
  /** Its text in the file (`$ROLE`, `$(date +%s)`, `${{ secrets.ROLE }}`). */
  readonly source: string;
  readonly reason: UnknownReason;
  readonly start: number;
  readonly end: number;
}

/** Private-use characters stand for unknown parts, so JSON and shorthand parsers read them as text. */
const FIRST_SENTINEL = 0xe000;
const LAST_SENTINEL = 0xf8ff;

/** The unknown parts of one file's commands, each with its own sentinel character. */
export class Sentinels {
  readonly #parts: UnknownPart[] = [];

  add(part: UnknownPart): string {
    const code = FIRST_SENTINEL + Math.min(this.#parts.length, LAST_SENTINEL - FIRST_SENTINEL);
    this.#parts.push(part);
    return String.fromCharCode(code);
  }

  part(char: string): UnknownPart | undefined {
    const code = char.charCodeAt(0);
    return code >= FIRST_SENTINEL && code <= LAST_SENTINEL ? this.#parts[code - FIRST_SENTINEL] : undefined;
  }
}

export function isSentinel(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  return code >= FIRST_SENTINEL && code <= LAST_SENTINEL;
}

export function hasSentinel(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (isSentinel(text[i])) return true;
  return false;
}

/**
 * One word of a command as the program it runs receives it, after quote removal and escapes:
 * its value (unknown parts as sentinels) and, for each character, where it is written in the file
 * and in what quoting.
 */
export class ShellWord {
  value = '';
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly context: QuoteContext[] = [];
  /** An unquoted expansion of unknown content: at run time this may be several words, or none. */
  splits = false;

  constructor(
    /** Where the word is written in the file. */
    readonly start: number,
    readonly end: number,
  ) {}

  push(char: string, from: number, to: number, context: QuoteContext): void {
    this.value += char;
    this.from.push(from);
    this.to.push(to);
    this.context.push(context);
  }

  append(other: ShellWord, context?: QuoteContext): void {
    for (let i = 0; i < other.value.length; i++) this.push(other.value[i]!, other.from[i]!, other.to[i]!, context ?? other.context[i]!);
    this.splits ||= other.splits;
  }

  /** File span of the characters [start, end) of the value; the word's span when empty. */
  span(start = 0, end = this.value.length): { offset: number; length: number } {
    const whole = { offset: this.start, length: this.end - this.start };
    if (end <= start || start >= this.value.length) return whole;
    // One pass, no copies: a request's JSON asks this of every value and key in it.
    let first = Infinity;
    let last = -Infinity;
    let inside = false;
    let outside = false;
    for (let i = start, stop = Math.min(end, this.value.length); i < stop; i++) {
      const from = this.from[i]!;
      if (from >= this.start && from < this.end) inside = true;
      else outside = true;
      first = Math.min(first, from);
      last = Math.max(last, this.to[i]!);
    }
    // Characters from a variable's assignment and from the word itself: the word is the place.
    if (inside && outside) return whole;
    return { offset: first, length: last - first };
  }

  /**
   * The quoting of [start, end) when those characters are written one for one, side by side, in
   * one quoting (so the file text there can be replaced by new text in that quoting); else undefined.
   */
  plainContext(start: number, end: number): QuoteContext | undefined {
    if (end <= start) return undefined;
    const context = this.context[start]!;
    for (let i = start; i < end; i++) {
      if (this.context[i] !== context || this.to[i]! - this.from[i]! !== 1) return undefined;
      if (i > start && this.from[i] !== this.to[i - 1]) return undefined;
    }
    return context === 'unknown' || context === 'ansi' ? undefined : context;
  }

  /** The value from `index` on, as a word of its own (`--files=[...]` after the `=`). */
  slice(index: number): ShellWord {
    const word = new ShellWord(this.from[index] ?? this.end, this.end);
    for (let i = index; i < this.value.length; i++) word.push(this.value[i]!, this.from[i]!, this.to[i]!, this.context[i]!);
    word.splits = this.splits;
    return word;
  }
}

/** What decoding needs: the snippet (for file offsets), the sentinels, the variables followed. */
export interface DecodeContext {
  readonly snippet: ShellSnippet;
  readonly fileText: string;
  readonly sentinels: Sentinels;
  readonly variables: (name: string, at: number) => ShellWord | undefined;
}

/** Decode a word node (an argument, an assignment's value) into a ShellWord. */
export function decodeWord(node: SyntaxNode, context: DecodeContext): ShellWord {
  return decodeAdjacent([node], context);
}

/** How many words were decoded, for tests that hold a reader to the words it needs. */
export const wordDecodes = { count: 0 };

/**
 * Decode nodes that touch (no blank between them) as the one word the shell makes of them.
 * tree-sitter-bash splits some words in two, such as `{bucket=$BUCKET,...}`, where it reads the
 * `$` as a token of its own and the name as the start of the next node: rejoined here.
 */
export function decodeAdjacent(nodes: readonly SyntaxNode[], context: DecodeContext): ShellWord {
  wordDecodes.count++;
  const { toFile } = context.snippet;
  const word = new ShellWord(toFile(nodes[0]!.startIndex), fileEnd(context, nodes[nodes.length - 1]!.endIndex));
  const parts = nodes.flatMap((node) => (node.type === 'concatenation' ? node.children.filter((child): child is SyntaxNode => child !== null) : [node]));
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    const name = part.type === '$' && next?.type === 'word' ? /^[A-Za-z_][A-Za-z0-9_]*/.exec(next.text)?.[0] : undefined;
    if (name) {
      expandNamed(word, name, part.startIndex, next!.startIndex + name.length, context, false);
      decodeBare(word, context.snippet.code, next!.startIndex + name.length, next!.endIndex, toFile);
      i++;
      continue;
    }
    decodeInto(word, part, context, false);
  }
  applyTemplates(word, context);
  return word;
}

/** Group argument nodes into shell words: nodes with no blank between them are one word. */
export function groupAdjacent(nodes: readonly SyntaxNode[]): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [];
  for (const node of nodes) {
    const last = groups[groups.length - 1];
    if (last && last[last.length - 1]!.endIndex === node.startIndex) last.push(node);
    else groups.push([node]);
  }
  return groups;
}

function fileEnd(context: DecodeContext, codeEnd: number): number {
  return codeEnd === 0 ? context.snippet.toFile(0) : context.snippet.toFile(codeEnd - 1) + 1;
}

function decodeInto(word: ShellWord, node: SyntaxNode, context: DecodeContext, quoted: boolean): void {
  const code = context.snippet.code;
  const toFile = context.snippet.toFile;
  switch (node.type) {
    case 'word':
    case 'number':
      decodeBare(word, code, node.startIndex, node.endIndex, toFile);
      return;
    case 'raw_string':
      for (let i = node.startIndex + 1; i < node.endIndex - 1; i++) word.push(code[i]!, toFile(i), toFile(i) + 1, 'single');
      return;
    case 'string':
    case 'translated_string':
      decodeDoubleQuoted(word, node, context);
      return;
    case 'ansi_c_string':
      decodeAnsi(word, code, node.startIndex + 2, node.endIndex - 1, toFile);
      return;
    case 'concatenation':
      for (const child of node.children) if (child) decodeInto(word, child, context, quoted);
      return;
    case 'simple_expansion':
    case 'expansion':
      expandVariable(word, node, context, quoted);
      return;
    case 'command_substitution': {
      const heredoc = heredocOfCat(node);
      if (heredoc) {
        decodeHeredocBody(word, heredoc.body, heredoc.quoted, context, true);
        return;
      }
      unknownPart(word, node, context, 'substitution', quoted);
      return;
    }
    default:
      unknownPart(word, node, context, node.type === 'brace_expression' ? 'expression' : 'substitution', quoted);
  }
}

function unknownPart(word: ShellWord, node: SyntaxNode, context: DecodeContext, reason: UnknownReason, quoted: boolean): void {
  const start = context.snippet.toFile(node.startIndex);
  const end = fileEnd(context, node.endIndex);
  const sentinel = context.sentinels.add({ source: context.fileText.slice(start, end), reason, start, end });
  word.push(sentinel, start, end, 'unknown');
  if (!quoted) word.splits = true;
}

/** `$NAME` / `${NAME}`: the value followed when known; anything else (`${X:-y}`, `$1`, `$@`) is unknown. */
function expandVariable(word: ShellWord, node: SyntaxNode, context: DecodeContext, quoted: boolean): void {
  const named = node.namedChildren.filter((child): child is SyntaxNode => child !== null);
  const plain = named.length === 1 && named[0]!.type === 'variable_name' && (node.type === 'simple_expansion' || node.childCount === 3);
  if (plain) {
    expandNamed(word, named[0]!.text, node.startIndex, node.endIndex, context, quoted);
    return;
  }
  unknownPart(word, node, context, 'variable', quoted);
}

/** `$NAME` written at [start, end) of the code: the followed value, else an unknown part. */
function expandNamed(word: ShellWord, name: string, start: number, end: number, context: DecodeContext, quoted: boolean): void {
  const known = context.variables(name, start);
  // Unquoted, a value with blanks or glob characters would be split or globbed: not followed.
  if (known && (quoted || !/[\s*?[]/.test(known.value))) {
    word.append(known);
    return;
  }
  const fileStart = context.snippet.toFile(start);
  const fileStop = fileEnd(context, end);
  const sentinel = context.sentinels.add({ source: context.fileText.slice(fileStart, fileStop), reason: 'variable', start: fileStart, end: fileStop });
  word.push(sentinel, fileStart, fileStop, 'unknown');
  if (!quoted) word.splits = true;
}

/** Unquoted text: a backslash quotes the next character; backslash-newline joins lines. */
function decodeBare(word: ShellWord, code: string, start: number, end: number, toFile: (offset: number) => number): void {
  for (let i = start; i < end; i++) {
    const char = code[i]!;
    if (char === '\\' && i + 1 < end) {
      if (code[i + 1] === '\n') {
        i++;
        continue;
      }
      word.push(code[i + 1]!, toFile(i), toFile(i + 1) + 1, 'bare');
      i++;
      continue;
    }
    word.push(char, toFile(i), toFile(i) + 1, 'bare');
  }
}

/** Inside double quotes a backslash escapes only $ ` " \ and newline. */
const DOUBLE_ESCAPES = new Set(['$', '`', '"', '\\', '\n']);

function decodeDoubleQuoted(word: ShellWord, node: SyntaxNode, context: DecodeContext): void {
  const code = context.snippet.code;
  const toFile = context.snippet.toFile;
  const open = node.type === 'translated_string' ? 2 : 1;
  let at = node.startIndex + open;
  const end = node.endIndex - 1;
  const literal = (until: number) => {
    for (let i = at; i < until; i++) {
      const char = code[i]!;
      if (char === '\\' && i + 1 < until && DOUBLE_ESCAPES.has(code[i + 1]!)) {
        if (code[i + 1] !== '\n') word.push(code[i + 1]!, toFile(i), toFile(i + 1) + 1, 'double');
        i++;
        continue;
      }
      word.push(char, toFile(i), toFile(i) + 1, 'double');
    }
  };
  for (const child of node.namedChildren) {
    if (!child || child.type === 'string_content') continue;
    literal(child.startIndex);
    decodeInto(word, child, context, true);
    at = child.endIndex;
  }
  literal(end);
}

const C_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** `$'...'`: C escapes. */
function decodeAnsi(word: ShellWord, code: string, start: number, end: number, toFile: (offset: number) => number): void {
  for (let i = start; i < end; i++) {
    const char = code[i]!;
    if (char !== '\\' || i + 1 >= end) {
      word.push(char, toFile(i), toFile(i) + 1, 'ansi');
      continue;
    }
    const next = code[i + 1]!;
    const hex = /^(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3})/.exec(code.slice(i + 1, end));
    if (C_ESCAPES[next] !== undefined) {
      word.push(C_ESCAPES[next]!, toFile(i), toFile(i + 1) + 1, 'ansi');
      i++;
    } else if (hex) {
      const digits = hex[0];
      const value = /^[0-7]/.test(digits) ? parseInt(digits, 8) : parseInt(digits.slice(1), 16);
      word.push(String.fromCodePoint(value), toFile(i), toFile(i + digits.length) + 1, 'ansi');
      i += digits.length;
    } else {
      word.push(char, toFile(i), toFile(i) + 1, 'ansi');
    }
  }
}

/**
 * `$(cat <<EOF ... EOF)` (or `<<'EOF'`): the here-document is the value. Anything else inside
 * `$( )` runs a program, and is unknown.
 */
function heredocOfCat(node: SyntaxNode): { body: SyntaxNode; quoted: boolean } | undefined {
  const statements = node.namedChildren.filter((child): child is SyntaxNode => child !== null);
  if (statements.length !== 1 || statements[0]!.type !== 'redirected_statement') return undefined;
  const statement = statements[0]!;
  const command = statement.childForFieldName('body');
  if (!command || command.type !== 'command') return undefined;
  const name = command.childForFieldName('name');
  const args = command.childrenForFieldName('argument');
  if (name?.text !== 'cat' || args.some((arg) => arg?.text !== '-')) return undefined;
  const redirects = statement.namedChildren.filter((child): child is SyntaxNode => child?.type === 'heredoc_redirect');
  if (redirects.length !== 1) return undefined;
  const redirect = redirects[0]!;
  const body = redirect.namedChildren.find((child): child is SyntaxNode => child?.type === 'heredoc_body');
  const startToken = redirect.namedChildren.find((child) => child?.type === 'heredoc_start');
  if (!body || !startToken) return undefined;
  return { body, quoted: /['"\\]/.test(startToken.text) };
}

/**
 * A here-document's text: literal when its delimiter is quoted, else with expansions and the
 * backslash escapes of double quotes (but `"` stays). In `$( )` trailing newlines are dropped.
 */
function decodeHeredocBody(word: ShellWord, body: SyntaxNode, quoted: boolean, context: DecodeContext, trimTrailingNewlines: boolean): void {
  const code = context.snippet.code;
  const toFile = context.snippet.toFile;
  const piece = new ShellWord(word.start, word.end);
  const literal = (from: number, until: number) => {
    for (let i = from; i < until; i++) {
      const char = code[i]!;
      if (!quoted && char === '\\' && i + 1 < until && code[i + 1] !== '"' && DOUBLE_ESCAPES.has(code[i + 1]!)) {
        if (code[i + 1] !== '\n') piece.push(code[i + 1]!, toFile(i), toFile(i + 1) + 1, 'heredoc');
        i++;
        continue;
      }
      piece.push(char, toFile(i), toFile(i) + 1, quoted ? 'heredoc-quoted' : 'heredoc');
    }
  };
  let at = body.startIndex;
  if (!quoted) {
    for (const child of body.namedChildren) {
      if (!child || child.type === 'heredoc_content') continue;
      literal(at, child.startIndex);
      decodeInto(piece, child, context, true);
      at = child.endIndex;
    }
  }
  literal(at, body.endIndex);
  let length = piece.value.length;
  if (trimTrailingNewlines) while (length > 0 && piece.value[length - 1] === '\n') length--;
  for (let i = 0; i < length; i++) word.push(piece.value[i]!, piece.from[i]!, piece.to[i]!, piece.context[i]!);
  word.splits ||= piece.splits;
}

/**
 * Characters inside a host template (`${{ ... }}`) are unknown whatever the shell made of them:
 * the host replaces the text before the shell runs.
 */
function applyTemplates(word: ShellWord, context: DecodeContext): void {
  const templates = context.snippet.templates;
  if (!templates?.length) return;
  const toFile = context.snippet.toFile;
  const fileTemplates = templates.map((span) => ({ start: toFile(span.offset), end: toFile(span.offset + span.length - 1) + 1 }));
  const hit = (i: number) => fileTemplates.find((t) => word.from[i]! < t.end && word.to[i]! > t.start);
  if (!word.value.split('').some((_, i) => hit(i))) return;
  const rebuilt = new ShellWord(word.start, word.end);
  for (let i = 0; i < word.value.length; i++) {
    const template = hit(i);
    if (!template) {
      rebuilt.push(word.value[i]!, word.from[i]!, word.to[i]!, word.context[i]!);
      continue;
    }
    while (i + 1 < word.value.length && hit(i + 1) === template) i++;
    const sentinel = context.sentinels.add({
      source: context.fileText.slice(template.start, template.end),
      reason: 'template',
      start: template.start,
      end: template.end,
    });
    rebuilt.push(sentinel, template.start, template.end, 'unknown');
  }
  word.value = rebuilt.value;
  word.from.splice(0, word.from.length, ...rebuilt.from);
  word.to.splice(0, word.to.length, ...rebuilt.to);
  word.context.splice(0, word.context.length, ...rebuilt.context);
}

/** A literal a host gives a variable, as a word written where the host writes it. */
export function hostWord(literal: HostLiteral): ShellWord {
  const word = new ShellWord(literal.offsets[0] ?? 0, literal.offsets[literal.value.length] ?? 0);
  for (let i = 0; i < literal.value.length; i++) word.push(literal.value[i]!, literal.offsets[i]!, literal.offsets[i + 1]!, 'host');
  return word;
}
