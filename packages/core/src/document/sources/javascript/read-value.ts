import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { JsonPath } from '../../../diagnostic.js';
import { markOpen, unknownValue, type UnknownReason } from '../../../value/unknown.js';
import type { ParseProblem, Span } from '../../types.js';
import { RESERVED_RULE_IDS } from '../../../diagnostic.js';
import { base64AsSent, isBlobPath, textAsWireBlob } from '../blob.js';
import type { LocatedValue } from '../located-value.js';
import { memberName, type Bindings } from './bindings.js';

type Node = TSESTree.Node;

/** How many constants one value may be followed through (each use is one step; this bounds chains). */
const MAX_FOLLOWS = 8;

/** A member whose value the SDK leaves out (`undefined`, and `null`, which the v3 SDK drops). */
const ABSENT = Symbol('absent');

export interface ReadContext {
  readonly text: string;
  readonly bindings: Bindings;
  readonly problems: ParseProblem[];
  /** False where the code does not hand blobs to the SDK itself (a CDK custom resource): unknown. */
  readonly blobsAsWritten: boolean;
}

/** A value `readValue` has just made (a new object every time), which its container completes. */
type Fresh = { -readonly [K in keyof LocatedValue]: LocatedValue[K] };

export const spanOf = (node: Node): Span => ({ offset: node.range[0], length: node.range[1] - node.range[0] });
const sourceOf = (node: Node, text: string): string => text.slice(node.range[0], node.range[1]);

