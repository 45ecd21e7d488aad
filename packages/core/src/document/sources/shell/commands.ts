import type { Span } from '../../types.js';
import type { SyntaxNode, TypedNode } from './bash-parser.js';
import { GLOBAL_FLAGS, GLOBAL_OPTIONS_WITH_VALUE } from './cli-model.js';
import { decodeAdjacent, decodeWord, groupAdjacent, hasSentinel, type DecodeContext, type ShellWord } from './shell-word.js';

/** One `aws iot create-ota-update ...` command of a script. */
export interface AwsCommand {
  /** The whole command, in the file. */
  readonly span: Span;
  /** `aws ... create-ota-update`: where reports on the command as a whole go. */
  readonly head: Span;
  /** The words after the operation (global options may still stand among them). */
  readonly args: readonly ShellWord[];
  /** Code offset of the command, for variables assigned before it. */
  readonly codeStart: number;
}

/** Programs that run the rest of their words as a command. */
const WRAPPERS = new Set(['sudo', 'command', 'exec', 'time', 'nohup']);

/** A simple command of a script, with its name (`aws`, `read`, `"$TOOL"`) as written. */
export interface NamedCommand {
  readonly node: SyntaxNode;
  readonly nameNode: SyntaxNode;
  readonly name: string;
}

/** The simple commands among a script's nodes (`command` nodes, in `$( )` and functions too) that have a name, in order. */
export function namedCommands(nodes: readonly TypedNode[]): NamedCommand[] {
  const found: NamedCommand[] = [];
  for (const { node, type } of nodes) {
    if (type !== 'command') continue;
    const nameNode = node.childForFieldName('name');
    if (nameNode) found.push({ node, nameNode, name: nameNode.text });
  }
  return found;
}

/** The `aws iot create-ota-update` commands among a script's commands, in order. */
export function findCreateOtaUpdateCommands(commands: readonly NamedCommand[], context: DecodeContext): AwsCommand[] {
  const found: AwsCommand[] = [];
  for (const command of commands) {
    const read = readCommand(command, context);
    if (read) found.push(read);
  }
  return found.sort((a, b) => a.span.offset - b.span.offset);
}

function readCommand({ node, nameNode, name }: NamedCommand, context: DecodeContext): AwsCommand | undefined {
  if (!name.includes('aws') && !WRAPPERS.has(name)) return undefined;
  const argNodes = node.childrenForFieldName('argument').filter((child): child is SyntaxNode => child !== null);
  const words = new CommandWords(decodeWord(nameNode.firstNamedChild ?? nameNode, context), groupAdjacent(argNodes), context);
  let at = 0;
  while (WRAPPERS.has(words.at(at)?.value ?? '')) at++;
  const program = words.at(at);
  if (!program || !/(^|\/)aws$/.test(program.value)) return undefined;
  at++;
  // Global options may come before the service: `aws --region eu-west-1 iot create-ota-update`.
  for (let word = words.at(at); word; word = words.at(at)) {
    const value = word.value;
    if (hasSentinel(value)) return undefined;
    const name = value.split('=')[0]!;
    if (GLOBAL_FLAGS.has(name)) at++;
    else if (GLOBAL_OPTIONS_WITH_VALUE.has(name)) at += value.includes('=') ? 1 : 2;
    else break;
  }
  if (words.at(at)?.value !== 'iot' || words.at(at + 1)?.value !== 'create-ota-update') return undefined;
  const operation = words.at(at + 1)!;
  const toFile = context.snippet.toFile;
  const start = toFile(node.startIndex);
  const end = toFile(node.endIndex - 1) + 1;
  return {
    span: { offset: start, length: end - start },
    head: { offset: program.start, length: operation.end - program.start },
    args: words.from(at + 2),
    codeStart: node.startIndex,
  };
}

/**
 * A command's words, each decoded when it is first asked for: most commands a script runs with
 * `aws` are another service's, known for one by their second word, and their values are never read.
 */
class CommandWords {
  readonly #decoded: ShellWord[];

  constructor(
    first: ShellWord,
    private readonly groups: readonly (readonly SyntaxNode[])[],
    private readonly context: DecodeContext,
  ) {
    this.#decoded = [first];
  }

  at(index: number): ShellWord | undefined {
    while (this.#decoded.length <= index && this.#decoded.length <= this.groups.length) {
      this.#decoded.push(decodeAdjacent(this.groups[this.#decoded.length - 1]!, this.context));
    }
    return this.#decoded[index];
  }

  /** Every word from `index` on. */
  from(index: number): ShellWord[] {
    this.at(this.groups.length);
    return this.#decoded.slice(index);
  }
}
