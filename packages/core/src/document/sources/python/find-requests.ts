import type { Span } from '../../types.js';
import { literalArguments, literalDict } from './literal-copy.js';
import { copySubtree, type PyNode, type SyntaxNode, type Tree } from './parse.js';
import { dictMembers, items, spanOf, textOf, type Member } from './read-value.js';

/** The members of CreateOTAUpdateRequest: a keyword among them says the call is boto3's. */
const REQUEST_MEMBERS = new Set([
  'otaUpdateId',
  'description',
  'targets',
  'protocols',
  'targetSelection',
  'awsJobExecutionsRolloutConfig',
  'awsJobPresignedUrlConfig',
  'awsJobAbortConfig',
  'awsJobTimeoutConfig',
  'files',
  'roleArn',
  'additionalParameters',
  'tags',
]);
/** Methods that change a dict or list in place. */
const MUTATING_METHODS = new Set(['update', 'setdefault', 'pop', 'popitem', 'clear', 'append', 'extend', 'insert', 'remove', 'sort', 'reverse', '__setitem__']);
const SCOPES = new Set(['function_definition', 'class_definition', 'lambda']);
/** Targets that bind each name in them: `a, b = ...`, `for (a, b) in ...`. */
const PATTERNS = new Set(['pattern_list', 'tuple_pattern', 'list_pattern', 'list_splat_pattern']);

export interface FoundCall {
  readonly call: PyNode;
  readonly span: Span;
  /** The call's keywords and `**` arguments. */
  readonly members: readonly Member[];
  readonly memberSpans: readonly Span[];
}

const METHOD = 'create_ota_update';

/**
 * `<client>.create_ota_update(otaUpdateId=..., ...)`: boto3 takes keywords only, so a call with a
 * positional argument, or with no keyword of the request and no `**`, is someone else's method.
 * In source order (a call before the calls inside it), and apart, the spans of such calls that do
 * not parse (which may be misread, so are not read).
 *
 * Found from where the method's name is written, not by walking the tree: the name of such a call
 * is an `identifier` spanning exactly an occurrence of it in the text, so each occurrence is
 * resolved to the node there (one descent) and the rest of the tree (most of a module) is never
 * visited.
 */
export function findCalls(tree: Tree, text: string): { calls: FoundCall[]; broken: Span[] } {
  const calls: FoundCall[] = [];
  const broken: Span[] = [];
  const root = tree.rootNode;
  // Most modules parse without an error anywhere: then no call needs asking whether it did.
  const repaired = root.hasError;
  for (let at = text.indexOf(METHOD); at !== -1; at = text.indexOf(METHOD, at + METHOD.length)) {
    const there = root.descendantForIndex(at, at + METHOD.length);
    const callee = methodNamedAt(there, at);
    const call = callee?.parent;
    if (call?.type === 'call' && call.childForFieldName('function')?.startIndex === callee!.startIndex) {
      // The parser recovers from errors, but a call it had to repair may be misread: it is not read.
      if (repaired && call.hasError) broken.push(spanOfNode(call));
      else {
        const read = boto3Call(repaired ? copySubtree(call) : callCopy(call, callee!, text), text);
        if (read) calls.push(read);
      }
    } else if (repaired && looksLikeTheCall(text, at) && withinError(there)) {
      // `.create_ota_update(` where the parser could make no call of it: the method (and its object) is marked.
      broken.push(callee ? spanOfNode(callee) : { offset: at, length: METHOD.length });
    }
  }
  const inOrder = (a: Span, b: Span) => a.offset - b.offset || b.length - a.length;
  return { calls: calls.sort((a, b) => inOrder(a.span, b.span)), broken: broken.sort(inOrder) };
}

const spanOfNode = (node: SyntaxNode): Span => ({ offset: node.startIndex, length: node.endIndex - node.startIndex });

