import type { JsonPath } from '../../../diagnostic.js';
import { RESERVED_RULE_IDS } from '../../../diagnostic.js';
import { markOpen, unknownValue, type UnknownReason } from '../../../value/unknown.js';
import type { ParseProblem, Span } from '../../types.js';
import { base64AsSent, isBlobPath, textAsWireBlob } from '../blob.js';
import type { LocatedValue } from '../located-value.js';
import { children, type SyntaxNode } from './parse.js';
import { decodePythonString } from './strings.js';

export interface ReadContext {
  readonly text: string;
  readonly problems: ParseProblem[];
}

const PUNCTUATION = new Set(['(', ')', '[', ']', '{', '}', 'Comment']);

export const spanOf = (node: SyntaxNode): Span => ({ offset: node.from, length: node.to - node.from });
export const textOf = (node: SyntaxNode, text: string): string => text.slice(node.from, node.to);

/** The items of a list, tuple, dict or argument list: its children split at the commas. */
export function items(node: SyntaxNode): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [[]];
  for (const child of children(node)) {
    if (PUNCTUATION.has(child.name)) continue;
    if (child.name === ',') groups.push([]);
    else groups[groups.length - 1]!.push(child);
  }
  return groups.filter((group) => group.length > 0);
}

/** The span of an item (`key: value`, `name=value`, `**rest`). */
export const itemSpan = (group: readonly SyntaxNode[]): Span => ({ offset: group[0]!.from, length: group[group.length - 1]!.to - group[0]!.from });

/**
 * The request value a Python expression stands for: literals (str, bytes, int, float, True,
 * False, None, lists, tuples, dicts) are values; names, calls, `os.environ`, f-strings with
 * replacement fields and anything computed are unknown.
 */
export function readValue(node: SyntaxNode, path: JsonPath, context: ReadContext): LocatedValue {
  const span = spanOf(node);
  const source = textOf(node, context.text);
  const unknown = (reason: UnknownReason): LocatedValue => ({ value: unknownValue(source, reason), span });
  if (isBlobPath(path)) return readBlob(node, context);

  switch (node.name) {
    case 'String':
    case 'FormatString':
    case 'ContinuedString': {
      const literal = readString(node, context.text);
      if (literal === 'template') return unknown('template');
      if (literal?.kind !== 'str') return unknown('expression');
      return { value: literal.value, span };
    }
    case 'Number': {
      const number = readNumber(source);
      return number === undefined ? unknown('expression') : { value: number, span };
    }
    case 'Boolean':
      return { value: source === 'True', span };
    case 'None':
      return { value: null, span };
    case 'UnaryExpression': {
      const [operator, operand] = children(node);
      const number = operand?.name === 'Number' ? readNumber(textOf(operand, context.text)) : undefined;
      if (number !== undefined && (operator?.name === 'ArithOp' || operator?.name === '-' || operator?.name === '+')) {
        const sign = textOf(operator, context.text);
        if (sign === '-' || sign === '+') return { value: sign === '-' ? -number : number, span };
      }
      return unknown('expression');
    }
    case 'ParenthesizedExpression': {
      const inner = children(node).find((child) => !PUNCTUATION.has(child.name));
      return inner ? readValue(inner, path, context) : unknown('expression');
    }
    case 'ArrayExpression':
    case 'TupleExpression':
      return readList(node, path, context);
    case 'DictionaryExpression':
      return readDict(node, path, context);
    case 'VariableName':
      return unknown('variable');
    case 'MemberExpression':
      return unknown(isEnvironment(source) ? 'environment' : 'variable');
    case 'CallExpression':
      return unknown(isEnvironment(source) ? 'environment' : 'call');
    default:
      return unknown('expression');
  }
}

