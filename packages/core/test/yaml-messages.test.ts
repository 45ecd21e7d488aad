import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { suite } from 'uvu';
import { parseDocument, type ErrorCode } from 'yaml';
import { readYamlDocument } from '../src/document/yaml-document.js';
import { yamlProblemMessage } from '../src/document/yaml-messages.js';

const test = suite('YAML problems in our words');

/** The codes the installed yaml library declares (its `ErrorCode` union), read from its types. */
const LIBRARY_CODES = (() => {
  const types = path.join(path.dirname(createRequire(import.meta.url).resolve('yaml')), 'errors.d.ts');
  const union = /export type ErrorCode = ([^;]+);/.exec(readFileSync(types, 'utf8'))![1]!;
  return [...union.matchAll(/'([A-Z0-9_]+)'/g)].map((match) => match[1]!).sort() as ErrorCode[];
})();

/** What the library itself says about a text (never to be shown): each message's first line. */
function libraryMessages(text: string): string[] {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, customTags: ['timestamp', 'binary'], logLevel: 'error' });
  const thrown: string[] = [];
  try {
    doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    thrown.push((error as Error).message);
  }
  return [...doc.errors, ...doc.warnings]
    .map((problem) => problem.message)
    .concat(thrown)
    .map((message) => message.split('\n')[0]!);
}

function problemsOf(text: string): string[] {
  return readYamlDocument('r.yaml', text).problems.map((problem) => problem.message);
}

