import type { JsonPath } from '../../../diagnostic.js';
import { RESERVED_RULE_IDS } from '../../../diagnostic.js';
import { markOpen, unknownValue, type UnknownReason } from '../../../value/unknown.js';
import type { ParseProblem, Span } from '../../types.js';
import { base64AsSent, isBlobPath, textAsWireBlob } from '../blob.js';
import type { LocatedValue } from '../located-value.js';
import type { PyNode } from './parse.js';
import { decodePythonString, hasReplacementField } from './strings.js';

export interface ReadContext {
  readonly text: string;
  readonly problems: ParseProblem[];
}

export const spanOf = (node: PyNode): Span => ({ offset: node.from, length: node.to - node.from });
export const textOf = (node: PyNode, text: string): string => text.slice(node.from, node.to);

/** A string literal or adjacent ones; `f"..."` alone is a format string (see `isPlainString`). */
const isString = (node: PyNode): boolean => node.type === 'string' || node.type === 'concatenated_string';
/** A string literal that is not an f-string alone (adjacent literals may hold f-strings without fields). */
const isPlainString = (node: PyNode, text: string): boolean =>
  node.type === 'concatenated_string' || (node.type === 'string' && !/^[a-zA-Z]*[fF]/.test(text.slice(node.from, node.from + 3)));

/** The items of a list, tuple, dict or argument list (keyword arguments, pairs, `*` and `**` items). */
export const items = (node: PyNode): readonly PyNode[] => node.children;

/**
 * The request value a Python expression stands for: literals (str, bytes, int, float, True,
 * False, None, lists, tuples, dicts) are values; names, calls, `os.environ`, f-strings with
 * replacement fields and anything computed are unknown.
 */
export function readValue(node: PyNode, path: JsonPath, context: ReadContext): LocatedValue {
  if (isBlobPath(path)) return readBlob(node, context);
  switch (node.type) {
    case 'string':
    case 'concatenated_string': {
      const literal = readString(node, context.text);
      if (literal === 'template') return unknownAt(node, context, 'template');
      if (literal?.kind !== 'str') return unknownAt(node, context, 'expression');
      return { value: literal.value, span: spanOf(node) };
    }
    case 'integer':
    case 'float': {
      const number = readNumber(textOf(node, context.text));
      return number === undefined ? unknownAt(node, context, 'expression') : { value: number, span: spanOf(node) };
    }
    case 'true':
    case 'false':
      return { value: node.type === 'true', span: spanOf(node) };
    case 'none':
      return { value: null, span: spanOf(node) };
    case 'unary_operator': {
      // The operator is the node's first character; its operand its one named child.
      const sign = context.text[node.from];
      const [operand] = node.children;
      const number = operand?.type === 'integer' || operand?.type === 'float' ? readNumber(textOf(operand, context.text)) : undefined;
      if (number !== undefined && (sign === '-' || sign === '+')) return { value: sign === '-' ? -number : number, span: spanOf(node) };
      return unknownAt(node, context, 'expression');
    }
    case 'parenthesized_expression': {
      const inner = node.children[0];
      return inner ? readValue(inner, path, context) : unknownAt(node, context, 'expression');
    }
    case 'list':
    case 'tuple':
      return readList(node, path, context);
    case 'dictionary':
      return readDict(node, path, context);
    case 'identifier':
      return unknownAt(node, context, 'variable');
    case 'attribute':
    case 'subscript':
      return unknownAt(node, context, isEnvironment(textOf(node, context.text)) ? 'environment' : 'variable');
    case 'call':
      return unknownAt(node, context, isEnvironment(textOf(node, context.text)) ? 'environment' : 'call');
    default:
      return unknownAt(node, context, 'expression');
  }
}

/** A value known only at run time, written as `node`. */
const unknownAt = (node: PyNode, context: ReadContext, reason: UnknownReason): LocatedValue => ({
  value: unknownValue(textOf(node, context.text), reason),
  span: spanOf(node),
});

