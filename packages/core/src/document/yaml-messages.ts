import type { ErrorCode } from 'yaml';

/** A problem the yaml library reports: its code, its own message (never shown), and its place. */
export interface YamlProblem {
  readonly code: ErrorCode;
  readonly message: string;
  readonly pos: readonly [number, number];
}

type Explain = (problem: YamlProblem, text: string) => string;

/** One of several things a code can mean, told apart by the library's message. */
type Case = readonly [RegExp, Explain | string];

const BRACKETS = 'inside `[...]` or `{...}`';

/**
 * otalint's words for every problem the yaml library can report, by code: what is wrong and how to
 * fix it, never the library's own text (which names its API and its internals). A code that means
 * several things is told apart by the library's message; the last entry of a code is its fallback.
 * Typed by `ErrorCode`, so a code a new yaml version adds fails the type check until it has words.
 */
const MESSAGES: Readonly<Record<ErrorCode, Explain | string | readonly Case[]>> = {
  ALIAS_PROPS: 'An alias (`*name`) cannot have a tag or an anchor of its own. Remove the `!tag` or `&anchor` in front of it.',
  BAD_ALIAS:
    'An anchor (`&`) or an alias (`*`) needs a name, and the name cannot end with `:`: write `&name` and `*name`. If `&` or `*` is meant as text, quote the value.',
  BAD_COLLECTION_TYPE: 'The tag `!!map` is on a list, or `!!seq` on a mapping. Remove the tag.',
  BAD_DIRECTIVE: 'This `%` directive line is malformed. A request file needs no directives: remove the line (or write exactly `%YAML 1.2`).',
  BAD_DQ_ESCAPE: (problem, text) =>
    `\`${quoteSource(text, problem.pos, 2)}\` is not an escape a double-quoted string may hold. Write a backslash as \`\\\\\`, or use single quotes, in which a backslash is just a backslash.`,
  BAD_INDENT: [
    [/sequence items/, 'The items of this list do not start at the same column. Indent every `- ` of one list equally.'],
    [
      /mapping items/,
      'The keys of this mapping do not start at the same column. Indent every key of one mapping equally, and a value on the lines below its key deeper than the key.',
    ],
    [/^Flow/, `A \`[...]\` or \`{...}\` that spans lines is not indented deeper than its key, or is not closed. Indent its lines past the key and close it.`],
    [
      /^Block scalar/,
      'A line of this `|` or `>` block is indented less than the block needs (its first line, or the number after `|`). Indent every line of the block at least that deep.',
    ],
    [/./, 'Wrong indentation: this line is not aligned with the lines of its block. Indent the members of one mapping or list equally.'],
  ],
  BAD_PROP_ORDER: 'A tag or an anchor is written before a `?`, `:` or `-` indicator. Write it after the indicator, next to its value: `- !!binary …`.',
  BAD_SCALAR_START: (problem, text) => {
    const character = text.slice(problem.pos[0], problem.pos[0] + 1) || '@';
    const shown = character === '`' ? 'a backtick' : `\`${character}\``;
    return `A value cannot start with ${shown} unless it is quoted (YAML reserves the character). Quote the value: "${character}…".`;
  },
  BLOCK_AS_IMPLICIT_KEY: [
    [
      /compact mappings/,
      'Two `key: value` pairs on one line (`a: b: c`), or a value that holds `: `. Put each member on its own line, or quote a value that contains `: `.',
    ],
    [/./, 'A key that spans more than one line, or a missing `:` after a key. Write each member as `key: value` on one line.'],
  ],
  BLOCK_IN_FLOW: `Block-style items (\`- item\`, or \`key: value\` on a line of its own) ${BRACKETS}, or two items without a comma between them. Separate the items with commas ([a, b], {key: value, other: value}), or drop the brackets and write the items in block style.`,
  DUPLICATE_KEY: 'A key appears twice in this mapping; the AWS CLI rejects YAML with duplicate keys. Remove one of them.',
  IMPOSSIBLE: 'This line cannot be read as YAML: a comment or text stands where none may. Check the line for stray characters.',
  KEY_OVER_1024_CHARS:
    'A key of more than 1024 characters, which YAML does not allow without `?`; no request member is that long. Look for a missing line break or `:` before this point.',
  MISSING_CHAR: [
    [/closing "quote/, 'A double-quoted string is not closed. Add the closing `"`.'],
    [/closing 'quote/, "A single-quoted string is not closed. Add the closing `'`."],
    [/Missing , between flow/, `Two items ${BRACKETS} without a comma between them. Add the \`,\`.`],
    [/Missing space after :/, 'Inside `{...}`, write a space after `:` (`{key: value}`): without it, `key:value` reads as one word.'],
    [/Missing , or : between flow/, 'Inside `{...}`, an item with neither `:` nor `,` after it. Write the members as `{key: value, other: value}`.'],
    [
      /Implicit map keys need to be followed by map values/,
      'A line that is neither `key: value` nor `- item` (a key without its `:`, or a value broken onto a line of its own). Add `: ` after the key, or join or indent the line.',
    ],
    [/^Comments must be separated/, '`#` starts a comment only after a space. Write ` # comment`, or quote the value if `#` is part of it.'],
    [/^Tags and anchors must be separated/, 'A tag or an anchor runs into its value. Put a space between them: `!!binary "…"`, `&name value`.'],
    [/^Sequence item without/, 'A list item without its `- `. Start every item of the list with `- `.'],
    [/same line with directives-end/, 'A mapping or a list starts on the `---` line. Start it on the line after `---`.'],
    [
      /directives-end/,
      'After a `%` directive line, the document must start with a `---` line. Add `---`, or remove the directive (a request file needs none).',
    ],
    [/must end with/, 'A `[` or `{` is not closed. Add the closing `]` or `}`.'],
    [
      /more-indented leading empty lines/,
      "This `|` or `>` block starts with blank lines indented deeper than its first text line. Remove the blank lines' spaces, or write the indentation after the `|` (`|2`).",
    ],
    [
      /block sequence props/,
      'A tag or an anchor of a list is on the line of its first `- `. Put it on the line before the items: `key: !!seq` then `  - item`.',
    ],
    [/./, 'A character YAML needs here is missing: a closing quote or bracket, a `,`, a `:` or a space. Check this line.'],
  ],
  MULTILINE_IMPLICIT_KEY: 'A key that spans more than one line, or a missing `:` after a key. Write each member as `key: value` on one line.',
  MULTIPLE_ANCHORS: 'A value has two anchors (`&a &b`). Keep one.',
  MULTIPLE_DOCS: 'The file holds more than one YAML document (a second `---`); --cli-input-yaml reads exactly one request. Put each request in its own file.',
  MULTIPLE_TAGS: 'A value has two tags (`!!str !!int`). Keep one.',
  NON_STRING_KEY: 'A key that is not a plain string (a list or a mapping used as a key). Write each key as a name.',
  RESOURCE_EXHAUSTION: 'The aliases (`*name`) in this file expand into too much data. Write the values out instead of repeating them through aliases.',
  TAB_AS_INDENT: 'A tab is used for indentation; YAML indents with spaces only. Replace the tab with spaces.',
  TAG_RESOLVE_FAILED: (problem, text) => tagMessage(quoteSource(text, problem.pos), clipped(text.slice(problem.pos[1]).split(/\r?\n/)[0]!.trim())),
  UNEXPECTED_TOKEN: [
    [/Unexpected , in flow/, `A stray \`,\` ${BRACKETS} (two commas in a row, or one before the first item). Remove it.`],
    [/Unexpected empty item/, `An empty item ${BRACKETS} (two commas in a row). Remove one comma, or write the item.`],
    [/flow-(map|seq)-end/, 'A `]` or `}` that closes nothing. Remove it, or add the `[` or `{` it belongs to.'],
    [
      /Block scalar header/,
      'After `|` or `>`, only an indentation number and `+` or `-` may follow on the line (`|`, `|-`, `>2`). Move the text to the lines below, indented.',
    ],
    [
      /block-seq-ind on same line with key/,
      'A list item (`- `) on the line of its key. Put the items on the lines below the key, indented: `key:` then `  - item`.',
    ],
    [/doc-end without preceding document/, 'A `...` document end with no document before it. Remove the line.'],
    [/map-value-ind/, 'A `:` with no key before it. Write the key, or quote a value that starts with `:`.'],
    [
      /./,
      (problem, text) =>
        `Unexpected \`${quoteSource(text, problem.pos)}\` here: it does not fit the YAML around it. Check the line for a stray character, a missing quote or a wrong indentation.`,
    ],
  ],
};

/** The types a standard tag's value must have, as `tagMessage` names them. */
const STANDARD_TAGS: Readonly<Record<string, string>> = {
  '!!int': 'a whole number',
  '!!float': 'a number',
  '!!bool': '`true` or `false`',
  '!!null': 'empty, `~` or `null`',
  '!!timestamp': 'a date, `yyyy-mm-dd`, optionally with a time',
  '!!binary': 'base64 text',
  '!!str': 'a string',
  '!!map': 'a mapping',
  '!!seq': 'a list',
};

/** otalint's message for a problem the yaml library reports (see MESSAGES). */
export function yamlProblemMessage(problem: YamlProblem, text: string): string {
  const entry = MESSAGES[problem.code];
  if (entry === undefined) return 'This part of the file cannot be read as YAML. Check the line for a stray character, a missing quote or a wrong indentation.';
  if (typeof entry === 'string') return entry;
  if (typeof entry === 'function') return entry(problem, text);
  const [, explain] = entry.find(([pattern]) => pattern.test(problem.message)) ?? entry[entry.length - 1]!;
  return typeof explain === 'string' ? explain : explain(problem, text);
}

/**
 * A tag the loader cannot apply: a standard tag whose value does not fit it (`!!int abc`: the AWS
 * CLI fails on it), or a tag no YAML 1.2 loader knows (the CLI rejects the file).
 */
export function tagMessage(tag: string, value: string): string {
  const wanted = STANDARD_TAGS[tag];
  if (tag === '!!map' || tag === '!!seq') return `The tag \`${tag}\` is on a value that is not ${wanted}, and the AWS CLI cannot read it. Remove the tag.`;
  if (wanted) {
    return `\`${value || '(empty)'}\` is not a valid \`${tag}\` (${wanted}), and the AWS CLI cannot read it. Fix the value, or remove the tag.`;
  }
  return `The tag \`${tag}\` is not one the AWS CLI's YAML loader knows (it reads plain YAML 1.2 and \`!!binary\`); it rejects the file. Remove the tag.`;
}

/**
 * The YAML could not be turned into data: an alias naming no anchor before it (the CLI rejects
 * the file). Aliases expanding past the limit are the engine's limit-exceeded (yaml-document.ts).
 */
export function yamlConversionMessage(error: unknown, alias: string | undefined): string {
  const text = error instanceof Error ? error.message : String(error);
  if (/Unresolved alias/.test(text)) {
    return alias
      ? `The alias \`*${alias}\` names no anchor defined before it; the AWS CLI rejects the file. Define \`&${alias}\` on an earlier value, or write the value out.`
      : 'An alias (`*`) names no anchor defined before it; the AWS CLI rejects the file. Define the anchor (`&name`) on an earlier value, or write the value out.';
  }
  return 'The YAML cannot be turned into a request (its aliases or tags do not resolve). Write the values out without aliases and tags.';
}

/** The source text of a problem, on one line and not too long to quote. */
function quoteSource(text: string, pos: readonly [number, number], minimum = 1): string {
  const end = Math.max(pos[1], pos[0] + minimum);
  return clipped(text.slice(pos[0], end).split(/\r?\n/)[0]!) || text.slice(pos[0], pos[0] + 1);
}

function clipped(source: string): string {
  return source.length > 40 ? `${source.slice(0, 40)}…` : source;
}