/** Each case: a file that makes the library report the code, and otalint's message for it (the first problem, or the one at `pick`). */
const CASES: ReadonlyArray<{ code: ErrorCode; text: string; message: string; pick?: number }> = [
  {
    code: 'ALIAS_PROPS',
    text: 'a: &x 1\nb: !!str *x\n',
    message: 'An alias (`*name`) cannot have a tag or an anchor of its own. Remove the `!tag` or `&anchor` in front of it.',
  },
  {
    code: 'BAD_ALIAS',
    text: 'otaUpdateId: & fw\n',
    message:
      'An anchor (`&`) or an alias (`*`) needs a name, and the name cannot end with `:`: write `&name` and `*name`. If `&` or `*` is meant as text, quote the value.',
  },
  {
    code: 'BAD_DIRECTIVE',
    text: '%TAG !\n---\notaUpdateId: fw\n',
    message: 'This `%` directive line is malformed. A request file needs no directives: remove the line (or write exactly `%YAML 1.2`).',
  },
  {
    code: 'BAD_DQ_ESCAPE',
    text: 'roleArn: "arn:aws:iam::123456789012:role\\q"\n',
    message:
      '`\\q` is not an escape a double-quoted string may hold. Write a backslash as `\\\\`, or use single quotes, in which a backslash is just a backslash.',
  },
  {
    code: 'BAD_INDENT',
    text: 'files:\n  - fileName: a\n   - fileName: b\n',
    message: 'The items of this list do not start at the same column. Indent every `- ` of one list equally.',
  },
  {
    code: 'BAD_INDENT',
    text: 'x:\n  y: [1,\n2]\n',
    message: 'A `[...]` or `{...}` that spans lines is not indented deeper than its key, or is not closed. Indent its lines past the key and close it.',
  },
  {
    code: 'BAD_INDENT',
    text: 'a: |\n    x\n  y\n',
    message:
      'The keys of this mapping do not start at the same column. Indent every key of one mapping equally, and a value on the lines below its key deeper than the key.',
  },
  {
    code: 'BAD_PROP_ORDER',
    text: '&x ? a : b\n',
    message: 'A tag or an anchor is written before a `?`, `:` or `-` indicator. Write it after the indicator, next to its value: `- !!binary …`.',
  },
  {
    code: 'BAD_SCALAR_START',
    text: 'otaUpdateId: @fw\n',
    message: 'A value cannot start with `@` unless it is quoted (YAML reserves the character). Quote the value: "@…".',
  },
  {
    code: 'BLOCK_AS_IMPLICIT_KEY',
    text: 'otaUpdateId: fw: 1\n',
    message:
      'Two `key: value` pairs on one line (`a: b: c`), or a value that holds `: `. Put each member on its own line, or quote a value that contains `: `.',
  },
  {
    code: 'BLOCK_IN_FLOW',
    text: 'targets: [\n  - a\n]\n',
    message:
      'Block-style items (`- item`, or `key: value` on a line of its own) inside `[...]` or `{...}`, or two items without a comma between them. Separate the items with commas ([a, b], {key: value, other: value}), or drop the brackets and write the items in block style.',
  },
  {
    code: 'KEY_OVER_1024_CHARS',
    text: `${'k'.repeat(1100)}: 1\n`,
    message:
      'A key of more than 1024 characters, which YAML does not allow without `?`; no request member is that long. Look for a missing line break or `:` before this point.',
  },
  { code: 'MISSING_CHAR', text: 'otaUpdateId: "fw\n', message: 'A double-quoted string is not closed. Add the closing `"`.' },
  { code: 'MISSING_CHAR', text: "otaUpdateId: 'fw\n", message: "A single-quoted string is not closed. Add the closing `'`." },
  { code: 'MISSING_CHAR', text: '{otaUpdateId: fw\n', message: 'A `[` or `{` is not closed. Add the closing `]` or `}`.' },
  {
    code: 'MISSING_CHAR',
    text: 'otaUpdateId: fw\nroleArn\n',
    message:
      'A line that is neither `key: value` nor `- item` (a key without its `:`, or a value broken onto a line of its own). Add `: ` after the key, or join or indent the line.',
  },
  {
    code: 'MISSING_CHAR',
    text: 'otaUpdateId: "fw"#note\n',
    message: '`#` starts a comment only after a space. Write ` # comment`, or quote the value if `#` is part of it.',
  },
  {
    code: 'MISSING_CHAR',
    text: 'otaUpdateId: !!str"fw"\n',
    message: 'A tag or an anchor runs into its value. Put a space between them: `!!binary "…"`, `&name value`.',
  },
  {
    code: 'MISSING_CHAR',
    text: '%YAML 1.2\notaUpdateId: fw\n',
    message: 'After a `%` directive line, the document must start with a `---` line. Add `---`, or remove the directive (a request file needs none).',
  },
  { code: 'MISSING_CHAR', text: '--- otaUpdateId: fw\n', message: 'A mapping or a list starts on the `---` line. Start it on the line after `---`.' },
  {
    code: 'MISSING_CHAR',
    text: 'a: |\n\n   \n  x\n',
    message:
      "This `|` or `>` block starts with blank lines indented deeper than its first text line. Remove the blank lines' spaces, or write the indentation after the `|` (`|2`).",
  },
  {
    code: 'MULTILINE_IMPLICIT_KEY',
    text: 'otaUpdateId\nroleArn: r\n',
    message: 'A key that spans more than one line, or a missing `:` after a key. Write each member as `key: value` on one line.',
  },
  { code: 'MULTIPLE_ANCHORS', text: 'otaUpdateId: &a &b fw\n', message: 'A value has two anchors (`&a &b`). Keep one.' },
  {
    code: 'MULTIPLE_DOCS',
    text: 'otaUpdateId: a\n---\notaUpdateId: b\n',
    message: 'The file holds more than one YAML document (a second `---`); --cli-input-yaml reads exactly one request. Put each request in its own file.',
  },
  { code: 'MULTIPLE_TAGS', text: 'otaUpdateId: !!str !!int fw\n', message: 'A value has two tags (`!!str !!int`). Keep one.' },
  {
    code: 'TAB_AS_INDENT',
    text: 'files:\n\t- fileName: a\n',
    message: 'A tab is used for indentation; YAML indents with spaces only. Replace the tab with spaces.',
  },
  {
    code: 'TAG_RESOLVE_FAILED',
    text: 'otaUpdateId: !custom fw\n',
    message: "The tag `!custom` is not one the AWS CLI's YAML loader knows (it reads plain YAML 1.2 and `!!binary`); it rejects the file. Remove the tag.",
  },
  {
    code: 'TAG_RESOLVE_FAILED',
    text: 'awsJobTimeoutConfig:\n  inProgressTimeoutInMinutes: !!int ten\n',
    message: '`ten` is not a valid `!!int` (a whole number), and the AWS CLI cannot read it. Fix the value, or remove the tag.',
  },
  {
    code: 'TAG_RESOLVE_FAILED',
    text: 'a: !!timestamp soon\n',
    message:
      '`soon` is not a valid `!!timestamp` (a date, `yyyy-mm-dd`, optionally with a time), and the AWS CLI cannot read it. Fix the value, or remove the tag.',
  },
  {
    code: 'TAG_RESOLVE_FAILED',
    text: 'files: !!map [a]\n',
    message: 'The tag `!!map` is on a value that is not a mapping, and the AWS CLI cannot read it. Remove the tag.',
  },
  {
    code: 'UNEXPECTED_TOKEN',
    text: 'targets: [a,,b]\n',
    message: 'A stray `,` inside `[...]` or `{...}` (two commas in a row, or one before the first item). Remove it.',
  },
  { code: 'UNEXPECTED_TOKEN', text: 'otaUpdateId: }\n', message: 'A `]` or `}` that closes nothing. Remove it, or add the `[` or `{` it belongs to.' },
  {
    code: 'UNEXPECTED_TOKEN',
    text: 'description: |x\n  text\n',
    message:
      'After `|` or `>`, only an indentation number and `+` or `-` may follow on the line (`|`, `|-`, `>2`). Move the text to the lines below, indented.',
  },
  {
    code: 'UNEXPECTED_TOKEN',
    text: 'targets: - a\n',
    message: 'A list item (`- `) on the line of its key. Put the items on the lines below the key, indented: `key:` then `  - item`.',
  },
  { code: 'UNEXPECTED_TOKEN', text: '- a\n- b\n: c\n', message: 'A `:` with no key before it. Write the key, or quote a value that starts with `:`.' },
  {
    code: 'UNEXPECTED_TOKEN',
    text: '- a\n- b\n: c\n',
    pick: 1,
    message: 'Unexpected `c` here: it does not fit the YAML around it. Check the line for a stray character, a missing quote or a wrong indentation.',
  },
];

