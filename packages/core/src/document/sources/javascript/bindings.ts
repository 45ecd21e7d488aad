import type { TSESTree } from '@typescript-eslint/typescript-estree';

type Node = TSESTree.Node;

/** Keys that hold types, not values: never walked for references. */
const TYPE_KEYS = new Set(['typeAnnotation', 'typeParameters', 'typeArguments', 'returnType', 'superTypeArguments', 'implements', 'decorators']);
/** Declarations that hold only types. */
const TYPE_ONLY = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration', 'TSDeclareFunction']);
/** Array and collection methods that change their receiver. */
const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'delete', 'add', 'clear']);
/** Functions that write into their first argument (`Object.assign(params, extra)`, lodash's `merge`). */
const WRITES_FIRST_ARGUMENT = /^(?:assign|defineProperty|defineProperties|merge|mergeWith|set|defaults|defaultsDeep|extend)$/;

/** What most nodes declare, and what a type-only declaration holds for the reader: one list, never changed. */
const NONE: readonly never[] = [];

/** Every node's children, in the order of the node's keys, skipping type annotations. */
function childNodes(node: Node): readonly Node[] {
  if (TYPE_ONLY.has(node.type)) return NONE;
  const children: Node[] = [];
  const members = node as unknown as Record<string, unknown>;
  // for...in, not Object.entries: no array per node (oxc's nodes carry many scalar members).
  for (const key in members) {
    const value = members[key];
    if (value === null || typeof value !== 'object' || key === 'parent' || TYPE_KEYS.has(key)) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) children.push(item);
    } else if (isNode(value)) {
      children.push(value);
    }
  }
  return children;
}

function isNode(value: unknown): value is Node {
  return (
    value !== null && typeof value === 'object' && typeof (value as { type?: unknown }).type === 'string' && Array.isArray((value as { range?: unknown }).range)
  );
}

/** Nodes that hold `let`, `const` and `class` declarations. */
const BLOCK_SCOPES = new Set([
  'BlockStatement',
  'Program',
  'ForStatement',
  'ForInStatement',
  'ForOfStatement',
  'SwitchStatement',
  'StaticBlock',
  'TSModuleBlock',
]);
const FUNCTION_SCOPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'TSEmptyBodyFunctionExpression', 'Program']);

interface Declaration {
  readonly id: TSESTree.Identifier;
  /** The `const` declarator, when the name is declared by one with an initializer. */
  readonly constant?: TSESTree.VariableDeclarator;
}

/**
 * The module's bindings, by scope, so a reader can follow a name to its `const` one step: a name
 * declared once in the scope it resolves to, by `const`, with an initializer. Objects and lists
 * also must not be changed: no member writes, no mutating method calls, no `Object.assign` into
 * them, no aliases, no export.
 */
export class Bindings {
  readonly #scopes = new Map<Node, Map<string, Declaration[]>>();
  readonly #references: TSESTree.Identifier[] = [];
  readonly #parents = new Map<Node, Node>();
  readonly #changed = new Map<TSESTree.VariableDeclarator, boolean>();
  /** Every node of the module, parents before children, children in order: one walk for the reader too. */
  readonly nodes: readonly Node[];

  #scoped = false;

  constructor(program: TSESTree.Program) {
    const nodes: Node[] = [];
    const stack: Node[] = [program];
    while (stack.length > 0) {
      const node = stack.pop()!;
      nodes.push(node);
      const children = childNodes(node);
      for (let i = children.length - 1; i >= 0; i--) {
        this.#parents.set(children[i]!, node);
        stack.push(children[i]!);
      }
    }
    this.nodes = nodes;
  }

  /**
   * The declarations of every scope and the references, made when a name is first followed: a
   * request written as a literal (most are) never needs them.
   */
  #scope(): void {
    if (this.#scoped) return;
    this.#scoped = true;
    const declared = new Set<Node>();
    for (const node of this.nodes) {
      for (const id of declaredIdentifiers(node)) {
        declared.add(id);
        this.#declare(node, id);
      }
      if (node.type === 'Identifier' && !declared.has(node) && this.#isReference(node)) this.#references.push(node);
    }
  }

  parent(node: Node): Node | undefined {
    return this.#parents.get(node);
  }

  /** The initializer an identifier stands for, when it is a constant the reader may follow. */
  constantFor(id: TSESTree.Identifier): TSESTree.Expression | undefined {
    return this.#constant(id)?.init ?? undefined;
  }

  /** Whether the object or list constant an identifier stands for may be changed by the module. */
  isChanged(id: TSESTree.Identifier): boolean {
    const constant = this.#constant(id);
    if (!constant) return true;
    let changed = this.#changed.get(constant);
    if (changed === undefined) {
      const exported = this.#parents.get(this.#parents.get(constant)!)?.type === 'ExportNamedDeclaration';
      changed =
        exported || this.#references.some((reference) => reference.name === id.name && this.#constant(reference) === constant && this.#changes(reference));
      this.#changed.set(constant, changed);
    }
    return changed;
  }

  #constant(id: TSESTree.Identifier): TSESTree.VariableDeclarator | undefined {
    this.#scope();
    for (let scope = this.#parents.get(id); scope; scope = this.#parents.get(scope)) {
      const declarations = this.#scopes.get(scope)?.get(id.name);
      if (declarations) return declarations.length === 1 ? declarations[0]!.constant : undefined;
    }
    return undefined;
  }

