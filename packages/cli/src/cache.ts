import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  decodeValue,
  encodeValue,
  nodeCrypto,
  suppressionScopeFor,
  fileResult,
  utcToday,
  type Diagnostic,
  type FileResult,
  type LintedRequest,
  type Linter,
  type SuppressedDiagnostic,
} from '@otalint/core/engine';
import { plugin as builtins } from '@otalint/rules';

export const DEFAULT_CACHE_LOCATION = '.otalint/cache.json';
const CACHE_FORMAT = 2;

/** What linting a file did to its cache entry: kept it (a hit), dropped it, or this new one. */
export type CacheChange = 'kept' | 'dropped' | CacheEntry;

export interface CacheEntry {
  /** sha256 of the file's text. */
  readonly hash: string;
  readonly kind: string;
  /** The file's requests, their values as JSON (unknown values as `{ "$unknown": ... }`). */
  readonly requests: readonly LintedRequest[];
  readonly messages: readonly Diagnostic[];
  readonly suppressedMessages?: readonly SuppressedDiagnostic[];
  /** Origins of the config suppressions the file used (so unused ones are still found). */
  readonly suppressions: readonly string[];
}

interface CacheFile {
  readonly format: number;
  /** Everything besides a file's text that its result depends on, hashed (see `runKey`). */
  readonly key: string;
  /** By path relative to the cache file's folder, so a restored CI cache works in another checkout path. */
  readonly files: Record<string, CacheEntry>;
}

export interface CacheStats {
  hits: number;
  misses: number;
}

/**
 * A lint cache like ESLint's `--cache`: a file is linted again only when its text, the resolved
 * config, otalint's version or a plugin's version changed. Crashed or unreadable files are never
 * cached. A cache that cannot be read is ignored (and rewritten), never an error.
 */
export class LintCache {
  readonly stats: CacheStats = { hits: 0, misses: 0 };
  #key: string | undefined;
  #files: Record<string, CacheEntry> = {};
  #loaded: Promise<void> | undefined;

  constructor(
    /** Absolute path of the cache file. */
    readonly location: string,
    private readonly toolVersion: string,
  ) {}

  /** Lint one file's text through the cache. */
  async lint(linter: Linter, file: string, text: string): Promise<FileResult> {
    return (await this.lintAndChange(linter, file, text)).result;
  }

  /** Lint one file's text through the cache, and say what that changed in it (for a lint thread to send). */
  async lintAndChange(linter: Linter, file: string, text: string): Promise<{ result: FileResult; change: CacheChange }> {
    await this.ready(linter);
    const absolute = path.resolve(linter.cwd, file);
    const hash = nodeCrypto().createHash('sha256').update(text).digest('hex');
    const id = this.#id(absolute);
    const cached = this.#files[id];
    if (cached?.hash === hash) {
      this.stats.hits++;
      linter.suppressionUsage.restore(absolute, suppressionScopeFor(linter.config, absolute).suppressions, cached.suppressions);
      const result = fileResult({
        filePath: file,
        messages: [...cached.messages],
        fatal: false,
        source: text,
        suppressedMessages: cached.suppressedMessages ?? [],
        kind: cached.kind,
        requests: cached.requests.map((request) => ({ ...request, value: decodeValue(request.value) })),
      });
      return { result, change: 'kept' };
    }
    this.stats.misses++;
    const result = linter.lintText(text, file);
    // A result that read firmware or certificates on disk depends on more than this text.
    const entry: CacheEntry | undefined =
      result.fatal || linter.readLocalFiles(file)
        ? undefined
        : {
            hash,
            kind: result.kind ?? 'json',
            requests: (result.requests ?? []).map((request) => ({ ...request, value: encodeValue(request.value) })),
            messages: result.messages,
            suppressedMessages: result.suppressedMessages ?? [],
            suppressions: linter.suppressionUsage.usedIn(absolute),
          };
    this.apply(linter, file, entry ?? 'dropped');
    return { result, change: entry ?? 'dropped' };
  }

  /** Load the cache for this run's key (once). */
  async ready(linter: Linter): Promise<void> {
    this.#loaded ??= this.#load(runKey(linter, this.toolVersion));
    await this.#loaded;
  }

  /** Whether the cache holds a result for this file (of some text: it may have changed since). */
  has(linter: Linter, file: string): boolean {
    return Object.hasOwn(this.#files, this.#id(path.resolve(linter.cwd, file)));
  }

  /** Take in what a lint thread's `lintAndChange` changed (after `ready`). */
  apply(linter: Linter, file: string, change: CacheChange): void {
    if (change === 'kept') return;
    const id = this.#id(path.resolve(linter.cwd, file));
    if (change === 'dropped') delete this.#files[id];
    else this.#files[id] = change;
  }

  /** Write the cache (atomically), dropping entries for files that no longer exist. */
  async save(): Promise<void> {
    if (this.#key === undefined) return;
    const dir = path.dirname(this.location);
    const files: Record<string, CacheEntry> = {};
    for (const id of Object.keys(this.#files).sort()) {
      if (existsSync(path.resolve(dir, id))) files[id] = this.#files[id]!;
    }
    const content: CacheFile = { format: CACHE_FORMAT, key: this.#key, files };
    await mkdir(dir, { recursive: true });
    const temporary = `${this.location}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(content));
    await rename(temporary, this.location);
  }

  async #load(key: string): Promise<void> {
    this.#key = key;
    try {
      const content = JSON.parse(await readFile(this.location, 'utf8')) as Partial<CacheFile>;
      if (content.format === CACHE_FORMAT && content.key === key && content.files && typeof content.files === 'object') {
        this.#files = content.files;
      }
    } catch {
      // No cache yet, or one we cannot read: start empty.
    }
  }

  #id(absolute: string): string {
    return path.relative(path.dirname(this.location), absolute).split(path.sep).join('/');
  }
}

/**
 * What a result depends on besides the file's text: otalint's version, the built-in rules' and
 * every plugin's name and version, and the resolved config (rules, severities, options, files,
 * suppressions, locks, --rule flags). Expiry dates make results depend on the day, so a config
 * with any `expires` also keys on today's date.
 */
export function runKey(linter: Linter, toolVersion: string): string {
  const config = linter.config;
  const plugins = [
    `${builtins.meta.name}@${builtins.meta.version}`,
    ...[...config.plugins].map(([namespace, p]) => `${namespace}=${p.meta.name}@${p.meta.version}`),
  ];
  const expires = config.objects.some((object) => object.suppressions.some((s) => s.expires !== undefined));
  const serialized = JSON.stringify(
    { format: CACHE_FORMAT, toolVersion, plugins, config: config.objects, firmware: linter.firmware, day: expires ? utcToday() : undefined },
    (_key, value: unknown) => (value instanceof Map ? [...value] : value),
  );
  return nodeCrypto().createHash('sha256').update(serialized).digest('hex');
}