/** Codes no file can make the library report with the options otalint reads YAML with: checked through the mapping itself. */
const UNREACHABLE: ReadonlyArray<{ code: ErrorCode; why: string; message: string }> = [
  {
    code: 'DUPLICATE_KEY',
    why: 'reported as duplicate-key, with the key',
    message: 'A key appears twice in this mapping; the AWS CLI rejects YAML with duplicate keys. Remove one of them.',
  },
  {
    code: 'IMPOSSIBLE',
    why: 'an internal state of the library',
    message: 'This line cannot be read as YAML: a comment or text stands where none may. Check the line for stray characters.',
  },
  {
    code: 'NON_STRING_KEY',
    why: 'only with the stringKeys option',
    message: 'A key that is not a plain string (a list or a mapping used as a key). Write each key as a name.',
  },
  {
    code: 'RESOURCE_EXHAUSTION',
    why: 'only with a custom alias resolver; too many aliases surface from toJS',
    message: 'The aliases (`*name`) in this file expand into too much data. Write the values out instead of repeating them through aliases.',
  },
  {
    code: 'BAD_COLLECTION_TYPE',
    why: 'a warning beside TAG_RESOLVE_FAILED, which is the one reported',
    message: 'The tag `!!map` is on a list, or `!!seq` on a mapping. Remove the tag.',
  },
];

test('every code the yaml library declares has a case here: a file that triggers it, or a reason none can', () => {
  const covered = new Set([...CASES.map((c) => c.code), ...UNREACHABLE.map((c) => c.code)]);
  assert.deepEqual(
    LIBRARY_CODES.filter((code) => !covered.has(code)),
    [],
    'a yaml code without a case (a new yaml version?): add its words to yaml-messages.ts and a case here',
  );
});

