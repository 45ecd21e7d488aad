import type { SyntaxNode, TypedNode } from './bash-parser.js';
import type { NamedCommand } from './commands.js';
import { decodeWord, hasSentinel, hostWord, ShellWord, type DecodeContext } from './shell-word.js';
import type { ShellSnippet } from './snippet.js';

interface Binding {
  /** The `NAME=value` statement when it is a plain top-level assignment; undefined for any other binding. */
  readonly assignment?: SyntaxNode;
  readonly end: number;
}

/** Commands that set the variables they name (`read ROLE`, `unset ROLE`, `mapfile LIST`); `printf` sets only the one after `-v`, `let` the ones its expressions assign. */
const BINDING_COMMANDS = new Set(['read', 'unset', 'mapfile', 'readarray', 'getopts', 'coproc']);
/** Commands that may set any variable: `source vars.sh`, `. ./env`, `eval "$SETUP"`. */
const ANY_BINDING_COMMANDS = new Set(['source', '.', 'eval']);
/** What `export`/`declare` name literally; any other argument (`export $(cat .env | xargs)`) may set any variable. */
const DECLARED = new Set(['word', 'variable_name', 'variable_assignment']);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** The names an arithmetic expression assigns: `N=1`, `N+=1` (any `op=`, not `==`), `N++`, `--N`. */
const ARITHMETIC_TARGETS = /([A-Za-z_][A-Za-z0-9_]*)\s*(?:(?:[-+*/%&^|]|<<|>>|\*\*)?=(?!=)|\+\+|--)|(?:\+\+|--)\s*([A-Za-z_][A-Za-z0-9_]*)/g;
/** The nodes besides commands that may bind a variable: `(( N = 1 ))`, `$(( N++ ))` are arithmetic expressions. */
export const BINDING_NODE_TYPES: readonly string[] = [
  'variable_assignment',
  'declaration_command',
  'unset_command',
  'for_statement',
  'binary_expression',
  'postfix_expression',
  'unary_expression',
];

/**
 * The variables of a script a command can be read with: a name assigned exactly once, by a plain
 * top-level `NAME=literal` (or `export`/`readonly NAME=literal`) before the command, with nothing
 * else in the script binding it (no `read`, loop, `+=`, second assignment, function-local one).
 * That is how scripts hold a role ARN or a target; every other variable is unknown.
 */
export class ScriptVariables {
  readonly #bindings = new Map<string, Binding[]>();
  readonly #values = new Map<string, ShellWord | null>();
  /** Where top-level statements that may set any variable end, and whether one runs anywhere else (a function, a branch). */
  readonly #setsAny: number[] = [];
  #setsAnyAnywhere = false;
  #context: DecodeContext | undefined;

  /** `nodes`: the script's nodes of the BINDING_NODE_TYPES (others are passed over). */
  constructor(
    nodes: readonly TypedNode[],
    commands: readonly NamedCommand[],
    private readonly snippet: ShellSnippet,
  ) {
    this.#collect(nodes, commands);
  }

  /** Set once the decoding context exists (assignment values are decoded with it, lazily). */
  useContext(context: DecodeContext): void {
    this.#context = context;
  }

  /** The literal value of `name` at code offset `at`, when it can be followed. */
  lookup(name: string, at: number): ShellWord | undefined {
    const bindings = this.#bindings.get(name);
    if (!bindings) {
      const host = this.snippet.environment?.get(name);
      return host && !this.#anySetBetween(-1, at) ? hostWord(host) : undefined;
    }
    // A host value that the script may also change is not followed.
    if (bindings.length !== 1 || this.snippet.environment?.has(name)) return undefined;
    const [binding] = bindings;
    if (!binding!.assignment || binding!.end > at || this.#anySetBetween(binding!.end, at)) return undefined;
    if (!this.#values.has(name)) {
      this.#values.set(name, null);
      this.#values.set(name, this.#decode(binding!.assignment));
    }
    return this.#values.get(name) ?? undefined;
  }

  #decode(assignment: SyntaxNode): ShellWord | null {
    const context = this.#context;
    if (!context) return null;
    const value = assignment.childForFieldName('value');
    if (!value) {
      // `NAME=` sets the empty string.
      const end = this.snippet.toFile(assignment.endIndex - 1) + 1;
      return new ShellWord(end, end);
    }
    const word = decodeWord(value, context);
    return hasSentinel(word.value) ? null : word;
  }

