import jsonc from 'jsonc-parser';
import type { SchemaNode } from '../../../schema/schema-node.js';
import { markOpen, unknownValue, type UnknownReason } from '../../../value/unknown.js';
import { linesOf, positionalParses, scanJson } from '../../json-document.js';
import { LIMITS } from '../../limits.js';
import { strictJsonTree } from '../../strict-json-tree.js';
import type { ParseProblem, Span } from '../../types.js';
import type { LocatedValue } from '../located-value.js';
import { isMapSchema } from './cli-model.js';
import { firstSentinel, hasSentinel, type QuoteContext, type Sentinels, type ShellWord } from './shell-word.js';
import { ShorthandError, parseShorthand, type ShorthandNode } from './shorthand.js';

/** How a value that a fix replaces is written: its syntax, and the shell quoting around it. */
export interface EditSite {
  readonly syntax: 'json' | 'shorthand' | 'word' | 'words';
  readonly context: QuoteContext;
}

/** Where fixes can be written: values and keys, by their located node. */
export interface EditSites {
  readonly values: WeakMap<LocatedValue, EditSite>;
  readonly keys: WeakMap<LocatedValue, EditSite>;
}

/** Text a value is parsed from, and where each of its characters is in the file. */
export interface ValueText {
  readonly text: string;
  /** File span of [start, end) of the text. */
  span(start: number, end: number): Span;
  /** The shell quoting of [start, end) when it is written plainly there (fixes can replace it). */
  site(start: number, end: number): QuoteContext | undefined;
  /** The text is another file's (a `file://` value's): a message names that file's lines. */
  readonly fromFile?: true;
}

/** A word's value from `offset` on (after `--files=`). */
export function wordText(word: ShellWord, offset = 0): ValueText {
  return {
    text: word.value.slice(offset),
    span: (start, end) => word.span(start + offset, end + offset),
    site: (start, end) => word.plainContext(start + offset, end + offset),
  };
}

/** The content of a file a `file://` value names: every part of it is located at the value that names it. */
export function fileText(text: string, at: Span): ValueText {
  return { text, span: () => at, site: () => undefined, fromFile: true };
}

export interface ReadValues {
  readonly sentinels: Sentinels;
  readonly fileText: string;
  readonly sites: EditSites;
}

/**
 * A string of a value text: a plain string, or, when part of it is known only at run time, an
 * unknown value (with the literal text it starts with, when there is some).
 */
export function stringValue(source: ValueText, start: number, end: number, value: string, read: ReadValues): unknown {
  const first = firstSentinel(value);
  if (first === -1) return value;
  const span = source.span(start, end);
  const whole = read.fileText.slice(span.offset, span.offset + span.length);
  const single = value.length === 1 ? read.sentinels.part(value) : undefined;
  const reason: UnknownReason = single?.reason ?? 'template';
  return unknownValue(single?.source ?? whole, reason, value.slice(0, first) || undefined);
}

/** How many located values were made (copies too), for tests that hold a value's reading to one node per part of it. */
export const locatedValues = { count: 0 };

function located(value: unknown, span: Span, extra: Partial<LocatedValue> = {}): LocatedValue {
  locatedValues.count++;
  return { value, span, ...extra };
}

/** A copy of a located value with more spans (its key, its member), keeping where fixes can be written. */
export function relocated(sites: EditSites, node: LocatedValue, extra: Partial<LocatedValue>): LocatedValue {
  locatedValues.count++;
  const copy = { ...node, ...extra };
  const value = sites.values.get(node);
  if (value) sites.values.set(copy, value);
  const key = sites.keys.get(node);
  if (key) sites.keys.set(copy, key);
  return copy;
}

/**
 * A JSON value as the AWS CLI reads it (Python's json.loads: strict, duplicate keys last-wins).
 * Unknown parts inside strings make the string unknown; an unknown part where a value stands
 * (`"maximumPerMinute": $RATE`) is an unknown value; an unknown key opens its object.
 */