/** `.create_ota_update(` as written at `at` (spaces between allowed). */
const looksLikeTheCall = (text: string, at: number): boolean =>
  /\.\s*$/.test(text.slice(Math.max(0, at - 80), at)) && /^\s*\(/.test(text.slice(at + METHOD.length, at + METHOD.length + 80));

/** Whether the node, or a node it is in, is one the parser could not make sense of (and it is no string or comment in one). */
function withinError(node: SyntaxNode | null): boolean {
  for (let at = node; at; at = at.parent) {
    if (at.type === 'string' || at.type === 'comment') return false;
    if (at.isError) return true;
  }
  return false;
}

/** `<object>.create_ota_update`, when its method is the node the text has at `at`. */
function methodNamedAt(name: SyntaxNode | null, at: number): SyntaxNode | undefined {
  if (name?.type !== 'identifier' || name.startIndex !== at || name.endIndex !== at + METHOD.length) return undefined;
  const callee = name.parent;
  return callee?.type === 'attribute' && callee.childForFieldName('attribute')?.startIndex === at ? callee : undefined;
}

const SPACES = /[ \t\r\n]*/y;

/**
 * The call's copy, from its text where its arguments are written as literals (literal-copy.ts),
 * else from the tree. Only in a module the parser repaired nothing in.
 */
function callCopy(call: SyntaxNode, callee: SyntaxNode, text: string): PyNode {
  const to = call.endIndex;
  const calleeEnd = callee.endIndex;
  SPACES.lastIndex = calleeEnd;
  SPACES.test(text);
  const argumentList = literalArguments(text, SPACES.lastIndex, to);
  if (!argumentList) return copySubtree(call);
  return { type: 'call', from: call.startIndex, to, children: [{ type: callee.type, from: callee.startIndex, to: calleeEnd, children: [] }, argumentList] };
}

function boto3Call(call: PyNode, text: string): FoundCall | undefined {
  const argumentList = call.children[1];
  if (argumentList?.type !== 'argument_list') return undefined;
  const members: Member[] = [];
  const arguments_ = items(argumentList);
  for (const argument of arguments_) {
    const span = spanOf(argument);
    if (argument.type === 'dictionary_splat' && argument.children.length === 1) members.push({ unpacked: argument.children[0]!, span });
    else if (argument.type === 'keyword_argument' && argument.children.length === 2) {
      const [key, value] = argument.children as [PyNode, PyNode];
      members.push({ name: textOf(key, text), key, value, span });
    } else return undefined;
  }
  if (!members.some((m) => m.unpacked || (m.name !== undefined && REQUEST_MEMBERS.has(m.name)))) return undefined;
  return { call, span: spanOf(call), members, memberSpans: arguments_.map(spanOf) };
}

/**
 * The members of the dict literal `**` unpacks: written there (`**{"otaUpdateId": "fw"}`), or
 * bound to `name` when `name` is assigned exactly once in the call's scope, to a dict literal,
 * and nothing there changes it (item writes, `update`, `|=`, `del`, aliases, other bindings).
 */
export function unpackedDict(name: PyNode, tree: Tree, text: string): readonly Member[] | undefined {
  if (name.type === 'dictionary') return closedMembers(dictMembers(name, text));
  if (name.type !== 'identifier') return undefined;
  const root = tree.rootNode;
  const identifier = textOf(name, text);
  const scope = enclosingScope(root.descendantForIndex(name.from, name.to)!);
  const assignments: SyntaxNode[] = [];
  // Each use is where the name is written: resolved to the node there, as calls are found.
  for (let at = text.indexOf(identifier, scope.startIndex); at !== -1 && at < scope.endIndex; at = text.indexOf(identifier, at + identifier.length)) {
    if (at === name.from) continue;
    const use = root.descendantForIndex(at, at + identifier.length);
    if (use?.type !== 'identifier' || use.startIndex !== at || use.endIndex !== at + identifier.length) continue;
    const role = roleOf(use);
    if (role === 'changed') return undefined;
    if (role === 'assigned') assignments.push(use.parent!);
  }
  if (assignments.length !== 1) return undefined;
  const value = assignments[0]!.childForFieldName('right');
  // A dict the parser had to repair may be misread, as a call may: it is not followed.
  if (value?.type !== 'dictionary' || value.hasError) return undefined;
  return closedMembers(dictMembers(literalDict(text, value.startIndex, value.endIndex) ?? copySubtree(value), text));
}

/** A dict's members, or undefined when it unpacks another dict: then it may hold anything. */
function closedMembers(members: readonly Member[]): readonly Member[] | undefined {
  return members.some((member) => member.unpacked) ? undefined : members;
}

function enclosingScope(node: SyntaxNode): SyntaxNode {
  let scope = node.parent;
  while (scope && !SCOPES.has(scope.type) && scope.type !== 'module') scope = scope.parent;
  const body = scope && SCOPES.has(scope.type) ? scope.childForFieldName('body') : undefined;
  return body ?? scope ?? node;
}

/** Whether `node` is its parent's child in `name`. */
const isField = (node: SyntaxNode, parent: SyntaxNode, name: string): boolean => parent.childForFieldName(name)?.startIndex === node.startIndex;

/** What a use of a name (an `identifier`, not an attribute's) does to the value it holds. */
function roleOf(use: SyntaxNode): 'assigned' | 'changed' | 'read' {
  const parent = use.parent;
  if (!parent) return 'read';
  switch (parent.type) {
    case 'attribute':
      // `other.name` is another object's attribute; `name.method` is a use of it.
      return isField(use, parent, 'attribute') ? 'read' : objectRole(use);
    case 'subscript':
      return isField(use, parent, 'value') ? objectRole(use) : 'read';
    case 'assignment':
      if (!isField(use, parent, 'left')) return isField(use, parent, 'right') ? 'changed' : 'read'; // `other = name`: an alias may change it
      // `a = b = {}`: each is an alias of the other.
      return parent.parent?.type === 'assignment' || parent.childForFieldName('right')?.type === 'assignment' ? 'changed' : 'assigned';
    case 'augmented_assignment':
    case 'delete_statement':
    case 'named_expression':
    case 'for_statement':
    case 'for_in_clause':
    case 'as_pattern_target':
    case 'global_statement':
    case 'nonlocal_statement':
      return parent.type === 'for_statement' || parent.type === 'for_in_clause' ? (isField(use, parent, 'left') ? 'changed' : 'read') : 'changed';
    default:
      if (PATTERNS.has(parent.type)) return 'changed';
      if (parent.type === 'expression_list' && parent.parent?.type === 'delete_statement') return 'changed';
      return 'read';
  }
}

/** What `name[...] = ...`, `name.attr.update(...)`, `del name[...]` and their kin do to `name`. */
function objectRole(use: SyntaxNode): 'changed' | 'read' {
  let top = use.parent!;
  while (
    top.parent &&
    ((top.parent.type === 'attribute' && isField(top, top.parent, 'object')) || (top.parent.type === 'subscript' && isField(top, top.parent, 'value')))
  )
    top = top.parent;
  let above = top.parent;
  let target = top;
  while (above && (PATTERNS.has(above.type) || (above.type === 'expression_list' && above.parent?.type === 'delete_statement'))) {
    target = above;
    above = above.parent;
  }
  if (!above) return 'read';
  if (above.type === 'delete_statement') return 'changed';
  if (above.type === 'assignment' || above.type === 'augmented_assignment' || above.type === 'for_statement')
    return isField(target, above, 'left') ? 'changed' : 'read';
  if (above.type === 'call' && isField(top, above, 'function') && top.type === 'attribute') {
    const method = top.childForFieldName('attribute');
    return method && MUTATING_METHODS.has(method.text) ? 'changed' : 'read';
  }
  return 'read';
}