  #anySetBetween(from: number, to: number): boolean {
    return this.#setsAnyAnywhere || this.#setsAny.some((end) => end > from && end <= to);
  }

  #setAny(node: SyntaxNode): void {
    if (isTopLevel(node)) this.#setsAny.push(node.endIndex);
    else this.#setsAnyAnywhere = true;
  }

  #bind(name: string, binding: Binding): void {
    const list = this.#bindings.get(name) ?? [];
    list.push(binding);
    this.#bindings.set(name, list);
  }

  #collect(nodes: readonly TypedNode[], commands: readonly NamedCommand[]): void {
    // The order does not matter: a name is followed only when one statement binds it.
    for (const { node, type } of nodes) {
      switch (type) {
        case 'variable_assignment': {
          const name = node.childForFieldName('name');
          // `ROLE=x aws ...` sets ROLE for that command only, after its words are expanded.
          if (name && node.parent?.type !== 'command') {
            const plain = name.type === 'variable_name' && !node.children.some((child) => child?.type === '+=') && isTopLevel(node);
            this.#bind(name.text, plain ? { assignment: node, end: node.endIndex } : { end: node.endIndex });
          }
          break;
        }
        case 'declaration_command':
          // `export ROLE` and `readonly ROLE` keep the value; `declare -n ROLE`, `local ROLE` may not.
          if (!/^(export|readonly)\b/.test(node.text))
            for (const child of node.namedChildren) if (child?.type === 'variable_name') this.#bind(child.text, { end: node.endIndex });
          if (node.namedChildren.some((child) => child && !DECLARED.has(child.type))) this.#setAny(node);
          // `local`/`declare -x` inside functions bind a different variable than the script's.
          if (/^(local|declare|typeset)\b/.test(node.text) && !isTopLevel(node)) {
            for (const child of node.namedChildren) {
              const name = child?.type === 'variable_assignment' ? child.childForFieldName('name') : undefined;
              if (name) this.#bind(name.text, { end: node.endIndex });
            }
          }
          break;
        case 'unset_command':
          for (const child of node.namedChildren) if (child?.type === 'variable_name') this.#bind(child.text, { end: node.endIndex });
          break;
        case 'for_statement': {
          const variable = node.childForFieldName('variable');
          if (variable) this.#bind(variable.text, { end: node.endIndex });
          break;
        }
        case 'binary_expression':
        case 'postfix_expression':
        case 'unary_expression':
          // Also `[[ X = y ]]`, a comparison: taking it for an assignment only leaves X unknown.
          for (const name of arithmeticTargets(node.text)) this.#bind(name, { end: node.endIndex });
          break;
      }
    }
    for (const { node, name } of commands) {
      if (name === 'printf') {
        const printed = printfTarget(node.childrenForFieldName('argument').map((argument) => argument?.text ?? ''));
        if (printed !== undefined) this.#bind(printed, { end: node.endIndex });
        continue;
      }
      if (ANY_BINDING_COMMANDS.has(name)) {
        this.#setAny(node);
        continue;
      }
      if (name === 'let') {
        for (const argument of node.childrenForFieldName('argument'))
          for (const target of arithmeticTargets(argument?.text ?? '')) this.#bind(target, { end: node.endIndex });
        continue;
      }
      if (!BINDING_COMMANDS.has(name)) continue;
      for (const argument of node.childrenForFieldName('argument')) {
        if (argument && NAME.test(argument.text)) this.#bind(argument.text, { end: node.endIndex });
      }
    }
  }
}

/** The variable `printf -v NAME` (or `-vNAME`) assigns, before its format; `printf FORMAT ...` prints and binds nothing. */
function printfTarget(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word === '--' || !word.startsWith('-')) return undefined;
    if (word === '-v') return NAME.test(words[i + 1] ?? '') ? words[i + 1] : undefined;
    if (word.startsWith('-v') && NAME.test(word.slice(2))) return word.slice(2);
  }
  return undefined;
}

function arithmeticTargets(expression: string): string[] {
  return [...expression.matchAll(ARITHMETIC_TARGETS)].map((match) => (match[1] ?? match[2])!);
}

/** A statement of the script itself: not in a function, loop, condition, subshell or pipeline. */
function isTopLevel(node: SyntaxNode): boolean {
  let parent = node.parent;
  if (parent?.type === 'declaration_command') parent = parent.parent;
  return parent?.type === 'program';
}
