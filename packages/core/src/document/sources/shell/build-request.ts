import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { closest } from '../../../util/did-you-mean.js';
import { toJsonPointer } from '../../../util/json-pointer.js';
import { markOpen, unknownValue } from '../../../value/unknown.js';
import { readJsonDocument } from '../../json-document.js';
import type { ParseProblem, Span } from '../../types.js';
import { readYamlDocument } from '../../yaml-document.js';
import type { LocatedValue } from '../located-value.js';
import {
  GLOBAL_FLAGS,
  GLOBAL_OPTIONS_WITH_VALUE,
  INPUT_OPTIONS,
  KNOWN_OPTIONS,
  PARAMETER_BY_OPTION,
  SKELETON_OPTION,
  CLI_PARAMETERS,
  type CliParameter,
} from './cli-model.js';
import type { AwsCommand } from './commands.js';
import { hasSentinel, type ShellWord } from './shell-word.js';
import { fileText, readJsonValue, readShorthandValue, relocated, stringValue, wordText, type ReadValues, type ValueText } from './values.js';

/** What a command line reads as: the request with where each part is written, and its problems. */
export interface CommandRequest {
  readonly root: LocatedValue;
  readonly problems: ParseProblem[];
  /** Files read for `file://` values and `--cli-input-json` (absolute). */
  readonly dependencies: string[];
}

export interface BuildContext extends ReadValues {
  /** Where relative `file://` paths are read from: the script's folder. */
  readonly folder: string;
}

/** Largest file read for a `file://` value; the AWS CLI reads any size, a request is far smaller. */
const MAX_PARAM_FILE_BYTES = 4 * 1024 * 1024;
const BINARY_EXTENSIONS = /\.(bin|hex|elf|img|srec|s19|uf2|zip|gz|tar|der)$/i;

interface Given {
  readonly parameter: CliParameter;
  readonly option: ShellWord;
  /** The option's name in the file (`--role-arn` of `--role-arn=...`). */
  readonly nameSpan: Span;
  readonly values: readonly ValueText[];
  readonly words: readonly ShellWord[];
  /** A value word that may split into several (or no) words at run time. */
  readonly splits: boolean;
}

/**
 * Read a command's words as the AWS CLI's argparse setup reads them: `--name value` and
 * `--name=value` (then one value only), list parameters take every word up to the next option,
 * the last of a repeated option wins, unknown options and stray words are reported, and the
 * request members are read from the values as awscli/argprocess.py reads them.
 */
