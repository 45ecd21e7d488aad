import type { TSESTree } from '@typescript-eslint/typescript-estree';
import type { Span } from '../../types.js';
import { memberName, type Bindings } from './bindings.js';
import { spanOf, unwrap } from './read-value.js';

type Node = TSESTree.Node;

/** The types that declare an object to be a CreateOTAUpdate request (SDK v3 and v2). */
const REQUEST_TYPES = new Set(['CreateOTAUpdateRequest', 'CreateOTAUpdateCommandInput']);
/** Modules whose import says that `x.createOTAUpdate(...)` is the AWS SDK's. */
const SDK_MODULE = /^(?:aws-sdk(?:\/.*)?|@aws-sdk\/client-iot)$/;

/** CDK's `AwsCustomResource` calls: `{ service: 'Iot', action: 'createOTAUpdate', parameters }`. */
const CDK_SERVICE = /^(?:iot|@aws-sdk\/client-iot)$/i;
const CDK_ACTION = /^(?:createOTAUpdate|CreateOTAUpdate(?:Command)?)$/;

/** Where a request is written: the expression that holds it, and the call or declaration around it. */
export interface FoundRequest {
  readonly expression: TSESTree.Expression;
  readonly span: Span;
  /**
   * Whether blobs reach the SDK as written. Not in a CDK custom resource: its parameters travel
   * as JSON to a handler that converts them, so the blob's bytes are not known from the code.
   */
  readonly blobsAsWritten: boolean;
}

/**
 * The CreateOTAUpdate requests of a module: `new CreateOTAUpdateCommand(input)`,
 * `<client>.createOTAUpdate(input)` in a module that imports the AWS SDK (so a wrapper of the
 * same name elsewhere is not taken for it), and objects declared `CreateOTAUpdateRequest` or
 * `CreateOTAUpdateCommandInput` (annotation or `satisfies`). One request per object, however
 * many calls send it; in source order.
 */
export function findRequests(bindings: Bindings): FoundRequest[] {
  const nodes = bindings.nodes;
  const usesSdk = nodes.some(importsSdk);
  const found = new Map<string, FoundRequest & { readonly fromCall: boolean }>();
  const add = (expression: TSESTree.Expression | TSESTree.SpreadElement | undefined, at: Node, fromCall: boolean, blobsAsWritten = true) => {
    if (!expression || expression.type === 'SpreadElement') return;
    const root = rootObject(expression, bindings);
    const key = `${root.range[0]}:${root.range[1]}`;
    const earlier = found.get(key);
    // One object sent by several calls is one request, located at its first call.
    if (earlier && (earlier.fromCall || !fromCall)) return;
    found.set(key, { expression, span: spanOf(at), fromCall, blobsAsWritten });
  };

  for (const node of nodes) {
    if (node.type === 'NewExpression' && calleeName(node.callee) === 'CreateOTAUpdateCommand') add(node.arguments[0], node, true);
    else if (node.type === 'CallExpression' && usesSdk && node.callee.type === 'MemberExpression' && memberName(node.callee) === 'createOTAUpdate') {
      add(node.arguments[0], node, true);
    } else if (node.type === 'VariableDeclarator' && node.init && node.id.type === 'Identifier' && isRequestType(node.id.typeAnnotation?.typeAnnotation)) {
      // Through the name, so a constant changed later reads as unknown.
      add(node.id, node, false);
    } else if (node.type === 'ObjectExpression') {
      const parameters = cdkParameters(node);
      if (parameters) add(parameters, node, true, false);
    } else if (node.type === 'TSSatisfiesExpression' && isRequestType(node.typeAnnotation)) {
      const parent = bindings.parent(node);
      add(
        parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier' ? parent.id : node.expression,
        parent?.type === 'VariableDeclarator' ? parent : node,
        false,
      );
    }
  }
  return [...found.values()]
    .map(({ expression, span, blobsAsWritten }) => ({ expression, span, blobsAsWritten }))
    .sort((a, b) => a.span.offset - b.span.offset);
}
/** The object literal a request expression stands for (through one constant), or the expression itself. */
function rootObject(expression: TSESTree.Expression, bindings: Bindings): Node {
  const inner = unwrap(expression);
  if (inner.type === 'Identifier') {
    const init = bindings.constantFor(inner);
    if (init && unwrap(init).type === 'ObjectExpression') return unwrap(init);
  }
  return inner;
}

/** The `parameters` of an `AwsSdkCall` (CDK's `AwsCustomResource` onCreate/onUpdate) for CreateOTAUpdate. */
function cdkParameters(node: TSESTree.ObjectExpression): TSESTree.Expression | undefined {
  // One pass over the members (this runs for every object literal of the module): the first of each name.
  let service: TSESTree.Node | undefined;
  let action: TSESTree.Node | undefined;
  let parameters: TSESTree.Node | undefined;
  for (const property of node.properties) {
    if (property.type !== 'Property' || property.computed || property.key.type !== 'Identifier') continue;
    const name = property.key.name;
    if (name === 'service') service ??= property.value;
    else if (name === 'action') action ??= property.value;
    else if (name === 'parameters') parameters ??= property.value;
  }
  const text = (value: TSESTree.Node | undefined) => (value?.type === 'Literal' && typeof value.value === 'string' ? value.value : undefined);
  const serviceName = text(service);
  const actionName = text(action);
  return serviceName !== undefined && actionName !== undefined && CDK_SERVICE.test(serviceName) && CDK_ACTION.test(actionName)
    ? (parameters as TSESTree.Expression | undefined)
    : undefined;
}

function calleeName(callee: TSESTree.Expression): string | undefined {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression') return memberName(callee);
  return undefined;
}

function isRequestType(type: TSESTree.TypeNode | undefined): boolean {
  if (type?.type !== 'TSTypeReference' || type.typeArguments) return false;
  const name = type.typeName.type === 'TSQualifiedName' ? type.typeName.right.name : type.typeName.type === 'Identifier' ? type.typeName.name : undefined;
  return name !== undefined && REQUEST_TYPES.has(name);
}

function importsSdk(node: Node): boolean {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ImportExpression':
      return node.source.type === 'Literal' && typeof node.source.value === 'string' && SDK_MODULE.test(node.source.value);
    case 'CallExpression': {
      const [argument] = node.arguments;
      return node.callee.type === 'Identifier' && node.callee.name === 'require' && argument?.type === 'Literal' && SDK_MODULE.test(String(argument.value));
    }
    case 'TSExternalModuleReference':
      return node.expression.type === 'Literal' && SDK_MODULE.test(String(node.expression.value));
    default:
      return false;
  }
}
