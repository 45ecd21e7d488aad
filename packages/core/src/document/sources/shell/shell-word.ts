import type { UnknownReason } from '../../../value/unknown.js';
import type { SyntaxNode, TypedNode } from './bash-parser.js';
import type { CodeMap, HostLiteral, ShellSnippet } from './snippet.js';

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

/** Any sentinel character (FIRST_SENTINEL to LAST_SENTINEL). */
const SENTINEL = /[\ue000-\uf8ff]/;

export function hasSentinel(text: string): boolean {
  return SENTINEL.test(text);
}

/** Where the first unknown part of a text is, or -1. */
export function firstSentinel(text: string): number {
  return text.search(SENTINEL);
}

/** How many pieces words were built of (a run of characters or one character each), for tests that hold decoding to runs. */
export const wordPieces = { count: 0 };

/**
 * One word of a command as the program it runs receives it, after quote removal and escapes:
 * its value (unknown parts as sentinels) and, for each character, where it is written in the file
 * and in what quoting. The characters are kept in runs: characters written side by side in one
 * quoting (each in the file where the one before ends), or one character written some other way
 * (an escape such as `\n`, an unknown part, a value a host wrote elsewhere).
 */
export class ShellWord {
  value = '';
  /** An unquoted expansion of unknown content: at run time this may be several words, or none. */
  splits = false;
  /** Per run: where it starts in the value, where its first character is in the file, where its last ends, its quoting, whether side by side. */
  readonly #starts: number[] = [];
  readonly #froms: number[] = [];
  readonly #tos: number[] = [];
  readonly #contexts: QuoteContext[] = [];
  readonly #sideBySide: boolean[] = [];

  constructor(
    /** Where the word is written in the file. */
    readonly start: number,
    readonly end: number,
  ) {}

  /** Characters written side by side in the file from `from`, in one quoting. */
  pushText(text: string, from: number, context: QuoteContext): void {
    if (text.length === 0) return;
    wordPieces.count++;
    const last = this.#starts.length - 1;
    if (last >= 0 && this.#sideBySide[last] && this.#contexts[last] === context && this.#tos[last] === from) this.#tos[last] = from + text.length;
    else this.#addRun(from, from + text.length, context, true);
    this.value += text;
  }

  /** One character of the value (two for a character outside the BMP) written at [from, to). */
  push(char: string, from: number, to: number, context: QuoteContext): void {
    if (char.length === 1 && to === from + 1) {
      this.pushText(char, from, context);
      return;
    }
    wordPieces.count++;
    this.#addRun(from, to, context, false);
    this.value += char;
  }

  #addRun(from: number, to: number, context: QuoteContext, sideBySide: boolean): void {
    this.#starts.push(this.value.length);
    this.#froms.push(from);
    this.#tos.push(to);
    this.#contexts.push(context);
    this.#sideBySide.push(sideBySide);
  }