export function readJsonValue(source: ValueText, read: ReadValues, problems: ParseProblem[], path: string): LocatedValue {
  // Put quotes around unknown parts that stand where a value stands, so the JSON parses.
  const { text, toSource } = quoteBareUnknowns(source.text);
  const mapSpan = (offset: number, length: number): Span => {
    const start = toSource(offset);
    const end = length === 0 ? start : toSource(offset + length - 1) + 1;
    return source.span(start, Math.max(end, start + (length === 0 ? 0 : 1)));
  };
  // Most values are strict JSON with no key repeated: they have no problem to find.
  const tree =
    strictTree(text) ??
    positionalTree(
      text,
      (problem) => {
        const span = mapSpan(problem.offset, problem.length);
        problems.push({ ruleId: problem.ruleId, message: problem.message, offset: span.offset, length: span.length, path: `${path}${problem.path}` });
      },
      source.fromFile ? linesOf(text) : fileLine(read.fileText, (offset) => mapSpan(offset, 1).offset),
    );
  if (!tree) return located(undefined, source.span(0, source.text.length));
  // Each node is made once, with where it stands in its container (its key and member, or as an item).
  const build = (node: jsonc.Node, place?: { key: Span; member: Span } | 'item'): LocatedValue => {
    const start = toSource(node.offset);
    const end = toSource(node.offset + node.length - 1) + 1;
    const span = source.span(start, end);
    const at = place === 'item' ? { member: span } : place;
    const keep = (made: LocatedValue): LocatedValue => {
      const context = source.site(start, end);
      if (context && (node.type === 'string' || node.type === 'number' || node.type === 'boolean' || node.type === 'null')) {
        read.sites.values.set(made, { syntax: 'json', context });
      }
      return made;
    };
    switch (node.type) {
      case 'object': {
        const children = new Map<string | number, LocatedValue>();
        const value: Record<string, unknown> = {};
        const memberSpans: Span[] = [];
        let open = false;
        for (const property of node.children ?? []) {
          const [keyNode, valueNode] = property.children ?? [];
          if (!keyNode) continue;
          const member = mapSpan(property.offset, property.length);
          memberSpans.push(member);
          const key = String(keyNode.value);
          if (hasSentinel(key)) {
            open = true;
            continue;
          }
          if (!valueNode) continue;
          const keyStart = toSource(keyNode.offset);
          const keyEnd = toSource(keyNode.offset + keyNode.length - 1) + 1;
          const child = build(valueNode, { key: source.span(keyStart, keyEnd), member });
          const keyContext = source.site(keyStart, keyEnd);
          if (keyContext) read.sites.keys.set(child, { syntax: 'json', context: keyContext });
          children.set(key, child);
          value[key] = child.value;
        }
        if (open) markOpen(value, ['an unknown key']);
        return located(value, span, { ...at, children, memberSpans });
      }
      case 'array': {
        const items = (node.children ?? []).map((item) => build(item, 'item'));
        return located(
          items.map((item) => item.value),
          span,
          { ...at, children: new Map(items.map((item, i) => [i, item])), memberSpans: items.map((item) => item.span) },
        );
      }
      case 'string':
        return keep(located(stringValue(source, start + 1, end - 1, String(node.value), read), span, at));
      default:
        return keep(located(node.value, span, at));
    }
  };
  return build(tree);
}

/** The tree of a value `JSON.parse` reads, with no key repeated (then it has no problem); else undefined. */
function strictTree(text: string): jsonc.Node | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return strictJsonTree(text, value, LIMITS.maxDepth);
}

/** The line in the file of an offset of a value's text, `toFile` mapping the offset into the file. */
function fileLine(fileText: string, toFile: (offset: number) => number): (offset: number) => number {
  const lineOf = linesOf(fileText);
  return (offset) => lineOf(toFile(offset));
}

/** The recovering parser's tree, after a scan that finds the value's syntax problems and repeated keys (their messages name `lineOf`'s lines). */
function positionalTree(text: string, report: (problem: ParseProblem) => void, lineOf: (offset: number) => number): jsonc.Node | undefined {
  const found: ParseProblem[] = [];
  scanJson(text, found, lineOf);
  found.forEach(report);
  positionalParses.trees++;
  return jsonc.parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
}

// jsonc-parser's SyntaxKind is an ambient const enum, which isolated modules cannot read.
const SYNTAX_UNKNOWN = 16;
const SYNTAX_EOF = 17;

/** The value text with quotes around each run of unknown parts outside strings, and the way back. */
function quoteBareUnknowns(text: string): { text: string; toSource: (offset: number) => number } {
  if (!hasSentinel(text)) return { text, toSource: (offset) => offset };
  const scanner = jsonc.createScanner(text, false);
  const inserts: number[] = [];
  for (let kind = scanner.scan() as number; kind !== SYNTAX_EOF; kind = scanner.scan() as number) {
    if (kind !== SYNTAX_UNKNOWN) continue;
    const offset = scanner.getTokenOffset();
    const token = text.slice(offset, offset + scanner.getTokenLength());
    if (hasSentinel(token)) inserts.push(offset, offset + token.length);
  }
  if (inserts.length === 0) return { text, toSource: (offset) => offset };
  let out = '';
  const back: number[] = [];
  let at = 0;
  for (const [i, position] of inserts.entries()) {
    for (; at < position; at++) {
      out += text[at];
      back.push(at);
    }
    out += '"';
    // An opening quote stands for the part's first character, a closing one for its last.
    back.push(i % 2 === 0 ? position : position - 1);
  }
  for (; at < text.length; at++) {
    out += text[at];
    back.push(at);
  }
  return { text: out, toSource: (offset) => back[Math.min(offset, back.length - 1)] ?? text.length };
}

