import type { Span } from '../../types.js';
import { children, type SyntaxNode, type Tree } from './parse.js';
import { dictMembers, itemSpan, items, spanOf, textOf, type Member } from './read-value.js';

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
const SCOPES = new Set(['FunctionDefinition', 'ClassDefinition', 'LambdaExpression']);

export interface FoundCall {
  readonly call: SyntaxNode;
  readonly span: Span;
  /** The call's keywords and `**` arguments. */
  readonly members: readonly Member[];
  readonly memberSpans: readonly Span[];
}

const METHOD = 'create_ota_update';

/**
 * `<client>.create_ota_update(otaUpdateId=..., ...)`: boto3 takes keywords only, so a call with a
 * positional argument, or with no keyword of the request and no `**`, is someone else's method.
 * In source order (a call before the calls inside it).
 *
 * Found from where the method's name is written, not by walking the tree: the name of such a call
 * is a `PropertyName` node spanning exactly an occurrence of it in the text, so each occurrence is
 * resolved to the node there (one descent) and the rest of the tree (most of a module) is never
 * visited.
 */
export function findCalls(tree: Tree, text: string): FoundCall[] {
  const found: FoundCall[] = [];
  for (let at = text.indexOf(METHOD); at !== -1; at = text.indexOf(METHOD, at + METHOD.length)) {
    const call = callNamedAt(tree.resolve(at, 1), at);
    const read = call && boto3Call(call, text);
    if (read) found.push(read);
  }
  return found.sort((a, b) => a.span.offset - b.span.offset || b.span.length - a.span.length);
}

/** The call `<object>.create_ota_update(...)` whose method is `name`, the node the text has at `at`. */
function callNamedAt(name: SyntaxNode, at: number): SyntaxNode | undefined {
  if (name.name !== 'PropertyName' || name.from !== at || name.to !== at + METHOD.length) return undefined;
  const callee = name.parent;
  if (callee?.name !== 'MemberExpression' || callee.lastChild?.from !== at) return undefined;
  const call = callee.parent;
  return call?.name === 'CallExpression' && call.firstChild?.from === callee.from && call.firstChild.to === callee.to ? call : undefined;
}

function boto3Call(call: SyntaxNode, text: string): FoundCall | undefined {
  const [callee, argumentList] = children(call);
  if (callee?.name !== 'MemberExpression' || argumentList?.name !== 'ArgList') return undefined;
  const groups = items(argumentList);
  const members: Member[] = [];
  for (const group of groups) {
    const span = itemSpan(group);
    if (group[0]!.name === '**' && group.length === 2) members.push({ unpacked: group[1]!, span });
    else if (group.length === 3 && group[0]!.name === 'VariableName' && group[1]!.name === 'AssignOp') {
      members.push({ name: textOf(group[0]!, text), key: group[0]!, value: group[2]!, span });
    } else return undefined;
  }
  if (!members.some((m) => m.unpacked || (m.name !== undefined && REQUEST_MEMBERS.has(m.name)))) return undefined;
  return { call, span: spanOf(call), members, memberSpans: groups.map(itemSpan) };
}

/**
 * The members of the dict literal `**` unpacks: written there (`**{"otaUpdateId": "fw"}`), or
 * bound to `name` when `name` is assigned exactly once in the call's scope, to a dict literal,
 * and nothing there changes it (item writes, `update`, `|=`, `del`, aliases).
 */
export function unpackedDict(name: SyntaxNode, text: string): readonly Member[] | undefined {
  if (name.name === 'DictionaryExpression') return closedMembers(dictMembers(name, text));
  if (name.name !== 'VariableName') return undefined;
  const identifier = textOf(name, text);
  const scope = enclosingScope(name);
  const assignments: SyntaxNode[] = [];
  let changed = false;
  // A cursor walks on past the node it starts at: stop at the end of the scope.
  const cursor = scope.cursor();
  do {
    if (cursor.from >= scope.to) break;
    if (cursor.name !== 'VariableName' || textOf(cursor.node, text) !== identifier) continue;
    const use = cursor.node;
    if (use.from === name.from) continue;
    const role = roleOf(use, text);
    if (role === 'assigned') assignments.push(use.parent!);
    else if (role === 'changed') changed = true;
  } while (cursor.next());
  if (changed || assignments.length !== 1) return undefined;
  const value = assignments[0]!.lastChild;
  return value?.name === 'DictionaryExpression' ? closedMembers(dictMembers(value, text)) : undefined;
}

/** A dict's members, or undefined when it unpacks another dict: then it may hold anything. */
function closedMembers(members: readonly Member[]): readonly Member[] | undefined {
  return members.some((member) => member.unpacked) ? undefined : members;
}

function enclosingScope(node: SyntaxNode): SyntaxNode {
  let scope = node.parent;
  while (scope && !SCOPES.has(scope.name) && scope.name !== 'Script') scope = scope.parent;
  const body = scope && SCOPES.has(scope.name) ? children(scope).find((child) => child.name === 'Body') : undefined;
  return body ?? scope ?? node;
}

/** What a use of a name does to the value it holds. */
function roleOf(use: SyntaxNode, text: string): 'assigned' | 'changed' | 'read' {
  const parent = use.parent;
  if (!parent) return 'read';
  if (parent.name === 'AssignStatement') {
    const operator = children(parent).find((child) => child.name === 'AssignOp');
    if (operator && use.to <= operator.from) return 'assigned';
    return 'changed'; // `other = name`: an alias may change it
  }
  if (parent.name === 'UpdateStatement' || parent.name === 'DeleteStatement') return 'changed';
  if (parent.name !== 'MemberExpression' || parent.firstChild?.from !== use.from) return 'read';
  let top = parent;
  while (top.parent?.name === 'MemberExpression' && top.parent.firstChild?.from === top.from) top = top.parent;
  const above = top.parent;
  if (!above) return 'read';
  if (above.name === 'AssignStatement' || above.name === 'UpdateStatement' || above.name === 'DeleteStatement') {
    const operator = children(above).find((child) => child.name === 'AssignOp' || child.name === 'UpdateOp');
    return above.name === 'DeleteStatement' || (operator !== undefined && top.to <= operator.from) ? 'changed' : 'read';
  }
  if (above.name === 'CallExpression' && above.firstChild?.from === top.from) {
    const method = top.lastChild;
    return method?.name === 'PropertyName' && MUTATING_METHODS.has(textOf(method, text)) ? 'changed' : 'read';
  }
  return 'read';
}