/** TypeScript's wrappers that change no value: `x as const`, `x satisfies T`, `x!`, `<T>x`. */
export function unwrap(node: TSESTree.Expression): TSESTree.Expression {
  let current = node;
  while (
    current.type === 'TSAsExpression' ||
    current.type === 'TSSatisfiesExpression' ||
    current.type === 'TSNonNullExpression' ||
    current.type === 'TSTypeAssertion'
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * The request value an expression stands for, with where each part is written. Literals are
 * values; a `const` bound to a literal is followed (one step for each use); everything else
 * (variables, calls, `process.env`, templates with expressions, spreads) is unknown.
 */
export function readValue(node: TSESTree.Expression, path: JsonPath, context: ReadContext, follows = 0): Fresh {
  const expression = unwrap(node);
  const span = spanOf(expression);
  const unknown = (reason: UnknownReason): Fresh => ({ value: unknownValue(sourceOf(expression, context.text), reason), span });
  if (isBlobPath(path)) return context.blobsAsWritten ? readBlob(expression, path, context, follows) : unknown('expression');

  switch (expression.type) {
    case 'Literal':
      if (typeof expression.value === 'string' || typeof expression.value === 'number' || typeof expression.value === 'boolean' || expression.value === null) {
        return { value: expression.value, span };
      }
      return unknown('expression');
    case 'TemplateLiteral':
      return expression.expressions.length === 0 && typeof expression.quasis[0]?.value.cooked === 'string'
        ? { value: expression.quasis[0].value.cooked, span }
        : unknown('template');
    case 'UnaryExpression':
      if (
        (expression.operator === '-' || expression.operator === '+') &&
        expression.argument.type === 'Literal' &&
        typeof expression.argument.value === 'number'
      ) {
        return { value: expression.operator === '-' ? -expression.argument.value : expression.argument.value, span };
      }
      return unknown('expression');
    case 'ObjectExpression':
      return readObject(expression, path, context, follows);
    case 'ArrayExpression':
      return readArray(expression, path, context, follows);
    case 'Identifier': {
      if (expression.name === 'undefined' && context.bindings.constantFor(expression) === undefined) return { value: ABSENT, span };
      const init = follows < MAX_FOLLOWS ? context.bindings.constantFor(expression) : undefined;
      if (!init) return unknown('variable');
      const literal = unwrap(init);
      const container = literal.type === 'ObjectExpression' || literal.type === 'ArrayExpression';
      if (container && context.bindings.isChanged(expression)) return unknown('variable');
      if (!container && !isScalarLiteral(literal)) return unknown('variable');
      return readValue(literal, path, context, follows + 1);
    }
    case 'MemberExpression':
      return unknown(isEnvironment(expression) ? 'environment' : 'variable');
    case 'CallExpression':
    case 'NewExpression':
    case 'AwaitExpression':
    case 'TaggedTemplateExpression':
      return unknown('call');
    default:
      return unknown('expression');
  }
}

/**
 * `read` as the value of a member (and its key) of the container being read. `readValue` makes a
 * new object each time, so it is completed in place: copying it (`{ ...read, member }`) took V8's
 * slowest path in code run once, with the many shapes a value has.
 */
function placed(read: Fresh, member: Span, key?: Span): LocatedValue {
  if (key) read.key = key;
  read.member = member;
  return read;
}

/** A literal a constant may hold and the reader follows (not an expression that computes one). */
function isScalarLiteral(node: TSESTree.Expression): boolean {
  return (
    node.type === 'Literal' ||
    (node.type === 'TemplateLiteral' && node.expressions.length === 0) ||
    (node.type === 'UnaryExpression' && node.argument.type === 'Literal' && typeof node.argument.value === 'number')
  );
}

function isEnvironment(member: TSESTree.MemberExpression): boolean {
  let object: Node = member;
  while (object.type === 'MemberExpression') {
    if (object.object.type === 'Identifier' && object.object.name === 'process' && memberName(object) === 'env') return true;
    object = object.object;
  }
  return object.type === 'MetaProperty';
}

function readObject(node: TSESTree.ObjectExpression, path: JsonPath, context: ReadContext, follows: number): Fresh {
  const value: Record<string, unknown> = {};
  const children = new Map<string | number, LocatedValue>();
  const openSources: string[] = [];
  const seen = new Map<string, Span>();
  for (const property of node.properties) {
    if (property.type === 'SpreadElement') {
      // A later spread may replace a member written before it: any, or those its literals name.
      openSources.push(sourceOf(property, context.text));
      const replaceable = spreadKeys(property.argument, context);
      for (const [name, child] of children) {
        if (replaceable && !replaceable.has(String(name))) continue;
        const replaced = { ...child, value: unknownValue(context.text.slice(child.span.offset, child.span.offset + child.span.length), 'spread') };
        delete (replaced as { children?: unknown }).children;
        children.set(name, replaced);
        value[name] = replaced.value;
      }
      continue;
    }
    const name = propertyName(property);
    if (name === undefined) {
      openSources.push(sourceOf(property, context.text));
      continue;
    }
    const key = spanOf(property.key);
    const earlier = seen.get(name);
    if (earlier) {
      context.problems.push({
        ruleId: RESERVED_RULE_IDS.duplicateKey,
        message: `Duplicate key "${name}" in this object; JavaScript keeps only the last one, and so does the request the SDK sends. Remove one of them.`,
        offset: key.offset,
        length: key.length,
        path: '',
      });
    }
    seen.set(name, key);
    const childPath = [...path, name];
    const read: Fresh =
      property.kind !== 'init' || property.method
        ? { value: unknownValue(sourceOf(property, context.text), 'expression'), span: spanOf(property) }
        : readValue(property.value as TSESTree.Expression, childPath, context, follows);
    if (read.value === ABSENT || read.value === null) {
      children.delete(name);
      delete value[name];
      continue;
    }
    children.set(name, placed(read, spanOf(property), key));
    value[name] = read.value;
  }
  if (openSources.length > 0) markOpen(value, openSources);
  return { value, span: spanOf(node), children, memberSpans: node.properties.map(spanOf) };
}

/**
 * The member names a spread may add, when its literals say (`...(cond ? { description } : {})`,
 * `...(flag && { tags })`, a constant object); undefined when it may add any.
 */
function spreadKeys(argument: TSESTree.Expression, context: ReadContext): Set<string> | undefined {
  const node = unwrap(argument);
  switch (node.type) {
    case 'ObjectExpression': {
      const names = new Set<string>();
      for (const property of node.properties) {
        const name = property.type === 'Property' ? propertyName(property) : undefined;
        if (name === undefined) return undefined;
        names.add(name);
      }
      return names;
    }
    case 'ConditionalExpression': {
      const consequent = spreadKeys(node.consequent, context);
      const alternate = consequent && spreadKeys(node.alternate, context);
      return alternate && new Set([...consequent, ...alternate]);
    }
    case 'LogicalExpression':
      return spreadKeys(node.right, context);
    case 'Identifier': {
      const init = context.bindings.constantFor(node);
      return init && unwrap(init).type === 'ObjectExpression' && !context.bindings.isChanged(node) ? spreadKeys(init, context) : undefined;
    }
    default:
      return undefined;
  }
}

function propertyName(property: TSESTree.Property): string | undefined {
  const key = property.key;
  if (!property.computed && key.type === 'Identifier') return key.name;
  if (key.type === 'Literal' && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  if (key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

function readArray(node: TSESTree.ArrayExpression, path: JsonPath, context: ReadContext, follows: number): Fresh {
  const value: unknown[] = [];
  const children = new Map<string | number, LocatedValue>();
  const openSources: string[] = [];
  const memberSpans: Span[] = [];
  for (const element of node.elements) {
    if (element === null) continue;
    memberSpans.push(spanOf(element));
    if (element.type === 'SpreadElement') {
      openSources.push(context.text.slice(element.range[0], element.range[1]));
      continue;
    }
    const index = value.length;
    const read = readValue(element, [...path, index], context, follows);
    if (read.value === ABSENT) read.value = unknownValue('undefined', 'expression');
    children.set(index, placed(read, spanOf(element)));
    value.push(read.value);
  }
  if (openSources.length > 0) markOpen(value, openSources);
  return { value, span: spanOf(node), children, memberSpans };
}

/**
 * `signature.inlineDocument` takes bytes in the SDK. The value is what goes on the wire (base64
 * of the bytes), so the signature rules read it as they read a request file's: `Buffer.from(s,
 * 'base64')` is `s` (re-encoded as the SDK does); a string is its UTF-8 bytes, base64-encoded by
 * the SDK once more.
 */
function readBlob(node: TSESTree.Expression, path: JsonPath, context: ReadContext, follows: number): Fresh {
  const span = spanOf(node);
  const source = context.text.slice(node.range[0], node.range[1]);
  if (node.type === 'Literal' || node.type === 'TemplateLiteral' || node.type === 'Identifier') {
    const text = readValue(node, [...path, 'text'], context, follows);
    if (typeof text.value === 'string') return { value: textAsWireBlob(text.value), span: text.span, blob: 'text', writeAsBytes: true };
    return { ...text, value: unknownValue(source, 'variable') };
  }
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && isBufferFrom(node.callee)) {
    const [input, encoding] = node.arguments;
    const text = input && input.type !== 'SpreadElement' ? readValue(input, [...path, 'text'], context, follows) : undefined;
    const encodingValue = encoding === undefined ? 'utf8' : encoding.type === 'Literal' ? encoding.value : undefined;
    if (typeof text?.value === 'string' && typeof encodingValue === 'string') {
      const lower = encodingValue.toLowerCase();
      const wire = bufferFromAsWire(text.value, lower);
      // A fix inside `Buffer.from(s, 'base64')` rewrites `s`; for other encodings, the whole call.
      if (wire !== undefined)
        return lower === 'base64' ? { value: wire, span: text.span, blob: 'bytes' } : { value: wire, span, blob: 'bytes', writeAsBytes: true };
    }
    return { value: unknownValue(source, 'call'), span, blob: 'bytes' };
  }
  return { value: unknownValue(source, node.type === 'MemberExpression' ? 'variable' : 'call'), span };
}

function isBufferFrom(callee: TSESTree.MemberExpression): boolean {
  return callee.object.type === 'Identifier' && callee.object.name === 'Buffer' && memberName(callee) === 'from';
}

/** The base64 the SDK sends for `Buffer.from(text, encoding)`. */
function bufferFromAsWire(text: string, encoding: string): string | undefined {
  if (encoding === 'base64') return base64AsSent(text, false);
  if (encoding === 'utf8' || encoding === 'utf-8') return textAsWireBlob(text);
  if (encoding === 'hex' && /^(?:[0-9a-f]{2})*$/i.test(text)) return Buffer.from(text, 'hex').toString('base64');
  return undefined;
}