export function buildRequest(command: AwsCommand, context: BuildContext): CommandRequest | undefined {
  const problems: ParseProblem[] = [];
  const dependencies: string[] = [];
  const given = new Map<string, Given>();
  let input: { word: ShellWord; option: string; nameSpan: Span } | undefined;
  let binaryFormat: ShellWord | undefined;
  let open = false;
  const words = command.args;
  const problem = (ruleId: string, span: Span, message: string, extra: Partial<ParseProblem> = {}) =>
    problems.push({ ruleId, sourceRule: true, message, offset: span.offset, length: span.length, path: '', ...extra });

  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const value = word.value;
    if (!isOptionWord(word)) {
      if (hasSentinel(value) && (word.splits || value.length === 1)) {
        // `$EXTRA_ARGS` where an option would stand: it may set any parameter.
        open = true;
        continue;
      }
      problem(
        'cli-unknown-option',
        word.span(),
        `\`${display(word)}\` is not an option or the value of one: the AWS CLI rejects the command ("Unknown options: ${display(word)}"). Quote a value that has spaces, or remove the word.`,
      );
      continue;
    }
    const equals = value.indexOf('=');
    const name = equals === -1 ? value : value.slice(0, equals);
    const nameSpan = word.span(0, name.length);
    if (hasSentinel(name)) {
      open = true;
      continue;
    }
    // The values that follow: one with `--name=value`, else the words up to the next option.
    const following: ShellWord[] = [];
    if (equals === -1) {
      for (let j = i + 1; j < words.length && !isOptionWord(words[j]!); j++) following.push(words[j]!);
    }
    if (GLOBAL_FLAGS.has(name)) continue;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(name) || name === SKELETON_OPTION) {
      if (name === SKELETON_OPTION) return undefined;
      const optionValue = equals !== -1 ? word.slice(equals + 1) : following[0];
      if (name === BINARY_FORMAT_OPTION && optionValue) binaryFormat = optionValue;
      if (equals === -1 && following.length > 0) i++;
      continue;
    }
    const parameter = PARAMETER_BY_OPTION.get(name);
    const isInput = (INPUT_OPTIONS as readonly string[]).includes(name);
    if (!parameter && !isInput) {
      const prefixed = KNOWN_OPTIONS.filter((known) => known.startsWith(name));
      const guess = prefixed.length === 1 ? prefixed[0] : closest(name, KNOWN_OPTIONS);
      problem(
        'cli-unknown-option',
        nameSpan,
        `Unknown option \`${name}\`: \`aws iot create-ota-update\` rejects the command ("Unknown options: ${name}").${guess ? ` Did you mean \`${guess}\`?` : ''}`,
      );
      i += following.length;
      continue;
    }
    const list = parameter?.kind === 'string-list' || parameter?.kind === 'structure-list';
    const taken = equals !== -1 ? [] : list ? following : following.slice(0, 1);
    const values: ValueText[] = equals !== -1 ? [wordText(word, equals + 1)] : taken.map((w) => wordText(w));
    if (values.length === 0) {
      problem(
        'cli-option-needs-value',
        nameSpan,
        `\`${name}\` has no value: the AWS CLI rejects the command ("argument ${name}: expected one argument"). Give its value after it.`,
        {
          path: parameter ? toJsonPointer([parameter.member]) : '',
        },
      );
      i += taken.length;
      continue;
    }
    i += taken.length;
    if (isInput) {
      input = { word: equals !== -1 ? word.slice(equals + 1) : taken[0]!, option: name, nameSpan };
      continue;
    }
    const previous = given.get(parameter!.member);
    if (previous) {
      problem(
        'cli-duplicate-option',
        nameSpan,
        `\`${name}\` is given twice: the AWS CLI silently keeps only the last one, so the first value is lost. Remove one of them.`,
        { path: toJsonPointer([parameter!.member]) },
      );
    }
    const valueWords = equals !== -1 ? [word.slice(equals + 1)] : taken;
    given.set(parameter!.member, {
      parameter: parameter!,
      option: word,
      nameSpan,
      values,
      words: valueWords,
      splits: valueWords.some((w) => w.splits),
    });
  }

  const reader = new ParameterReader(context, problems, dependencies);
  const children = new Map<string | number, LocatedValue>();
  const value: Record<string, unknown> = {};
  const root: LocatedValue = { value, span: command.head, children };

  if (input) {
    const fromInput = reader.inputFile(input.word, input.option);
    if (fromInput === 'unknown') open = true;
    else if (fromInput?.children) {
      for (const [member, child] of fromInput.children) {
        children.set(member, { ...child, key: input.nameSpan });
        value[String(member)] = child.value;
      }
    }
  }
  // Explicit parameters override the input file, in the model's order.
  for (const parameter of CLI_PARAMETERS) {
    const written = given.get(parameter.member);
    if (!written) continue;
    const child = reader.parameter(written);
    children.set(
      parameter.member,
      relocated(context.sites, child, {
        key: written.nameSpan,
        member: { offset: written.nameSpan.offset, length: child.span.offset + child.span.length - written.nameSpan.offset },
      }),
    );
    value[parameter.member] = child.value;
  }
  if (binaryFormat?.value === RAW_BINARY_FORMAT) {
    for (const blob of inlineSignatures(value)) {
      problem(
        'cli-binary-format',
        binaryFormat.span(),
        `\`${BINARY_FORMAT_OPTION} ${RAW_BINARY_FORMAT}\` makes the AWS CLI take \`${blob.label}\` as raw bytes and base64-encode them, so the base64 signature written there reaches the device encoded twice and fails verification. Remove \`${BINARY_FORMAT_OPTION} ${RAW_BINARY_FORMAT}\`: AWS CLI v2 reads blobs as base64 by default.`,
        { path: toJsonPointer(blob.path) },
      );
    }
  }
  if (open) markOpen(value, ['words known only at run time']);
  if (!input && !open) {
    for (const parameter of CLI_PARAMETERS) {
      if (!parameter.required || given.has(parameter.member)) continue;
      problem(
        'cli-required-option',
        command.head,
        `\`aws iot create-ota-update\` needs \`${parameter.option}\`; the AWS CLI rejects the command without it ("the following arguments are required: ${parameter.option}"). Add ${parameter.option} <value>.`,
        { path: toJsonPointer([parameter.member]), supersedes: 'aws-api-model' },
      );
    }
  }
  return { root, problems, dependencies };
}

