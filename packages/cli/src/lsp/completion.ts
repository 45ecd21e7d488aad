import type { JsonPath } from '@otalint/core';
import { CompletionItemKind, MarkupKind, type CompletionItem } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { rangeOf } from './diagnostics.js';
import { memberMarkdown, modelAt, modelDocs, typeName } from './model-docs.js';
import { yamlPlaceAt } from './yaml-place.js';

/** Where the cursor is in a request file being typed, and the text a completion replaces. */
export interface CursorPlace {
  /** The object whose member names fit here (`on: 'key'`), or the member whose value is typed. */
  readonly path: JsonPath;
  readonly on: 'key' | 'value';
  readonly replace: { readonly offset: number; readonly length: number };
  /** The member names the object already has. */
  readonly present: readonly string[];
  readonly syntax: 'json' | 'yaml';
}

/**
 * Completions in JSON and YAML request files: the member names the model allows at the cursor
 * (those not written yet, required ones first), and the values of enumerations (`MQTT`, `HTTP`,
 * `SNAPSHOT`, `CONTINUOUS`, failure types, ...), each with the model's documentation.
 */
export async function completionItems(document: TextDocument, kind: string, offset: number): Promise<CompletionItem[]> {
  const text = document.getText();
  const place = kind === 'json' ? await jsonPlaceAt(text, offset) : kind === 'yaml' ? yamlPlaceAt(text, offset) : undefined;
  if (!place) return [];
  const range = rangeOf(document, place.replace.offset, place.replace.length);
  const quote = (value: string) => (place.syntax === 'json' ? JSON.stringify(value) : value);
  const node = modelAt(place.path);
  if (!node) return [];
  const docs = await modelDocs();
  if (place.on === 'key' && node.type === 'object' && node.properties) {
    const required = new Set(node.required ?? []);
    return Object.entries(node.properties)
      .filter(([name]) => !place.present.includes(name))
      .map(([name, member]) => ({
        label: name,
        kind: CompletionItemKind.Property,
        detail: typeName(member) + (required.has(name) ? ' (required)' : ''),
        documentation: { kind: MarkupKind.Markdown, value: memberMarkdown([...place.path, name], member, docs) },
        sortText: `${required.has(name) ? 0 : 1}${name}`,
        textEdit: { range, newText: `${quote(name)}: ` },
      }));
  }
  return (node.enum ?? []).map((value) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    detail: node['x-shape'] ?? typeName(node),
    documentation: { kind: MarkupKind.Markdown, value: memberMarkdown(place.path, node, docs) },
    textEdit: { range, newText: quote(value) },
  }));
}

/** The cursor in JSON, from jsonc-parser's reading of the text up to it (which tolerates half-typed text). */
async function jsonPlaceAt(text: string, offset: number): Promise<CursorPlace | undefined> {
  const { findNodeAtLocation, getLocation, parseTree } = await import('jsonc-parser');
  const location = getLocation(text, offset);
  const previous = location.previousNode;
  const replace =
    previous && (previous.type === 'string' || previous.type === 'property') && offset > previous.offset
      ? { offset: previous.offset, length: previous.length }
      : { offset, length: 0 };
  if (location.isAtPropertyKey) {
    const path = location.path.slice(0, -1);
    const root = parseTree(text);
    const object = root && findNodeAtLocation(root, path);
    const present = (object?.children ?? []).flatMap((property) => (property.children?.[0]?.value === undefined ? [] : [String(property.children[0].value)]));
    return { path, on: 'key', replace, present: present.filter((name) => replace.length === 0 || name !== previous?.value), syntax: 'json' };
  }
  return { path: location.path, on: 'value', replace, present: [], syntax: 'json' };
}
