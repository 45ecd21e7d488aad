import path from 'node:path';
import picomatch from 'picomatch';
import type { ActiveRule } from '../linter/lint-document.js';
import type { AnyRule } from '../rules/define-rule.js';
import { isObject } from '../util/guards.js';
import type { NormalizedConfigObject } from './normalize.js';
import { DEFAULT_DEVICE_PROFILE, deviceProfile, type DeviceProfile } from '../device/profiles.js';
import type { LocalFileMaps } from '../local/local-files.js';
import type { Plugin } from './types.js';
import { toSeverity, type SeverityName } from './types.js';

type Matcher = (relativePath: string) => boolean;
type RuleSettingFor = { readonly severity: SeverityName; readonly options?: unknown };

/** Everything config says for the files one set of config objects applies to. */
interface FileConfig {
  readonly objects: readonly NormalizedConfigObject[];
  readonly settings: ReadonlyMap<string, RuleSettingFor>;
  readonly device: DeviceProfile;
  readonly localFiles: LocalFileMaps;
  readonly rules: readonly ActiveRule[];
  readonly reserved: ReadonlyMap<string, SeverityName>;
}

/** The config for a run: which rules apply to which file, at what severity, with what options. */
export class ResolvedConfig {
  readonly #matchers = new Map<readonly string[], Matcher>();
  readonly #resolved = new Map<string, FileConfig>();
  /** The file asked about last, and its config: a file is asked about several times in a row (rules, device, suppressions). */
  #lastFile: string | undefined;
  #lastConfig: FileConfig | undefined;
  /** The one config of every file, when no object names files (null: objects do); undefined until asked. */
  #everyFile: FileConfig | null | undefined;
  #disabledSources: ReadonlySet<string> | undefined;
  #globalIgnores: readonly NormalizedConfigObject[] | undefined;

  constructor(
    /** The folder globs are relative to: the config file's folder, or the working directory. */
    readonly baseDir: string,
    /** The config file used, or undefined for the built-in default. */
    readonly configFile: string | undefined,
    readonly objects: readonly NormalizedConfigObject[],
    /** Every known rule by qualified id (built-ins bare, plugin rules `<namespace>/<id>`). */
    readonly rules: ReadonlyMap<string, AnyRule>,
    /** The plugins the config declares, by namespace (their versions key caches). */
    readonly plugins: ReadonlyMap<string, Plugin> = new Map(),
  ) {}

  /**
   * Source kinds folder expansion leaves out (`sources: { markdown: false }`, the last setting of
   * a kind winning). Config objects with `files` do not count: kinds are chosen for the run.
   */
  disabledSources(): ReadonlySet<string> {
    // Asked for every file a folder brings in.
    this.#disabledSources ??= disabledSources(this.objects);
    return this.#disabledSources;
  }

  /** Whether a global `ignores` object may exclude any file (most configs have none). */
  ignoresAny(): boolean {
    return this.#globalIgnoreObjects().length > 0;
  }

  /** True when a global `ignores` object excludes the file. */
  isIgnored(filePath: string): boolean {
    // Asked for every file a folder or glob brings in.
    const globalIgnores = this.#globalIgnoreObjects();
    if (globalIgnores.length === 0) return false;
    const relative = this.#relative(filePath);
    return globalIgnores.some((object) => this.#matches(object.ignores!, relative));
  }

  #globalIgnoreObjects(): readonly NormalizedConfigObject[] {
    this.#globalIgnores ??= this.objects.filter((object) => object.globalIgnore);
    return this.#globalIgnores;
  }

  /** The config objects that apply to a file, in config order (global ignores left out). */
  objectsFor(filePath: string): readonly NormalizedConfigObject[] {
    return this.#resolvedFor(filePath).objects;
  }

  /** Whether a file matches globs written relative to the config's folder (same rules as `files`). */
  matchesFile(patterns: readonly string[], filePath: string): boolean {
    return this.#matches(patterns, this.#relative(filePath));
  }

  /** The rule settings that apply to a file, merged in config order. */
  settingsFor(filePath: string): ReadonlyMap<string, RuleSettingFor> {
    return this.#resolvedFor(filePath).settings;
  }

  /** The device profile for a file: the last `device` of the objects that apply, else the default. */
  deviceFor(filePath: string): DeviceProfile {
    return this.#resolvedFor(filePath).device;
  }

  /** The firmware and certificates on disk that config maps for a file (later objects win, per name). */
  localFilesFor(filePath: string): LocalFileMaps {
    return this.#resolvedFor(filePath).localFiles;
  }

  /** The rules to run on a file. */
  rulesFor(filePath: string): readonly ActiveRule[] {
    return this.#resolvedFor(filePath).rules;
  }

  /** Settings of the engine's own ids (`duplicate-key: off`) that apply to a file. */
  reservedSettingsFor(filePath: string): ReadonlyMap<string, SeverityName> {
    return this.#resolvedFor(filePath).reserved;
  }