  /** The run holding the character at `index` (which is in the value). */
  #run(index: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.#starts[mid]! <= index) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  #runEnd(run: number): number {
    return this.#starts[run + 1] ?? this.value.length;
  }

  /** Where the character at `index` is written in the file: [from, to). */
  fromAt(index: number): number {
    const run = this.#run(index);
    return this.#sideBySide[run] ? this.#froms[run]! + (index - this.#starts[run]!) : this.#froms[run]!;
  }

  toAt(index: number): number {
    const run = this.#run(index);
    return this.#sideBySide[run] ? this.#froms[run]! + (index - this.#starts[run]!) + 1 : this.#tos[run]!;
  }

  contextAt(index: number): QuoteContext {
    return this.#contexts[this.#run(index)]!;
  }

  /** Whether a character of the value is written in the file within [start, end). */
  touches(start: number, end: number): boolean {
    for (let run = 0; run < this.#starts.length; run++) {
      if (this.#froms[run]! < end && this.#tos[run]! > start) return true;
    }
    return false;
  }

  /** The characters [from, to) of another word, in its runs (in `context` when given). */
  #copy(other: ShellWord, from: number, to: number, context?: QuoteContext): void {
    if (from >= to) return;
    for (let run = other.#run(from); run < other.#starts.length && other.#starts[run]! < to; run++) {
      const start = Math.max(from, other.#starts[run]!);
      const end = Math.min(to, other.#runEnd(run));
      const text = other.value.slice(start, end);
      const quoting = context ?? other.#contexts[run]!;
      if (other.#sideBySide[run]) this.pushText(text, other.#froms[run]! + (start - other.#starts[run]!), quoting);
      else {
        wordPieces.count++;
        this.#addRun(other.#froms[run]!, other.#tos[run]!, quoting, false);
        this.value += text;
      }
    }
  }

  append(other: ShellWord, context?: QuoteContext): void {
    this.#copy(other, 0, other.value.length, context);
    this.splits ||= other.splits;
  }

  /** Keep the first `length` characters. */
  truncate(length: number): void {
    if (length >= this.value.length) return;
    let runs = this.#starts.length;
    while (runs > 0 && this.#starts[runs - 1]! >= length) runs--;
    for (const list of [this.#starts, this.#froms, this.#tos, this.#contexts, this.#sideBySide]) list.length = runs;
    const last = runs - 1;
    if (last >= 0 && this.#sideBySide[last]) this.#tos[last] = this.#froms[last]! + (length - this.#starts[last]!);
    this.value = this.value.slice(0, length);
  }

  /** File span of the characters [start, end) of the value; the word's span when empty. */
  span(start = 0, end = this.value.length): { offset: number; length: number } {
    const whole = { offset: this.start, length: this.end - this.start };
    if (end <= start || start >= this.value.length) return whole;
    const stop = Math.min(end, this.value.length);
    let first = Infinity;
    let last = -Infinity;
    let inside = false;
    let outside = false;
    for (let run = this.#run(start); run < this.#starts.length && this.#starts[run]! < stop; run++) {
      // The files offsets the run's characters in [start, stop) start at: lowest to highest, and where the last ends.
      let low = this.#froms[run]!;
      let high = low;
      let to = this.#tos[run]!;
      if (this.#sideBySide[run]) {
        low += Math.max(start, this.#starts[run]!) - this.#starts[run]!;
        high = low + Math.min(stop, this.#runEnd(run)) - Math.max(start, this.#starts[run]!) - 1;
        to = high + 1;
      }
      if (low < this.end && high >= this.start) inside = true;
      if (low < this.start || high >= this.end) outside = true;
      first = Math.min(first, low);
      last = Math.max(last, to);
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
    if (end <= start || end > this.value.length) return undefined;
    const first = this.#run(start);
    const context = this.#contexts[first]!;
    let previousEnd: number | undefined;
    for (let run = first; run < this.#starts.length && this.#starts[run]! < end; run++) {
      if (this.#contexts[run] !== context || !this.#sideBySide[run]) return undefined;
      const from = this.#froms[run]! + Math.max(start, this.#starts[run]!) - this.#starts[run]!;
      if (previousEnd !== undefined && from !== previousEnd) return undefined;
      previousEnd = this.#froms[run]! + Math.min(end, this.#runEnd(run)) - this.#starts[run]!;
    }
    return context === 'unknown' || context === 'ansi' ? undefined : context;
  }

  /** The value from `index` on, as a word of its own (`--files=[...]` after the `=`). */
  slice(index: number): ShellWord {
    const word = new ShellWord(index < this.value.length ? this.fromAt(index) : this.end, this.end);
    word.#copy(this, index, this.value.length);
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
  // Each node's type is asked of the parser once: every question crosses into its WebAssembly.
  const parts: TypedNode[] = [];
  for (const node of nodes) {
    const type = node.type;
    if (type !== 'concatenation') parts.push({ node, type });
    else for (const child of node.children) if (child) parts.push({ node: child, type: child.type });
  }
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const next = parts[i + 1];
    const name = part.type === '$' && next?.type === 'word' ? /^[A-Za-z_][A-Za-z0-9_]*/.exec(next.node.text)?.[0] : undefined;
    if (name) {
      expandNamed(word, name, part.node.startIndex, next!.node.startIndex + name.length, context, false);
      decodeBare(word, context.snippet, next!.node.startIndex + name.length, next!.node.endIndex);
      i++;
      continue;
    }
    decodeInto(word, part.node, part.type, context, false);
  }
  return applyTemplates(word, context);
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

function decodeInto(word: ShellWord, node: SyntaxNode, type: string, context: DecodeContext, quoted: boolean): void {
  switch (type) {
    case 'word':
    case 'number':
      decodeBare(word, context.snippet, node.startIndex, node.endIndex);
      return;
    case 'raw_string':
      pushCode(word, context.snippet, node.startIndex + 1, node.endIndex - 1, 'single');
      return;
    case 'string':
    case 'translated_string':
      decodeDoubleQuoted(word, node, type, context);
      return;
    case 'ansi_c_string':
      decodeAnsi(word, context.snippet, node.startIndex + 2, node.endIndex - 1);
      return;
    case 'concatenation':
      for (const child of node.children) if (child) decodeInto(word, child, child.type, context, quoted);
      return;
    case 'simple_expansion':
    case 'expansion':
      expandVariable(word, node, type, context, quoted);
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
      unknownPart(word, node, context, type === 'brace_expression' ? 'expression' : 'substitution', quoted);
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
function expandVariable(word: ShellWord, node: SyntaxNode, type: string, context: DecodeContext, quoted: boolean): void {
  const named = node.namedChildren.filter((child): child is SyntaxNode => child !== null);
  const plain = named.length === 1 && named[0]!.type === 'variable_name' && (type === 'simple_expansion' || node.childCount === 3);
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

/** The code [start, end) as written, in runs of the snippet's pieces. */
function pushCode(word: ShellWord, snippet: CodeMap, start: number, end: number, context: QuoteContext): void {
  for (let at = start; at < end;) {
    const stop = Math.min(end, snippet.pieceEnd(at));
    word.pushText(snippet.code.slice(at, stop), snippet.toFile(at), context);
    at = stop;
  }
}

const BACKSLASH = 92;

/** Unquoted text: a backslash quotes the next character; backslash-newline joins lines. */
function decodeBare(word: ShellWord, snippet: CodeMap, start: number, end: number): void {
  const { code, toFile } = snippet;
  let run = start;
  for (let i = start; i < end - 1; i++) {
    if (code.charCodeAt(i) !== BACKSLASH) continue;
    pushCode(word, snippet, run, i, 'bare');
    if (code[i + 1] !== '\n') word.push(code[i + 1]!, toFile(i), toFile(i + 1) + 1, 'bare');
    i++;
    run = i + 1;
  }
  pushCode(word, snippet, run, end, 'bare');
}

/** Inside double quotes a backslash escapes only $ ` " \ and newline. */
const DOUBLE_ESCAPES = new Set(['$', '`', '"', '\\', '\n']);

function decodeDoubleQuoted(word: ShellWord, node: SyntaxNode, type: string, context: DecodeContext): void {
  const { snippet } = context;
  const open = type === 'translated_string' ? 2 : 1;
  let at = node.startIndex + open;
  const end = node.endIndex - 1;
  const literal = (until: number) => decodeEscaped(word, snippet, at, until, (next) => DOUBLE_ESCAPES.has(next), 'double', 'double');
  for (const child of node.namedChildren) {
    const type = child?.type;
    if (!child || type === 'string_content') continue;
    literal(child.startIndex);
    decodeInto(word, child, type!, context, true);
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

/**
 * Text in which a backslash before a character `escapes` accepts stands for that character (and
 * backslash-newline for nothing); every other character, backslashes too, as written.
 */
function decodeEscaped(
  word: ShellWord,
  snippet: CodeMap,
  start: number,
  end: number,
  escapes: (next: string) => boolean,
  context: QuoteContext,
  escapedContext: QuoteContext,
): void {
  const { code, toFile } = snippet;
  let run = start;
  for (let i = start; i < end - 1; i++) {
    if (code.charCodeAt(i) !== BACKSLASH || !escapes(code[i + 1]!)) continue;
    pushCode(word, snippet, run, i, context);
    if (code[i + 1] !== '\n') word.push(code[i + 1]!, toFile(i), toFile(i + 1) + 1, escapedContext);
    i++;
    run = i + 1;
  }
  pushCode(word, snippet, run, end, context);
}

/** `$'...'`: C escapes. */
function decodeAnsi(word: ShellWord, snippet: CodeMap, start: number, end: number): void {
  const { code, toFile } = snippet;
  let run = start;
  for (let i = start; i < end - 1; i++) {
    if (code.charCodeAt(i) !== BACKSLASH) continue;
    const next = code[i + 1]!;
    const escaped = C_ESCAPES[next];
    const hex = escaped === undefined ? /^(x[0-9a-fA-F]{1,2}|u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8}|[0-7]{1,3})/.exec(code.slice(i + 1, end)) : null;
    // Any other backslash stays, as written.
    if (escaped === undefined && !hex) continue;
    pushCode(word, snippet, run, i, 'ansi');
    if (escaped !== undefined) {
      word.push(escaped, toFile(i), toFile(i + 1) + 1, 'ansi');
      i++;
    } else {
      const digits = hex![0];
      const value = /^[0-7]/.test(digits) ? parseInt(digits, 8) : parseInt(digits.slice(1), 16);
      word.push(String.fromCodePoint(value), toFile(i), toFile(i + digits.length) + 1, 'ansi');
      i += digits.length;
    }
    run = i + 1;
  }
  pushCode(word, snippet, run, end, 'ansi');
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
  const piece = new ShellWord(word.start, word.end);
  const escapes = (next: string) => !quoted && next !== '"' && DOUBLE_ESCAPES.has(next);
  const literal = (from: number, until: number) =>
    decodeEscaped(piece, context.snippet, from, until, escapes, quoted ? 'heredoc-quoted' : 'heredoc', 'heredoc');
  let at = body.startIndex;
  if (!quoted) {
    for (const child of body.namedChildren) {
      const type = child?.type;
      if (!child || type === 'heredoc_content') continue;
      literal(at, child.startIndex);
      decodeInto(piece, child, type!, context, true);
      at = child.endIndex;
    }
  }
  literal(at, body.endIndex);
  let length = piece.value.length;
  if (trimTrailingNewlines) while (length > 0 && piece.value[length - 1] === '\n') length--;
  piece.truncate(length);
  word.append(piece);
}

/**
 * Characters inside a host template (`${{ ... }}`) are unknown whatever the shell made of them:
 * the host replaces the text before the shell runs.
 */
function applyTemplates(word: ShellWord, context: DecodeContext): ShellWord {
  const templates = context.snippet.templates;
  if (!templates?.length) return word;
  const toFile = context.snippet.toFile;
  const fileTemplates = templates
    .map((span) => ({ start: toFile(span.offset), end: toFile(span.offset + span.length - 1) + 1 }))
    .filter((template) => word.touches(template.start, template.end));
  if (fileTemplates.length === 0) return word;
  const hit = (i: number) => {
    const from = word.fromAt(i);
    const to = word.toAt(i);
    return fileTemplates.find((t) => from < t.end && to > t.start);
  };
  const rebuilt = new ShellWord(word.start, word.end);
  rebuilt.splits = word.splits;
  for (let i = 0; i < word.value.length; i++) {
    const template = hit(i);
    if (!template) {
      rebuilt.push(word.value[i]!, word.fromAt(i), word.toAt(i), word.contextAt(i));
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
  return rebuilt;
}

/** A literal a host gives a variable, as a word written where the host writes it. */
export function hostWord(literal: HostLiteral): ShellWord {
  const word = new ShellWord(literal.offsets[0] ?? 0, literal.offsets[literal.value.length] ?? 0);
  for (let i = 0; i < literal.value.length; i++) word.push(literal.value[i]!, literal.offsets[i]!, literal.offsets[i + 1]!, 'host');
  return word;
}