const BINARY_FORMAT_OPTION = '--cli-binary-format';
const RAW_BINARY_FORMAT = 'raw-in-base64-out';

/** Each file's `customCodeSigning.signature.inlineDocument` written as a known string: the request's blobs. */
function inlineSignatures(request: Record<string, unknown>): Array<{ path: Array<string | number>; label: string }> {
  const files = request.files;
  if (!Array.isArray(files)) return [];
  const found: Array<{ path: Array<string | number>; label: string }> = [];
  files.forEach((file: unknown, index) => {
    const signature = (file as { codeSigning?: { customCodeSigning?: { signature?: { inlineDocument?: unknown } } } } | null)?.codeSigning?.customCodeSigning
      ?.signature;
    if (typeof signature?.inlineDocument !== 'string') return;
    found.push({
      path: ['files', index, 'codeSigning', 'customCodeSigning', 'signature', 'inlineDocument'],
      label: `files[${index}].codeSigning.customCodeSigning.signature.inlineDocument`,
    });
  });
  return found;
}

/** An option word: `--name`, `--name=value` (a negative number is a value, as in argparse). */
function isOptionWord(word: ShellWord): boolean {
  return word.value.startsWith('--') || (word.value.startsWith('-') && word.value.length > 1 && !/^-\d/.test(word.value));
}

function display(word: ShellWord): string {
  return word.value.replace(/[\ue000-\uf8ff]/g, '…');
}

/** Reads parameter values as awscli/argprocess.py does, by the parameter's shape. */
class ParameterReader {
  constructor(
    private readonly context: BuildContext,
    private readonly problems: ParseProblem[],
    private readonly dependencies: string[],
  ) {}

  parameter(given: Given): LocatedValue {
    const { parameter } = given;
    const pointer = toJsonPointer([parameter.member]);
    const first = given.values[0]!;
    const span = spanOf(given.values);
    const unknownWhole = (source: ValueText) => isWholeUnknown(source.text);
    // One word may name a file whose text is the value (`--files file://files.json`).
    if (given.values.length === 1) {
      const fromFile = this.paramFile(first, parameter, pointer);
      if (fromFile) return fromFile;
    }
    switch (parameter.kind) {
      case 'string':
        return this.scalar(first, given.splits);
      case 'string-list': {
        if (given.values.length === 1 && first.text.trimStart().startsWith('[')) return readJsonValue(first, this.context, this.problems, pointer);
        const items = given.values.map((source, i) => this.scalar(source, given.words[i]!.splits));
        const list = items.map((item) => item.value);
        if (given.splits) markOpen(list, ['words known only at run time']);
        return this.severalWords({ value: list, span, children: new Map(items.map((item, i) => [i, item])) }, given);
      }
      case 'structure':
      case 'map':
        if (unknownWhole(first)) return this.scalar(first, given.splits);
        return this.structure(first, parameter, pointer);
      case 'structure-list': {
        if (given.values.length === 1 && first.text.trimStart().startsWith('[')) return readJsonValue(first, this.context, this.problems, pointer);
        const items = given.values.map((source, i) => {
          if (unknownWhole(source)) return this.scalar(source, given.words[i]!.splits);
          return this.structure(source, { ...parameter, schema: parameter.schema.items ?? {} }, `${pointer}/${i}`);
        });
        const list = items.map((item) => item.value);
        if (given.splits) markOpen(list, ['words known only at run time']);
        return { value: list, span, children: new Map(items.map((item, i) => [i, item])) };
      }
    }
  }