/**
 * A shorthand value (`a=b,c={d=e}`), parsed as the AWS CLI parses it and then typed by the model
 * as its BackCompatVisitor does: a single value where a list is wanted becomes a list of one,
 * integers and doubles are converted. A syntax error is reported (the CLI rejects the command).
 */
export function readShorthandValue(
  source: ValueText,
  schema: SchemaNode | undefined,
  read: ReadValues,
  problems: ParseProblem[],
  path: string,
  option: string,
  readFileValue: (value: string, at: Span) => LocatedValue | undefined,
): LocatedValue {
  let parsed: ShorthandNode;
  try {
    parsed = parseShorthand(source.text);
  } catch (error) {
    const index = error instanceof ShorthandError ? error.index : 0;
    const span = source.span(Math.min(index, source.text.length - 1), Math.min(index + 1, source.text.length));
    problems.push({
      ruleId: 'cli-shorthand-syntax',
      sourceRule: true,
      message: `The shorthand value of ${option} does not parse: ${(error as Error).message}. The AWS CLI rejects the command ("Error parsing parameter '${option}'"). Write it as key=value,key2={key3=value3}, or give JSON.`,
      offset: span.offset,
      length: span.length,
      path,
    });
    // The command is rejected, and what it meant is not known: no rule guesses at it.
    const whole = source.span(0, source.text.length);
    return located(unknownValue(read.fileText.slice(whole.offset, whole.offset + whole.length), 'expression'), whole);
  }
  return typedShorthand(parsed, schema, source, read, readFileValue);
}

function typedShorthand(
  node: ShorthandNode,
  schema: SchemaNode | undefined,
  source: ValueText,
  read: ReadValues,
  readFileValue: (value: string, at: Span) => LocatedValue | undefined,
): LocatedValue {
  const span = source.span(node.start, node.end);
  if (schema?.type === 'array' && node.kind !== 'list') {
    const only = typedShorthand(node, schema.items, source, read, readFileValue);
    return located([only.value], span, { children: new Map([[0, only]]) });
  }
  switch (node.kind) {
    case 'object': {
      const children = new Map<string | number, LocatedValue>();
      const value: Record<string, unknown> = {};
      const map = isMapSchema(schema);
      for (const member of node.members) {
        const memberSchema = map ? (schema!.additionalProperties as SchemaNode) : schema?.properties?.[member.key];
        const child = typedShorthand(member.value, memberSchema, source, read, readFileValue);
        const withKey = relocated(read.sites, child, {
          key: source.span(member.keyStart, member.keyEnd),
          member: source.span(member.keyStart, member.value.end),
        });
        const keyContext = source.site(member.keyStart, member.keyEnd);
        if (keyContext) read.sites.keys.set(withKey, { syntax: 'shorthand', context: keyContext });
        children.set(member.key, withKey);
        value[member.key] = child.value;
      }
      return located(value, span, { children });
    }
    case 'list': {
      const items = node.items.map((item) => typedShorthand(item, schema?.items, source, read, readFileValue));
      return located(
        items.map((item) => item.value),
        span,
        { children: new Map(items.map((item, i) => [i, item])) },
      );
    }
    case 'string': {
      if (node.fromFile) {
        const fromFile = readFileValue(node.value, span);
        if (fromFile) return fromFile;
      }
      const quoted = node.verbatim ? 0 : node.value.length === node.end - node.start - 2 ? 1 : -1;
      const inner = quoted === 1 ? [node.start + 1, node.end - 1] : [node.start, node.end];
      const raw = stringValue(source, inner[0]!, inner[1]!, node.value, read);
      const value = typeof raw === 'string' ? convertScalar(raw, schema) : raw;
      const made = located(value, span);
      const context = node.verbatim ? source.site(node.start, node.end) : undefined;
      if (context) read.sites.values.set(made, { syntax: 'shorthand', context });
      return made;
    }
  }
}

/** int() and float() of the CLI's BackCompatVisitor; text they cannot convert stays text. */
function convertScalar(value: string, schema: SchemaNode | undefined): unknown {
  if (schema?.type === 'integer' && /^\s*[+-]?\d+(?:_\d+)*\s*$/.test(value)) return Number(value.replace(/_/g, ''));
  if (schema?.type === 'number' && /^\s*[+-]?(?:\d+(?:_\d+)*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/.test(value)) return Number(value.replace(/_/g, ''));
  if (schema?.type === 'boolean' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  return value;
}