function isEnvironment(source: string): boolean {
  return /^os\s*\.\s*(?:environ\b|getenv\s*\()/.test(source);
}

/** A str or bytes literal (adjacent literals concatenated), 'template' for an f-string with fields. */
function readString(node: PyNode, text: string): ReturnType<typeof decodePythonString> | 'template' {
  const parts = node.type === 'concatenated_string' ? node.children : [node];
  let kind: 'str' | 'bytes' | undefined;
  const chunks: Array<string | Uint8Array> = [];
  for (const part of parts) {
    if (part.type !== 'string') return undefined;
    const source = textOf(part, text);
    if (hasReplacementField(source)) return 'template';
    const decoded = decodePythonString(source);
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

function readList(node: PyNode, path: JsonPath, context: ReadContext): LocatedValue {
  const value: unknown[] = [];
  const childNodes = new Map<string | number, LocatedValue>();
  const openSources: string[] = [];
  const elements = items(node);
  for (const element of elements) {
    if (element.type === 'list_splat' || element.type === 'parenthesized_list_splat') {
      openSources.push(textOf(element, context.text));
      continue;
    }
    const index = value.length;
    const read = readValue(element, [...path, index], context);
    childNodes.set(index, { ...read, member: spanOf(element) });
    value.push(read.value);
  }
  if (openSources.length > 0) markOpen(value, openSources);
  return { value, span: spanOf(node), children: childNodes, memberSpans: elements.map(spanOf) };
}

/** One member of a dict or a call's keywords: `key: value`, `name=value`, or `**rest`. */
export interface Member {
  readonly name?: string;
  readonly key?: PyNode;
  readonly value?: PyNode;
  /** `**rest`: what it unpacks. */
  readonly unpacked?: PyNode;
  readonly span: Span;
}

export function dictMembers(node: PyNode, text: string): Member[] {
  return items(node).map((item) => {
    const span = spanOf(item);
    if (item.type === 'dictionary_splat') return { unpacked: item.children[0]!, span };
    const [key, value] = item.type === 'pair' ? item.children : [];
    if (!key || !value) return { span };
    const literal = isPlainString(key, text) ? readString(key, text) : undefined;
    const name = literal && literal !== 'template' && literal.kind === 'str' ? (literal.value as string) : undefined;
    return name === undefined ? { span } : { name, key, value, span };
  });
}

function readDict(node: PyNode, path: JsonPath, context: ReadContext): LocatedValue {
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
  unpack?: (node: PyNode) => readonly Member[] | undefined,
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
function readBlob(node: PyNode, context: ReadContext): LocatedValue {
  const span = spanOf(node);
  const source = textOf(node, context.text);
  if (isString(node)) {
    const literal = readString(node, context.text);
    if (literal === 'template') return { value: unknownValue(source, 'template'), span };
    if (literal?.kind === 'bytes') return { value: Buffer.from(literal.value as Uint8Array).toString('base64'), span, blob: 'bytes' };
    if (literal?.kind === 'str') return { value: textAsWireBlob(literal.value as string), span, blob: 'text', writeAsBytes: true };
    return { value: unknownValue(source, 'expression'), span };
  }
  if (node.type === 'call' && /^(?:base64\s*\.\s*)?b64decode\s*\(/.test(source)) {
    const argumentList = node.children[1];
    const argumentItems = argumentList?.type === 'argument_list' ? items(argumentList) : [];
    const only = argumentItems.length === 1 ? argumentItems[0]! : undefined;
    const literal = only && isPlainString(only, context.text) ? readString(only, context.text) : undefined;
    if (literal && literal !== 'template') {
      const base64 = literal.kind === 'str' ? (literal.value as string) : Buffer.from(literal.value as Uint8Array).toString('latin1');
      return { value: base64AsSent(base64, true), span: spanOf(only!), blob: 'bytes' };
    }
    return { value: unknownValue(source, 'call'), span, blob: 'bytes' };
  }
  return { value: unknownValue(source, node.type === 'identifier' ? 'variable' : 'call'), span };
}