  /** A structure, map or list item: JSON when it starts with `{` (or `[`), else shorthand. */
  structure(source: ValueText, parameter: CliParameter, pointer: string): LocatedValue {
    const start = source.text.trimStart()[0];
    if (start === '{' || start === '[') return readJsonValue(source, this.context, this.problems, pointer);
    return readShorthandValue(source, parameter.schema, this.context, this.problems, pointer, parameter.option, (value, at) =>
      this.fileValue(value, at, pointer, parameter.option, 'text'),
    );
  }

  scalar(source: ValueText, splits: boolean): LocatedValue {
    const made: LocatedValue = { value: stringValue(source, 0, source.text.length, source.text, this.context), span: source.span(0, source.text.length) };
    const context = source.site(0, source.text.length);
    if (context && !splits && typeof made.value === 'string') this.context.sites.values.set(made, { syntax: 'word', context });
    return made;
  }

  /**
   * A several-word list (`--protocols MQTT HTTP`): a fix rewrites all its words (quotes included)
   * when each is written plainly, in one piece.
   */
  severalWords(made: LocatedValue, given: Given): LocatedValue {
    const plain = given.values.every((source) => source.site(0, source.text.length) !== undefined);
    if (given.splits || !plain) return made;
    const first = given.words[0]!;
    const last = given.words[given.words.length - 1]!;
    const whole = { ...made, span: { offset: first.start, length: last.end - first.start } };
    this.context.sites.values.set(whole, { syntax: 'words', context: 'bare' });
    return whole;
  }

  /** `file://` / `fileb://` as a whole parameter value: the file's text is the value. */
  paramFile(source: ValueText, parameter: CliParameter, pointer: string): LocatedValue | undefined {
    const text = source.text;
    if (!text.startsWith('file://') && !text.startsWith('fileb://')) return undefined;
    const at = source.span(0, text.length);
    const binary = text.startsWith('fileb://');
    const content = this.fileValue(text, at, pointer, parameter.option, binary ? 'bytes' : 'text');
    if (!content) return undefined;
    return content;
  }

  /**
   * The value a `file://` names, read as the CLI reads it, relative to the script's folder.
   * Missing, unreadable or binary files are reported; their value is unknown.
   */
  fileValue(text: string, at: Span, pointer: string, option: string, mode: 'text' | 'bytes', parameter = parameterAt(pointer)): LocatedValue | undefined {
    const prefix = text.startsWith('fileb://') ? 'fileb://' : text.startsWith('file://') ? 'file://' : undefined;
    if (!prefix) return undefined;
    const written = text.slice(prefix.length);
    const unknown = (): LocatedValue => ({ value: unknownValue(this.context.fileText.slice(at.offset, at.offset + at.length), 'file'), span: at });
    // The CLI expands ~ and $VARS in the path: they are known only where the script runs.
    if (hasSentinel(written) || written.startsWith('~') || written.includes('$')) return unknown();
    const file = path.resolve(this.context.folder, written);
    // A parameter's own value (not a shorthand `key@=file://`) that is firmware, or raw bytes.
    if (mode === 'bytes' || (parameter && parameter.kind !== 'string' && BINARY_EXTENSIONS.test(written))) {
      this.problems.push({
        ruleId: 'cli-binary-param-file',
        sourceRule: true,
        message:
          mode === 'bytes'
            ? `${option} takes text (JSON or shorthand), but fileb:// hands the AWS CLI the raw bytes of ${written}. Use file:// for a JSON file; firmware itself goes to S3 (or a stream) and is named in --files.`
            : `${option} reads ${written} as its JSON text: the AWS CLI fails on a binary file ("Unable to load paramfile ... text contents could not be decoded"). Upload the firmware to S3 and name it in --files (fileLocation.s3Location), with the JSON in a file of its own.`,
        offset: at.offset,
        length: at.length,
        path: pointer,
      });
      return unknown();
    }
    let bytes: Buffer;
    try {
      const size = statSync(file).size;
      if (size > MAX_PARAM_FILE_BYTES) return unknown();
      bytes = readFileSync(file);
    } catch {
      this.problems.push({
        ruleId: 'cli-param-file-missing',
        sourceRule: true,
        message: `${prefix}${written}: there is no such file in the script's folder (otalint reads file:// paths relative to the script), so ${option} is not checked. If the script writes it first, or runs in another folder, this is expected.`,
        offset: at.offset,
        length: at.length,
        path: pointer,
      });
      return unknown();
    }
    this.dependencies.push(file);
    let content: string;
    try {
      content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      if (content.includes('\u0000')) throw new Error('binary');
    } catch {
      this.problems.push({
        ruleId: 'cli-binary-param-file',
        sourceRule: true,
        message: `${option} reads ${written} as its JSON text, but the file is binary: the AWS CLI fails ("text contents could not be decoded"). Upload the firmware to S3 and name it in --files (fileLocation.s3Location).`,
        offset: at.offset,
        length: at.length,
        path: pointer,
      });
      return unknown();
    }
    const source = fileText(content, at);
    if (!parameter || parameter.kind === 'string') return { value: content, span: at };
    const start = content.trimStart()[0];
    if (parameter.kind === 'string-list' && start !== '[') {
      // argprocess iterates over the text itself: each character becomes an item.
      return { value: [...content], span: at };
    }
    if (start === '[' || start === '{') return readJsonValue(source, this.context, this.problems, pointer);
    return readShorthandValue(source, parameter.schema, this.context, this.problems, pointer, option, () => undefined);
  }