  /** How many distinct sets of matching config objects this run resolved (each once). */
  get resolvedSets(): number {
    return this.#resolved.size;
  }

  /**
   * What config says for a file, resolved once per set of matching objects: in a run over 10,000
   * files with a handful of `files` globs, the merge runs a handful of times, not 10,000.
   */
  #resolvedFor(filePath: string): FileConfig {
    if (this.#lastFile === filePath) return this.#lastConfig!;
    // A config whose objects name no files applies them all to every file: one set, no path worked out.
    this.#everyFile ??= this.objects.some((object) => !object.globalIgnore && (object.files || object.ignores)) ? null : this.#forKey(this.#keyFor(''));
    const config = this.#everyFile ?? this.#forKey(this.#keyFor(filePath));
    this.#lastFile = filePath;
    this.#lastConfig = config;
    return config;
  }

  /** The indexes of the objects that apply to a file, as the key of its set. */
  #keyFor(filePath: string): string {
    // Objects without `files` or `ignores` apply to every file: their path is not even worked out.
    let relative: string | undefined;
    const matches = (patterns: readonly string[]) => this.#matches(patterns, (relative ??= this.#relative(filePath)));
    let key = '';
    for (let index = 0; index < this.objects.length; index++) {
      const object = this.objects[index]!;
      const applies = !object.globalIgnore && !(object.files && !matches(object.files)) && !(object.ignores && matches(object.ignores));
      if (applies) key += `${index},`;
    }
    return key;
  }

  #forKey(key: string): FileConfig {
    let resolved = this.#resolved.get(key);
    if (!resolved) {
      resolved = this.#resolve(
        key === ''
          ? []
          : key
              .slice(0, -1)
              .split(',')
              .map((index) => this.objects[Number(index)]!),
      );
      this.#resolved.set(key, resolved);
    }
    return resolved;
  }

  #resolve(objects: readonly NormalizedConfigObject[]): FileConfig {
    const settings = new Map<string, RuleSettingFor>();
    let device: DeviceProfile | undefined;
    const firmware = new Map<string, string>();
    const certificates = new Map<string, string>();
    for (const object of objects) {
      for (const [id, setting] of object.rules) {
        const previous = settings.get(id);
        // A severity alone keeps options set earlier (ESLint's flat config does the same).
        settings.set(id, setting.options === undefined && previous?.options !== undefined ? { ...setting, options: previous.options } : setting);
      }
      device = object.device ?? device;
      for (const [name, local] of object.firmware ?? []) firmware.set(name, local);
      for (const [name, local] of object.certificates ?? []) certificates.set(name, local);
    }
    const rules: ActiveRule[] = [];
    const reserved = new Map<string, SeverityName>();
    for (const [id, setting] of settings) {
      const rule = this.rules.get(id);
      // Settings of the engine's own ids (duplicate-key, ...) are not rules to run.
      if (!rule) reserved.set(id, setting.severity);
      else if (setting.severity !== 'off')
        rules.push({ id, rule, severity: toSeverity(setting.severity), options: withDefaults(rule.defaultOptions, setting.options) });
    }
    return { objects, settings, device: device ?? deviceProfile(DEFAULT_DEVICE_PROFILE), localFiles: { firmware, certificates }, rules, reserved };
  }

  #relative(filePath: string): string {
    return path.relative(this.baseDir, path.resolve(this.baseDir, filePath)).split(path.sep).join('/');
  }

  #matches(patterns: readonly string[], relative: string): boolean {
    let matcher = this.#matchers.get(patterns);
    if (!matcher) {
      // A pattern without a slash matches at any depth, as in .gitignore and ESLint.
      const expanded = patterns.map((p) => (p.includes('/') ? p.replace(/^\.\//, '') : `**/${p}`));
      const match = picomatch(expanded, { dot: true });
      const matchDir = picomatch(
        expanded.map((p) => `${p.replace(/\/$/, '')}/**`),
        { dot: true },
      );
      matcher = (candidate) => match(candidate) || matchDir(candidate);
      this.#matchers.set(patterns, matcher);
    }
    return matcher(relative);
  }
}

/** Options as a rule gets them: configured object options laid over the rule's defaults. */
export function withDefaults(defaults: unknown, options: unknown): unknown {
  if (options === undefined) return defaults;
  return isObject(defaults) && isObject(options) ? { ...defaults, ...options } : options;
}

function disabledSources(objects: readonly NormalizedConfigObject[]): ReadonlySet<string> {
  const settings = new Map<string, boolean>();
  for (const object of objects) {
    if (object.files || !object.sources) continue;
    for (const [kind, on] of Object.entries(object.sources)) settings.set(kind, on);
  }
  return new Set([...settings].filter(([, on]) => !on).map(([kind]) => kind));
}
