import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { TextEdit as OffsetEdit } from '@otalint/core/engine';
import type { TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf } from './diagnostics.js';

/** What the placeholder reason says: a suppression needs one, and the user must write it. */
export const REASON_PLACEHOLDER = 'TODO: say why this finding is acceptable';

/** The config file a new suppression goes into when the folder has none. */
const NEW_CONFIG_NAME = '.otalintrc.json';

export interface SuppressionTarget {
  /** The config file that applies, or undefined when the folder uses the default config. */
  readonly configFile: string | undefined;
  /** The folder the file is linted from (where a new config file goes). */
  readonly root: string;
  /** The linted file, absolute. */
  readonly file: string;
  readonly rule: string;
  /** JSON pointer of the finding. */
  readonly pointer: string;
  /** The text of an open buffer, when the config is open in the editor (it may be unsaved). */
  readonly openText?: (file: string) => string | undefined;
}

interface Suppression {
  readonly files: string[];
  readonly path: string;
  readonly rule: string;
  readonly reason: string;
}

/**
 * The edit that adds a config suppression of one rule at one pointer of one file, with a
 * placeholder reason: to the JSON config's array (into a `suppressions`-only object when it has
 * one), as a new object at the end of a JS config's exported array, or in a new
 * `.otalintrc.json` that extends `recommended` (the default config) when there is none.
 * Undefined when the config's shape cannot be edited safely (a JS config that exports anything
 * but an array literal).
 */
export async function suppressionEdit(target: SuppressionTarget): Promise<WorkspaceEdit | undefined> {
  const configFile = target.configFile;
  const base = configFile ? path.dirname(configFile) : target.root;
  const suppression: Suppression = {
    files: [globEscape(path.relative(base, target.file).split(path.sep).join('/'))],
    path: target.pointer,
    rule: target.rule,
    reason: REASON_PLACEHOLDER,
  };
  if (configFile === undefined) {
    const uri = pathToFileURL(path.join(target.root, NEW_CONFIG_NAME)).href;
    const text = `${JSON.stringify([{ extends: ['recommended'] }, { suppressions: [suppression] }], null, 2)}\n`;
    return {
      documentChanges: [
        { kind: 'create', uri, options: { ignoreIfExists: true } },
        { textDocument: { uri, version: null }, edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: text }] },
      ],
    };
  }
  const text = target.openText?.(configFile) ?? (await readFile(configFile, 'utf8'));
  const edits = configFile.endsWith('.json') ? await jsonConfigEdits(text, suppression) : await moduleConfigEdits(text, suppression);
  if (!edits) return undefined;
  const document = TextDocument.create(pathToFileURL(configFile).href, configFile.endsWith('.json') ? 'json' : 'javascript', 0, text);
  const lspEdits: TextEdit[] = edits.map((edit) => ({ range: rangeOf(document, edit.offset, edit.length), newText: edit.text }));
  return { changes: { [document.uri]: lspEdits } };
}

/** Into `.otalintrc.json`: appended to a `{ "suppressions": [...] }` object, or as a new one. */
async function jsonConfigEdits(text: string, suppression: Suppression): Promise<OffsetEdit[] | undefined> {
  const { findNodeAtLocation, modify, parseTree } = await import('jsonc-parser');
  const root = parseTree(text);
  if (!root || root.type !== 'array') return undefined;
  const formattingOptions = { insertSpaces: true, tabSize: 2, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  const holder = (root.children ?? []).findIndex(
    (object) => object.type === 'object' && object.children?.length === 1 && findNodeAtLocation(object, ['suppressions'])?.type === 'array',
  );
  if (holder >= 0) {
    const list = findNodeAtLocation(root, [holder, 'suppressions'])!;
    return asEdits(modify(text, [holder, 'suppressions', list.children?.length ?? 0], suppression, { formattingOptions, isArrayInsertion: true }));
  }
  return asEdits(modify(text, [root.children?.length ?? 0], { suppressions: [suppression] }, { formattingOptions, isArrayInsertion: true }));
}

function asEdits(edits: ReadonlyArray<{ offset: number; length: number; content: string }>): OffsetEdit[] {
  return edits.map((edit) => ({ offset: edit.offset, length: edit.length, text: edit.content }));
}

/** Into `otalint.config.mjs`: a new object at the end of the array literal it exports. */
async function moduleConfigEdits(text: string, suppression: Suppression): Promise<OffsetEdit[] | undefined> {
  const { parse } = await import('@typescript-eslint/typescript-estree');
  let program;
  try {
    program = parse(text, { range: true, jsx: false });
  } catch {
    return undefined;
  }
  const exported = program.body.find((statement) => statement.type === 'ExportDefaultDeclaration');
  let array = exported?.type === 'ExportDefaultDeclaration' ? exported.declaration : undefined;
  while (array && (array.type === 'TSSatisfiesExpression' || array.type === 'TSAsExpression')) array = array.expression;
  if (!array || array.type !== 'ArrayExpression') return undefined;
  const object = `{ suppressions: [${moduleLiteral(suppression)}] }`;
  const last = array.elements.at(-1);
  if (!last) return [{ offset: array.range[0] + 1, length: 0, text: `\n  ${object},\n` }];
  const between = text.slice(last.range[1], array.range[1] - 1);
  const comma = between.indexOf(',');
  return comma >= 0
    ? [{ offset: last.range[1] + comma + 1, length: 0, text: `\n  ${object},` }]
    : [{ offset: last.range[1], length: 0, text: `,\n  ${object}` }];
}

/** A suppression as a JS object literal, in the style of docs/suppressions.md. */
function moduleLiteral(suppression: Suppression): string {
  const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return `{ files: [${suppression.files.map(quote).join(', ')}], path: ${quote(suppression.path)}, rule: ${quote(suppression.rule)}, reason: ${quote(suppression.reason)} }`;
}

/** A file name as a glob that matches only it. */
function globEscape(name: string): string {
  return name.replace(/[*?[\]{}()!+@\\]/g, (char) => `\\${char}`);
}