  /** `--cli-input-json file://x.json` (or inline JSON), `--cli-input-yaml file://x.yaml`. */
  inputFile(word: ShellWord, option: string): LocatedValue | 'unknown' | undefined {
    const source = wordText(word);
    if (isWholeUnknown(source.text)) return 'unknown';
    const yaml = option === '--cli-input-yaml';
    const at = source.span(0, source.text.length);
    let text = source.text;
    let name = 'the value';
    if (text.startsWith('file://')) {
      const written = text.slice('file://'.length);
      if (hasSentinel(written) || written.startsWith('~') || written.includes('$')) return 'unknown';
      const file = path.resolve(this.context.folder, written);
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        this.problems.push({
          ruleId: 'cli-param-file-missing',
          sourceRule: true,
          message: `file://${written}: there is no such file in the script's folder (otalint reads file:// paths relative to the script), so the request in ${option} is not checked.`,
          offset: at.offset,
          length: at.length,
          path: '',
        });
        return 'unknown';
      }
      this.dependencies.push(file);
      name = written;
    } else if (hasSentinel(text)) {
      return 'unknown';
    } else if (!yaml) {
      return readJsonValue(source, this.context, this.problems, '');
    }
    const document = (yaml ? readYamlDocument : readJsonDocument)(name, text);
    for (const problem of document.problems) {
      const line = text.slice(0, problem.offset).split('\n').length;
      this.problems.push({
        ruleId: problem.ruleId,
        message: `In ${name} (line ${line}), read by ${option}: ${problem.message}`,
        offset: at.offset,
        length: at.length,
        path: problem.path,
        ...(problem.severity ? { severity: problem.severity } : {}),
      });
    }
    const request = document.requests[0];
    const value = request?.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    return locatedAt(value, at);
  }
}

/** A value from another file, every part of it located at `at` (the word that names the file). */
function locatedAt(value: unknown, at: Span): LocatedValue {
  if (value === null || typeof value !== 'object') return { value, span: at };
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((item, i) => [i, item]) : Object.entries(value);
  return { value, span: at, children: new Map(entries.map(([key, child]) => [key, locatedAt(child, at)])) };
}

function isWholeUnknown(text: string): boolean {
  const trimmed = text.trimStart();
  return trimmed.length > 0 && hasSentinel(trimmed[0]!);
}

function spanOf(values: readonly ValueText[]): Span {
  const first = values[0]!.span(0, values[0]!.text.length);
  const lastValue = values[values.length - 1]!;
  const last = lastValue.span(0, lastValue.text.length);
  return { offset: first.offset, length: last.offset + last.length - first.offset };
}

function parameterAt(pointer: string): CliParameter | undefined {
  const member = pointer.split('/')[1];
  const parameter = CLI_PARAMETERS.find((candidate) => candidate.member === member);
  if (!parameter || pointer.split('/').length > 2) return undefined;
  return parameter;
}
