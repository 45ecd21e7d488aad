import { extname } from 'node:path';
import { readJsonDocument } from './json-document.js';
import { readYamlDocument } from './yaml-document.js';
import { javascriptKind } from './sources/javascript.js';
import { pythonKind } from './sources/python.js';
import type { SourceDocument, SourceKind } from './types.js';

const hasExtension =
  (...extensions: string[]) =>
  (filePath: string): boolean =>
    extensions.includes(extname(filePath).toLowerCase());

/** Request files for `aws iot create-ota-update --cli-input-json file://...`. */
export const jsonKind: SourceKind = {
  id: 'json',
  description: 'request files for --cli-input-json (*.json)',
  patterns: ['**/*.json'],
  claims: hasExtension('.json'),
  read: readJsonDocument,
};

/** Request files for `--cli-input-yaml` (AWS CLI v2). */
export const yamlKind: SourceKind = {
  id: 'yaml',
  description: 'request files for --cli-input-yaml (*.yaml, *.yml)',
  patterns: ['**/*.yaml', '**/*.yml'],
  claims: hasExtension('.yaml', '.yml'),
  read: readYamlDocument,
};

/**
 * The source kinds otalint reads, most specific first: a file goes to the first kind that claims
 * it (a workflow kind must come before YAML). Request files come last.
 */
export const BUILTIN_SOURCE_KINDS: readonly SourceKind[] = [javascriptKind, pythonKind, jsonKind, yamlKind];

/** The kinds of one run (built-ins plus plugins'), and which one reads a file. */
export class SourceKinds {
  readonly #byId: Map<string, SourceKind>;

  constructor(readonly kinds: readonly SourceKind[] = BUILTIN_SOURCE_KINDS) {
    this.#byId = new Map(kinds.map((kind) => [kind.id, kind]));
  }

  get(id: string): SourceKind | undefined {
    return this.#byId.get(id);
  }

  /**
   * The kind that reads a file: the first that claims it. A file no kind claims is read as a
   * request file, JSON when it starts like JSON, else YAML (as `otalint request.txt` always did).
   */
  kindFor(filePath: string, text?: string): SourceKind {
    for (const kind of this.kinds) if (kind.claims(filePath, text)) return kind;
    const first = text?.replace(/^\uFEFF/, '').trimStart()[0];
    return (first === '{' || first === '[' ? this.#byId.get('json') : this.#byId.get('yaml')) ?? jsonKind;
  }

  /** Read a file with the kind that claims it (or the one named). Never throws on the text. */
  read(filePath: string, text: string, kindId?: string): SourceDocument {
    const kind = (kindId === undefined ? undefined : this.#byId.get(kindId)) ?? this.kindFor(filePath, text);
    return kind.read(filePath, text);
  }
}

const builtinKinds = new SourceKinds();

/** Read a file with the built-in kinds; `kindId` forces one (`json`, `yaml`, ...). */
export function readSource(filePath: string, text: string, kindId?: string): SourceDocument {
  return builtinKinds.read(filePath, text, kindId);
}