for (const { code, text, message, pick } of CASES) {
  test(`${code}: ${JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)}`, () => {
    const reported = parseDocument(text, { uniqueKeys: true, prettyErrors: false, customTags: ['timestamp', 'binary'], logLevel: 'error' });
    assert.ok(
      [...reported.errors, ...reported.warnings].some((problem) => problem.code === code),
      `the library no longer reports ${code} for this text: ${[...reported.errors, ...reported.warnings].map((p) => p.code).join(', ')}`,
    );
    const problems = problemsOf(text);
    assert.equal(problems[pick ?? 0], message, problems.join('\n'));
    for (const own of libraryMessages(text)) assert.ok(!problems.some((problem) => problem.includes(own)), `the library's "${own}" leaked`);
  });
}

test('codes no file reaches still have words of ours', () => {
  for (const { code, why, message } of UNREACHABLE) {
    assert.equal(yamlProblemMessage({ code, message: 'library text', pos: [0, 1] }, 'x'), message, `${code} (${why})`);
  }
});

test('aliases that do not resolve, or expand too far, are said in our words at the alias', () => {
  const document = readYamlDocument('r.yaml', 'otaUpdateId: fw\nroleArn: *role\n');
  assert.deepEqual(
    document.problems.map((problem) => [problem.message, problem.offset, problem.length]),
    [['The alias `*role` names no anchor defined before it; the AWS CLI rejects the file. Define `&role` on an earlier value, or write the value out.', 25, 5]],
  );
  const laughs = ['a: &a [x]', ...'bcde'.split('').map((name, i) => `${name}: &${name} [${Array(9).fill(`*${'abcd'[i]}`).join(',')}]`), ''].join('\n');
  // Past the alias-expansion limit: the engine's limit-exceeded, naming the limit.
  assert.deepEqual(
    readYamlDocument('r.yaml', laughs).problems.map((problem) => [problem.ruleId, problem.message]),
    [
      [
        'limit-exceeded',
        'The YAML resolves aliases (`*name`) more than 1000 times over, past otalint\'s alias-expansion limit (maxAliasCount, a guard against "billion laughs" files); it was not checked. Write the values out, or use fewer aliases.',
      ],
    ],
  );
});

test('no library wording in any message, over a thousand broken variants of real request files', () => {
  const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../../fixtures/good');
  const sources = readdirSync(fixtures)
    .filter((name) => name.endsWith('.yaml'))
    .map((name) => readFileSync(path.join(fixtures, name), 'utf8'));
  assert.ok(sources.length > 0);
  const significant = [':', '-', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`', ',', '\t', '\n', ' ', '?', '\\'];
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  let broken = 0;
  for (let round = 0; round < 1200; round++) {
    let text = sources[round % sources.length]!;
    for (let edit = 0; edit <= random(3); edit++) {
      const at = random(text.length);
      const kind = random(3);
      const character = significant[random(significant.length)]!;
      text =
        kind === 0
          ? text.slice(0, at) + text.slice(at + 1)
          : kind === 1
            ? text.slice(0, at) + character + text.slice(at)
            : text.slice(0, at) + character + text.slice(at + 1);
    }
    const problems = problemsOf(text);
    if (problems.length > 0) broken++;
    const own = libraryMessages(text);
    for (const problem of problems) {
      assert.doesNotMatch(problem, /YAML\.\w+\(|please use|token in YAML|Unexpected \S+-\S+ token|tag:yaml\.org/, `${JSON.stringify(text)}: ${problem}`);
      for (const message of own) assert.ok(!problem.includes(message), `${JSON.stringify(text)}: the library's "${message}" leaked into "${problem}"`);
    }
  }
  assert.ok(broken > 300, `only ${broken} variants were broken: the test would prove little`);
});

test.run();
