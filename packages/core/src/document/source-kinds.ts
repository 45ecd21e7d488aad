import { extname } from 'node:path';
import { readWithinLimits } from './guarded-read.js';
import { readJsonDocument } from './json-document.js';
import { readYamlDocument } from './yaml-document.js';
import { byExtension } from './sources/by-extension.js';
import { javascriptKind } from './sources/javascript.js';
import { pythonKind } from './sources/python.js';
import { COMMAND_LINE_KINDS } from './sources/shell-kinds.js';
import type { ReadContext, SourceDocument, SourceKind } from './types.js';

/**
 * What a folder's JSON or YAML file must name to be read as a request file (any letter case, so a
 * misspelt key is still found): `otaUpdateId`, the one required member no other AWS request has,
 * an `awsJob...Config` member, or `fileLocation` or `codeSigning`, which only CreateOTAUpdate's
 * files have. Locale files, manifests, CloudFormation templates and other requests (`aws iot
 * create-job` has `targets` and `roleArn` too, `create-stream` has `files`) are not OTA requests.
 */
const NAMES_AN_OTA_MEMBER = /otaUpdateId|awsJob(?:ExecutionsRollout|PresignedUrl|Abort|Timeout)Config|fileLocation|codeSigning/i;

/** Request files for `aws iot create-ota-update --cli-input-json file://...`. */
export const jsonKind: SourceKind = {
  id: 'json',
  description: 'request files for --cli-input-json (*.json)',
  patterns: ['**/*.json'],
  ...byExtension('.json'),
  // A list at the top is no request file (the `--files file://files.json` of a script, say).
  mayHoldRequests: (text) => text.replace(/^\uFEFF/, '').trimStart()[0] !== '[' && NAMES_AN_OTA_MEMBER.test(text),
  read: readJsonDocument,
};

/** Request files for `--cli-input-yaml` (AWS CLI v2). */
export const yamlKind: SourceKind = {
  id: 'yaml',
  description: 'request files for --cli-input-yaml (*.yaml, *.yml)',
  patterns: ['**/*.yaml', '**/*.yml'],
  ...byExtension('.yaml', '.yml'),
  mayHoldRequests: (text) => NAMES_AN_OTA_MEMBER.test(text),
  read: readYamlDocument,
};

/**
 * The source kinds otalint reads, most specific first: a file goes to the first kind that claims
 * it (a workflow kind must come before YAML). Request files come last.
 */
export const BUILTIN_SOURCE_KINDS: readonly SourceKind[] = [...COMMAND_LINE_KINDS, javascriptKind, pythonKind, jsonKind, yamlKind];

/** The kinds of one run (built-ins plus plugins'), and which one reads a file. */
export class SourceKinds {
  readonly #byId: Map<string, SourceKind>;
  readonly #prepared = new Map<SourceKind, Promise<void>>();
  /** The kinds whose `prepare` has finished. */
  readonly #loaded = new Set<SourceKind>();
  /** The file asked about last (`claimant`): its path, its text and the kind that claimed it. */
  #claimed = false;
  #claimedFile = '';
  #claimedText: string | undefined;
  #claimedKind: SourceKind | undefined;
  /** The kinds that may claim a file, in order, by the file's extension as written. */
  readonly #askedByExtension = new Map<string, readonly SourceKind[]>();

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
    const claimed = this.claimant(filePath, text);
    if (claimed) return claimed;
    const first = text?.replace(/^\uFEFF/, '').trimStart()[0];
    return (first === '{' || first === '[' ? this.#byId.get('json') : this.#byId.get('yaml')) ?? jsonKind;
  }

  /** The first kind that claims a file, with no fallback (a folder brings in only claimed files). */
  claimant(filePath: string, text?: string): SourceKind | undefined {
    // A file is asked about several times in a row (is it brought in, prepared, read): its kinds' tests run once.
    if (this.#claimed && this.#claimedFile === filePath && this.#claimedText === text) return this.#claimedKind;
    let kind: SourceKind | undefined;
    for (const candidate of this.#asked(filePath)) {
      if (!candidate.claims(filePath, text)) continue;
      kind = candidate;
      break;
    }
    this.#claimed = true;
    this.#claimedFile = filePath;
    this.#claimedText = text;
    this.#claimedKind = kind;
    return kind;
  }

  /** The kinds to ask whether they claim a file: those whose `extensions` hold its extension, and those without `extensions`. */
  #asked(filePath: string): readonly SourceKind[] {
    const extension = extname(filePath);
    let asked = this.#askedByExtension.get(extension);
    if (asked === undefined) {
      const lower = extension.toLowerCase();
      asked = this.kinds.filter((kind) => kind.extensions?.includes(lower) ?? true);
      this.#askedByExtension.set(extension, asked);
    }
    return asked;
  }

  /** The kind that reads a file: the one named, else the one that claims it. */
  readerOf(filePath: string, text?: string, kindId?: string): SourceKind {
    return (kindId === undefined ? undefined : this.#byId.get(kindId)) ?? this.kindFor(filePath, text);
  }

  /**
   * Load what the kind that reads this file needs (its `prepare`), once per kind, unless the kind
   * says this text needs nothing (`needsPrepare`). Await it before `read` for any file whose kind
   * may be one that prepares (the CLI does, per file).
   */
  prepare(filePath: string, text?: string, kindId?: string): Promise<void> {
    return this.pending(filePath, text, kindId) ?? Promise.resolve();
  }

  /**
   * `prepare`, or undefined when reading this file has nothing to wait for (its kind needs
   * nothing, or has loaded): a run over many files awaits only the first of each kind that loads.
   */
  pending(filePath: string, text?: string, kindId?: string): Promise<void> | undefined {
    const kind = this.readerOf(filePath, text, kindId);
    if (!kind.prepare || (text !== undefined && kind.needsPrepare?.(text) === false) || this.#loaded.has(kind)) return undefined;
    let prepared = this.#prepared.get(kind);
    if (!prepared) {
      prepared = kind.prepare().then(() => void this.#loaded.add(kind));
      this.#prepared.set(kind, prepared);
    }
    return prepared;
  }

  /**
   * Read a file with the kind that claims it (or the one named), held to the engine's limits
   * (document/limits.ts). Never throws: whatever the text, and whatever the kind does with it.
   */
  read(filePath: string, text: string, kindId?: string, context?: ReadContext): SourceDocument {
    return readWithinLimits(this.readerOf(filePath, text, kindId), filePath, text, context);
  }
}

const builtinKinds = new SourceKinds();

/** Read a file with the built-in kinds; `kindId` forces one (`json`, `yaml`, ...). Await `prepareSource` first for kinds that prepare. */
export function readSource(filePath: string, text: string, kindId?: string, context?: ReadContext): SourceDocument {
  return builtinKinds.read(filePath, text, kindId, context);
}

/** Prepare the built-in kind that reads this file (see `SourceKinds.prepare`). */
export function prepareSource(filePath: string, text?: string, kindId?: string): Promise<void> {
  return builtinKinds.prepare(filePath, text, kindId);
}