  #declare(node: Node, id: TSESTree.Identifier): void {
    const parent = this.#parents.get(node);
    let scope: Node | undefined;
    let constant: TSESTree.VariableDeclarator | undefined;
    if (node.type === 'VariableDeclarator' && parent?.type === 'VariableDeclaration') {
      scope = this.#enclosing(parent, parent.kind === 'var' ? FUNCTION_SCOPES : BLOCK_SCOPES);
      if (parent.kind === 'const' && node.id === id && node.init) constant = node;
    } else if (node.type === 'FunctionDeclaration' && node.id === id) {
      scope = parent && this.#enclosing(parent, BLOCK_SCOPES, true);
    } else if ((node.type === 'ClassDeclaration' || node.type === 'TSEnumDeclaration' || node.type === 'TSModuleDeclaration') && parent) {
      scope = this.#enclosing(parent, BLOCK_SCOPES, true);
    } else if (node.type.startsWith('Import') || node.type === 'TSImportEqualsDeclaration') {
      scope = this.#enclosing(node, new Set(['Program']));
    } else {
      scope = node; // parameters, a function expression's own name, a catch clause's parameter
    }
    if (!scope) return;
    const names = this.#scopes.get(scope) ?? new Map<string, Declaration[]>();
    names.set(id.name, [...(names.get(id.name) ?? []), constant ? { id, constant } : { id }]);
    this.#scopes.set(scope, names);
  }

  #enclosing(node: Node, kinds: ReadonlySet<string>, inclusive = false): Node | undefined {
    for (let current: Node | undefined = inclusive ? node : this.#parents.get(node); current; current = this.#parents.get(current)) {
      if (kinds.has(current.type)) return current;
    }
    return undefined;
  }

  #isReference(id: TSESTree.Identifier): boolean {
    const parent = this.#parents.get(id);
    if (!parent) return false;
    switch (parent.type) {
      case 'MemberExpression':
        return parent.object === id || parent.computed;
      case 'Property':
        return parent.value === id || (parent.key === id && parent.computed);
      case 'PropertyDefinition':
      case 'MethodDefinition':
      case 'TSPropertySignature':
        return parent.key !== id || parent.computed;
      case 'LabeledStatement':
      case 'BreakStatement':
      case 'ContinueStatement':
      case 'ImportSpecifier':
      case 'ExportSpecifier':
        return parent.type === 'ExportSpecifier' && parent.local === id;
      default:
        return true;
    }
  }

  /** Whether a use of a constant may change it (or lets something else change it). */
  #changes(reference: TSESTree.Identifier): boolean {
    let current: Node = reference;
    let parent = this.#parents.get(current);
    while (parent && (isWrapper(parent) || (parent.type === 'MemberExpression' && parent.object === current))) {
      current = parent;
      parent = this.#parents.get(current);
    }
    if (!parent) return false;
    const throughMember = current !== reference;
    switch (parent.type) {
      case 'AssignmentExpression':
        // Writing the constant itself throws; writing a member changes it; assigning it elsewhere aliases it.
        return (parent.left === current && throughMember) || parent.right === current;
      case 'UpdateExpression':
        return throughMember;
      case 'UnaryExpression':
        return parent.operator === 'delete' && throughMember;
      case 'VariableDeclarator':
        return parent.init === current;
      case 'ExportSpecifier':
        return true;
      case 'CallExpression': {
        if (parent.callee === current) return current.type === 'MemberExpression' && MUTATING_METHODS.has(memberName(current) ?? '');
        const callee =
          parent.callee.type === 'MemberExpression' ? memberName(parent.callee) : parent.callee.type === 'Identifier' ? parent.callee.name : undefined;
        return parent.arguments[0] === current && callee !== undefined && WRITES_FIRST_ARGUMENT.test(callee);
      }
      default:
        return false;
    }
  }
}

function isWrapper(node: Node): boolean {
  return node.type === 'TSAsExpression' || node.type === 'TSSatisfiesExpression' || node.type === 'TSNonNullExpression' || node.type === 'ChainExpression';
}

export function memberName(member: TSESTree.MemberExpression): string | undefined {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  if (member.computed && member.property.type === 'Literal' && typeof member.property.value === 'string') return member.property.value;
  return undefined;
}

/** The identifiers a node declares (its own bindings, not those of nested scopes). */
function declaredIdentifiers(node: Node): readonly TSESTree.Identifier[] {
  switch (node.type) {
    case 'VariableDeclarator':
      return patternIdentifiers(node.id);
    case 'FunctionDeclaration':
    case 'FunctionExpression':
    case 'ArrowFunctionExpression':
    case 'TSEmptyBodyFunctionExpression':
      return [...(node.id ? [node.id] : []), ...node.params.flatMap((param) => patternIdentifiers(param))];
    case 'ClassDeclaration':
    case 'ClassExpression':
      return node.id ? [node.id] : [];
    case 'CatchClause':
      return node.param ? patternIdentifiers(node.param) : [];
    case 'ImportSpecifier':
    case 'ImportDefaultSpecifier':
    case 'ImportNamespaceSpecifier':
      return [node.local];
    case 'TSEnumDeclaration':
    case 'TSImportEqualsDeclaration':
      return [node.id];
    case 'TSModuleDeclaration':
      return node.id.type === 'Identifier' ? [node.id] : [];
    default:
      return NONE;
  }
}

function patternIdentifiers(pattern: Node): TSESTree.Identifier[] {
  switch (pattern.type) {
    case 'Identifier':
      return [pattern];
    case 'ObjectPattern':
      return pattern.properties.flatMap((property) => patternIdentifiers(property.type === 'RestElement' ? property : property.value));
    case 'ArrayPattern':
      return pattern.elements.flatMap((element) => (element ? patternIdentifiers(element) : []));
    case 'AssignmentPattern':
      return patternIdentifiers(pattern.left);
    case 'RestElement':
      return patternIdentifiers(pattern.argument);
    case 'TSParameterProperty':
      return patternIdentifiers(pattern.parameter);
    default:
      return [];
  }
}