function isEnvironment(source: string): boolean {
  return /^os\s*\.\s*(?:environ\b|getenv\s*\()/.test(source);
}

/** A str or bytes literal (adjacent literals concatenated), 'template' for an f-string with fields. */
function readString(node: SyntaxNode, text: string): ReturnType<typeof decodePythonString> | 'template' {
  const parts = node.name === 'ContinuedString' ? children(node).filter((child) => child.name !== 'Comment') : [node];
  let kind: 'str' | 'bytes' | undefined;
  const chunks: Array<string | Uint8Array> = [];
  for (const part of parts) {
    if (part.name === 'FormatString' && children(part).some((child) => child.name === 'FormatReplacement')) return 'template';
    if (part.name !== 'String' && part.name !== 'FormatString') return undefined;
    const decoded = decodePythonString(textOf(part, text));
    if (!decoded || (kind !== undefined && decoded.kind !== kind)) return undefined;
    kind = decoded.kind;
    chunks.push(decoded.value);
  }
  if (kind === 'str') return { kind, value: chunks.join('') };
  if (kind === 'bytes') return { kind, value: Buffer.concat(chunks.map((chunk) => Buffer.from(chunk as Uint8Array))) };
  return undefined;
}

function readNumber(source: string): number | undefined {
  const digits = source.replace(/_/g, '');
  if (/[jJ]$/.test(digits)) return undefined;
  if (/^0[xX][0-9a-fA-F]+$/.test(digits)) return parseInt(digits.slice(2), 16);
  if (/^0[oO][0-7]+$/.test(digits)) return parseInt(digits.slice(2), 8);
  if (/^0[bB][01]+$/.test(digits)) return parseInt(digits.slice(2), 2);
  const value = Number(digits);
  return Number.isFinite(value) ? value : undefined;
}

function readList(node: SyntaxNode, path: JsonPath, context: ReadContext): LocatedValue {
  const value: unknown[] = [];
  const childNodes = new Map<string | number, LocatedValue>();
  const openSources: string[] = [];
  const groups = items(node);
  for (const group of groups) {
    const member = itemSpan(group);
    if (group[0]!.name === '*' || group.length !== 1) {
      openSources.push(context.text.slice(member.offset, member.offset + member.length));
      continue;
    }
    const index = value.length;
    const read = readValue(group[0]!, [...path, index], context);
    childNodes.set(index, { ...read, member });
    value.push(read.value);
  }
  if (openSources.length > 0) markOpen(value, openSources);
  return { value, span: spanOf(node), children: childNodes, memberSpans: groups.map(itemSpan) };
}

/** One member of a dict or a call's keywords: `key: value`, `name=value`, or `**rest`. */
export interface Member {
  readonly name?: string;
  readonly key?: SyntaxNode;
  readonly value?: SyntaxNode;
  /** `**rest`: what it unpacks. */
  readonly unpacked?: SyntaxNode;
  readonly span: Span;
}

export function dictMembers(node: SyntaxNode, text: string): Member[] {
  return items(node).map((group) => {
    const span = itemSpan(group);
    if (group[0]!.name === '**') return { unpacked: group[1]!, span };
    const [key, colon, value] = group;
    if (!key || colon?.name !== ':' || !value || group.length !== 3) return { span };
    const literal = key.name === 'String' || key.name === 'ContinuedString' ? readString(key, text) : undefined;
    const name = literal && literal !== 'template' && literal.kind === 'str' ? (literal.value as string) : undefined;
    return name === undefined ? { span } : { name, key, value, span };
  });
}

function readDict(node: SyntaxNode, path: JsonPath, context: ReadContext): LocatedValue {
  const members = dictMembers(node, context.text);
  return { ...readMembers(members, path, context, true), span: spanOf(node), memberSpans: members.map((m) => m.span) };
}

/**
 * Members into an object. In a dict, a later `**rest` may replace what came before it, so those
 * members become unknown; call keywords cannot repeat, so there it only opens the object.
 * `unpack` may resolve `**rest` to the members of a dict literal it is bound to.
 */
export function readMembers(
  members: readonly Member[],
  path: JsonPath,
  context: ReadContext,
  laterReplaces: boolean,
  unpack?: (node: SyntaxNode) => readonly Member[] | undefined,
): { value: Record<string, unknown>; children: Map<string | number, LocatedValue> } {
  const value: Record<string, unknown> = {};
  const childNodes = new Map<string | number, LocatedValue>();
  const openSources: string[] = [];
  const seen = new Set<string>();
  const add = (member: Member) => {
    if (member.name === undefined || !member.value || !member.key) {
      openSources.push(context.text.slice(member.span.offset, member.span.offset + member.span.length));
      return;
    }
    if (seen.has(member.name)) {
      context.problems.push({
        ruleId: RESERVED_RULE_IDS.duplicateKey,
        message: `Duplicate key "${member.name}"; Python keeps only the last one, and so does the request boto3 sends. Remove one of them.`,
        offset: member.key.from,
        length: member.key.to - member.key.from,
        path: '',
      });
    }
    seen.add(member.name);
    const read = readValue(member.value, [...path, member.name], context);
    childNodes.set(member.name, { ...read, key: spanOf(member.key), member: member.span });
    value[member.name] = read.value;
  };
  for (const member of members) {
    if (!member.unpacked) {
      add(member);
      continue;
    }
    const resolved = unpack?.(member.unpacked);
    if (resolved) {
      for (const inner of resolved) add(inner);
      continue;
    }
    openSources.push(context.text.slice(member.span.offset, member.span.offset + member.span.length));
    if (laterReplaces) {
      for (const [name, child] of childNodes) {
        const replaced: LocatedValue = {
          value: unknownValue(context.text.slice(child.span.offset, child.span.offset + child.span.length), 'spread'),
          span: child.span,
        };
        childNodes.set(name, { ...replaced, ...(child.key ? { key: child.key } : {}), ...(child.member ? { member: child.member } : {}) });
        value[name] = replaced.value;
      }
    }
  }
  if (openSources.length > 0) markOpen(value, openSources);
  return { value, children: childNodes };
}

/**
 * `signature.inlineDocument` takes bytes in boto3. The value is what goes on the wire (base64 of
 * the bytes): `b'...'` is its bytes; `base64.b64decode(s)` is `s` (re-encoded as boto3 does); a
 * str is its UTF-8 bytes,
 * which boto3 base64-encodes once more.
 */
function readBlob(node: SyntaxNode, context: ReadContext): LocatedValue {
  const span = spanOf(node);
  const source = textOf(node, context.text);
  if (node.name === 'String' || node.name === 'FormatString' || node.name === 'ContinuedString') {
    const literal = readString(node, context.text);
    if (literal === 'template') return { value: unknownValue(source, 'template'), span };
    if (literal?.kind === 'bytes') return { value: Buffer.from(literal.value as Uint8Array).toString('base64'), span, blob: 'bytes' };
    if (literal?.kind === 'str') return { value: textAsWireBlob(literal.value as string), span, blob: 'text', writeAsBytes: true };
    return { value: unknownValue(source, 'expression'), span };
  }
  if (node.name === 'CallExpression' && /^(?:base64\s*\.\s*)?b64decode\s*\(/.test(source)) {
    const argumentList = children(node).find((child) => child.name === 'ArgList');
    const argumentGroups = argumentList ? items(argumentList) : [];
    const only = argumentGroups.length === 1 && argumentGroups[0]!.length === 1 ? argumentGroups[0]![0]! : undefined;
    const literal = only && (only.name === 'String' || only.name === 'ContinuedString') ? readString(only, context.text) : undefined;
    if (literal && literal !== 'template') {
      const base64 = literal.kind === 'str' ? (literal.value as string) : Buffer.from(literal.value as Uint8Array).toString('latin1');
      return { value: base64AsSent(base64, true), span: spanOf(only!), blob: 'bytes' };
    }
    return { value: unknownValue(source, 'call'), span, blob: 'bytes' };
  }
  return { value: unknownValue(source, node.name === 'VariableName' ? 'variable' : 'call'), span };
}
