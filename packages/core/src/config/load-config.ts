import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AnyRule } from '../rules/define-rule.js';
import { normalizeConfig, type NormalizeContext } from './normalize.js';
import { ResolvedConfig } from './resolved-config.js';
import { ConfigError, type ConfigObject, type Plugin, type RuleSetting } from './types.js';
import { describeThrown } from '../util/thrown.js';

export const CONFIG_FILE_NAMES = ['otalint.config.mjs', 'otalint.config.js', '.otalintrc.json'] as const;

export interface LoadConfigOptions {
  readonly cwd: string;
  /** An explicit config file (--config); otherwise the nearest one from cwd upwards. */
  readonly configFile?: string;
  /** The built-in rules and presets (the @otalint/rules plugin). */
  readonly builtins: Plugin;
  /** Applied before the file's config, which may change them (what --deep turns on). */
  readonly baseRules?: Readonly<Record<string, RuleSetting>>;
  /** Applied after the file's config (the CLI's --rule). */
  readonly overrideRules?: Readonly<Record<string, RuleSetting>>;
  /** Used when no config file is found. */
  readonly defaultConfig?: readonly ConfigObject[];
}

/** Find, load and check the config. Throws ConfigError with the file, key and what is allowed. */
export async function loadConfig(options: LoadConfigOptions): Promise<ResolvedConfig> {
  const configFile = options.configFile ? path.resolve(options.cwd, options.configFile) : findConfigFile(options.cwd);
  const baseDir = configFile ? path.dirname(configFile) : options.cwd;
  const raw = configFile ? await readConfigFile(configFile) : (options.defaultConfig ?? [{ extends: ['recommended'] }]);
  const displayName = configFile ? path.relative(options.cwd, configFile) || configFile : '<default config>';

  const rules = new Map<string, AnyRule>(Object.entries(options.builtins.rules ?? {}));
  const context: NormalizeContext = {
    file: displayName,
    baseDir,
    builtins: options.builtins,
    rules,
    plugins: new Map(),
    policies: new Map(),
    importPlugin: (specifier, key) => importPlugin(specifier, baseDir, displayName, key),
    validateOptions: (rule, value, key) => validateRuleOptions(rule, value, displayName, key),
  };
  const objects = await normalizeConfig(raw, context);
  if (options.baseRules && Object.keys(options.baseRules).length > 0) {
    objects.unshift(...(await normalizeConfig([{ rules: options.baseRules }], { ...context, file: 'command line (--deep)' })));
  }
  if (options.overrideRules && Object.keys(options.overrideRules).length > 0) {
    objects.push(...(await normalizeConfig([{ rules: options.overrideRules }], { ...context, file: 'command line (--rule)' })));
  }
  return new ResolvedConfig(baseDir, configFile, objects, rules, context.plugins);
}

export function findConfigFile(cwd: string): string | undefined {
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

async function readConfigFile(file: string): Promise<unknown> {
  const name = path.basename(file);
  if (file.endsWith('.json')) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new ConfigError(name, '', `cannot be read: ${describeThrown(error)}`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new ConfigError(name, '', `is not valid JSON: ${describeThrown(error)}`);
    }
  }
  if (!existsSync(file)) throw new ConfigError(name, '', 'does not exist.');
  try {
    const module = (await importSettled(moduleUrl(file), name)) as { default?: unknown };
    if (module.default === undefined) throw new ConfigError(name, '', 'has no default export; export the config array: `export default [ ... ]`.');
    return module.default;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(name, '', `could not be loaded: ${describeThrown(error)}`);
  }
}

/** How long a config or plugin module may take to load (its top-level code and awaits). */
export const MODULE_LOAD_TIMEOUT_MS = 30_000;

/**
 * `import()` of the user's code, which must settle: a top-level `await` on a promise that never
 * settles would otherwise let the event loop run dry and Node exit (code 13) with no word of why.
 * The loop running dry while the module is still loading is caught as it happens (`beforeExit`);
 * a module that keeps the loop busy but never finishes is given up on after 30 s.
 */
async function importSettled(url: string, name: string): Promise<unknown> {
  let onDrained: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  const never = new Promise<never>((_, reject) => {
    const stuck = (why: string) =>
      reject(new ConfigError(name, '', `never finished loading: ${why}. Look for a top-level \`await\` that waits for something that never happens.`));
    onDrained = () => stuck('its top-level code waits on a promise that can never settle (nothing else was left to run)');
    process.once('beforeExit', onDrained);
    timer = setTimeout(() => stuck(`it was still loading after ${MODULE_LOAD_TIMEOUT_MS / 1000} s`), MODULE_LOAD_TIMEOUT_MS);
    timer.unref();
  });
  try {
    return await Promise.race([import(url), never]);
  } finally {
    if (onDrained) process.removeListener('beforeExit', onDrained);
    clearTimeout(timer);
  }
}

/**
 * The URL a config module is imported under: keyed by its modification time and size, so a
 * long-lived process (the language server) that loads the config again after an edit gets the
 * edited module, not the one the module cache holds.
 */
function moduleUrl(file: string): string {
  const { mtimeMs, size } = statSync(file);
  return `${pathToFileURL(file).href}?version=${mtimeMs}-${size}`;
}

async function importPlugin(specifier: string, baseDir: string, file: string, key: string): Promise<Plugin> {
  let resolved: string;
  try {
    resolved = specifier.startsWith('.') ? path.resolve(baseDir, specifier) : createRequire(path.join(baseDir, 'noop.js')).resolve(specifier);
  } catch {
    throw new ConfigError(file, key, `plugin "${specifier}" is not installed (install it next to the config file).`);
  }
  try {
    const module = (await importSettled(pathToFileURL(resolved).href, file)) as { default?: Plugin };
    return module.default ?? (module as unknown as Plugin);
  } catch (error) {
    if (error instanceof ConfigError) throw new ConfigError(file, key, `plugin "${specifier}" ${error.detail}`);
    throw new ConfigError(file, key, `plugin "${specifier}" could not be loaded: ${describeThrown(error)}`);
  }
}

async function validateRuleOptions(rule: AnyRule, value: unknown, file: string, key: string): Promise<void> {
  const schema = rule.meta.optionsSchema;
  if (!schema) throw new ConfigError(file, key, `rule "${rule.meta.id}" takes no options.`);
  // Ajv is loaded only when a config sets options, so a plain lint run never pays for it.
  const { Ajv } = await import('ajv');
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  if (!validate(value)) {
    const detail = (validate.errors ?? [])
      .map(
        (e) =>
          `${e.instancePath || 'options'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` ("${String(e.params.additionalProperty)}")` : ''}${e.params && 'allowedValues' in e.params ? `: ${(e.params.allowedValues as unknown[]).join(', ')}` : ''}`,
      )
      .join('; ');
    throw new ConfigError(file, key, `invalid options ${JSON.stringify(value)}: ${detail}.`);
  }
}
