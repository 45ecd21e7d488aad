import type { AnyRule } from '../rules/define-rule.js';
import type { PolicyDefinition } from '../policies/policy-rule.js';
import { closest, didYouMean } from '../util/did-you-mean.js';
import { isObject } from '../util/guards.js';
import { parseSuppressions, parseUnsuppressible } from '../suppressions/config.js';
import type { Suppression } from '../suppressions/types.js';
import { declaredPolicies, definePolicies, type PolicyRegistry } from './policies.js';
import type { DeviceProfile } from '../device/profiles.js';
import { parseDevice } from './device.js';
import { parseCertificateMap, parseFirmwareMap } from './local-files.js';
import { RESERVED_IDS, reservedId, type ReservedId } from '../reserved-ids.js';
import { ConfigError, SEVERITY_ALIASES, SEVERITY_NAMES, type Plugin, type SeverityName } from './types.js';

export const BUILTIN_NAMESPACE = 'otalint';

/** A config object after presets are expanded and every value checked. */
export interface NormalizedConfigObject {
  /** Where it came from, for print-config and error messages. */
  readonly origin: string;
  readonly files?: readonly string[];
  readonly ignores?: readonly string[];
  /** An object with only `ignores`: files never linted. */
  readonly globalIgnore: boolean;
  readonly rules: ReadonlyMap<string, { severity: SeverityName; options?: unknown }>;
  /** Findings waived in the files this object applies to (docs/suppressions.md). */
  readonly suppressions: readonly Suppression[];
  /** Rules no suppression may hide in the files this object applies to (a policy lock). */
  readonly unsuppressible: readonly string[];
  /** `sources: { markdown: false }`: source kinds a folder does (true) or does not (false) bring files in for. */
  readonly sources?: Readonly<Record<string, boolean>>;
  /** The policies this object declares (each is also a rule, on in this object's files). */
  readonly policies: readonly PolicyDefinition[];
  /** The devices the files are for (config `device`); the last object that sets it wins. */
  readonly device?: DeviceProfile;
  /** Firmware on disk, by the location requests give (config `firmware`); absolute paths. */
  readonly firmware?: ReadonlyMap<string, string>;
  /** Certificates on disk, by their name on the device (config `certificates`); absolute paths. */
  readonly certificates?: ReadonlyMap<string, string>;
}

const CONFIG_KEYS = [
  'name',
  'files',
  'ignores',
  'plugins',
  'extends',
  'rules',
  'suppressions',
  'unsuppressible',
  'policies',
  'device',
  'firmware',
  'certificates',
  'sources',
] as const;

export interface NormalizeContext {
  readonly file: string;
  readonly builtins: Plugin;
  /** Every rule known so far, by qualified id. */
  readonly rules: Map<string, AnyRule>;
  readonly plugins: Map<string, Plugin>;
  /** Every policy defined so far, by id (each is in `rules` too). */
  readonly policies: PolicyRegistry;
  /** Turns a plugin package name into the module (JSON config). */
  readonly importPlugin: (specifier: string, key: string) => Promise<Plugin>;
  readonly validateOptions: (rule: AnyRule, options: unknown, key: string) => Promise<void>;
  /** The folder paths in the config are relative to (the config file's). */
  readonly baseDir: string;
}

/** Check a raw config (array or single object) and expand its presets, in order. */
export async function normalizeConfig(raw: unknown, context: NormalizeContext): Promise<NormalizedConfigObject[]> {
  const list = Array.isArray(raw) ? raw : [raw];
  // Plugins first: a rule setting may come before the object that declares its plugin.
  for (const [index, item] of list.entries()) await registerPlugins(item, `[${index}]`, context);
  // Then policies, which become rules: a setting, suppression or lock may name one declared later.
  for (const [index, item] of list.entries()) await registerPolicies(item, `[${index}]`, context, 0);
  const out: NormalizedConfigObject[] = [];
  for (const [index, item] of list.entries()) await expand(item, `[${index}]`, context, out, 0);
  return out;
}

async function registerPlugins(item: unknown, key: string, context: NormalizeContext): Promise<void> {
  if (!isObject(item) || item.plugins === undefined) return;
  if (!isObject(item.plugins)) {
    throw new ConfigError(context.file, `${key}.plugins`, 'must be an object of namespace: plugin (e.g. { "acme": "otalint-plugin-acme" }).');
  }
  for (const [namespace, value] of Object.entries(item.plugins)) {
    const pluginKey = `${key}.plugins.${namespace}`;
    if (namespace === BUILTIN_NAMESPACE) throw new ConfigError(context.file, pluginKey, `"${BUILTIN_NAMESPACE}" is reserved for the built-in rules.`);
    if (!/^[a-z0-9@][a-z0-9@._/-]*$/i.test(namespace) || namespace.includes('/')) {
      throw new ConfigError(context.file, pluginKey, 'a plugin namespace is a plain name such as "acme".');
    }
    const plugin = typeof value === 'string' ? await context.importPlugin(value, pluginKey) : value;
    checkPlugin(plugin, pluginKey, context.file);
    const taken = context.plugins.get(namespace);
    if (taken !== undefined && taken !== plugin) {
      // The second would silently replace the first one's rules (and their settings would apply to it).
      throw new ConfigError(
        context.file,
        pluginKey,
        `the namespace "${namespace}" is already taken by plugin "${taken.meta.name}"; each namespace names one plugin. Declare "${plugin.meta.name}" under another namespace.`,
      );
    }
    context.plugins.set(namespace, plugin);
    for (const [ruleId, rule] of Object.entries(plugin.rules ?? {})) context.rules.set(`${namespace}/${ruleId}`, rule);
  }
}

async function registerPolicies(item: unknown, key: string, context: NormalizeContext, depth: number): Promise<void> {
  if (depth > 10) return; // expand() reports the loop
  if (Array.isArray(item)) {
    for (const [index, inner] of item.entries()) await registerPolicies(inner, `${key}[${index}]`, context, depth + 1);
    return;
  }
  if (!isObject(item)) return;
  for (const [index, ref] of (Array.isArray(item.extends) ? item.extends : []).entries()) {
    const refKey = `${key}.extends[${index}]`;
    await registerPolicies(typeof ref === 'string' ? resolvePreset(ref, refKey, context) : ref, refKey, context, depth + 1);
  }
  await definePolicies(item.policies, `${key}.policies`, { ...context, reservedNamespace: BUILTIN_NAMESPACE });
}

function checkPlugin(plugin: unknown, key: string, file: string): asserts plugin is Plugin {
  if (!isObject(plugin) || !isObject(plugin.meta) || typeof plugin.meta.name !== 'string') {
    throw new ConfigError(file, key, 'is not an otalint plugin: expected an object { meta: { name, version }, rules, configs }.');
  }
  for (const [ruleId, rule] of Object.entries((plugin.rules ?? {}) as Record<string, unknown>)) {
    const checks = !isObject(rule)
      ? undefined
      : 'checkAccount' in rule
        ? rule.checkAccount
        : isObject(rule.meta) && rule.meta.scope === 'run'
          ? rule.checkRun
          : rule.check;
    if (!isObject(rule) || !isObject(rule.meta) || typeof checks !== 'function') {
      throw new ConfigError(file, `${key}.rules.${ruleId}`, 'is not a rule: expected the result of defineRule() or defineAccountRule().');
    }
  }
}

async function expand(item: unknown, key: string, context: NormalizeContext, out: NormalizedConfigObject[], depth: number): Promise<void> {
  if (depth > 10) throw new ConfigError(context.file, key, 'presets extend each other in a loop.');
  if (Array.isArray(item)) {
    for (const [index, inner] of item.entries()) await expand(inner, `${key}[${index}]`, context, out, depth + 1);
    return;
  }
  if (!isObject(item)) throw new ConfigError(context.file, key, `must be a config object, got ${describe(item)}.`);

  for (const name of Object.keys(item)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(name)) {
      const hint = closest(name, CONFIG_KEYS);
      throw new ConfigError(context.file, `${key}.${name}`, `unknown key${didYouMean(hint, 'clause')} Allowed: ${CONFIG_KEYS.join(', ')}.`);
    }
  }
  const files = stringList(item.files, `${key}.files`, context.file);
  const ignores = stringList(item.ignores, `${key}.ignores`, context.file);

  for (const [index, ref] of ((item.extends as unknown[] | undefined) ?? []).entries()) {
    const refKey = `${key}.extends[${index}]`;
    const preset = typeof ref === 'string' ? resolvePreset(ref, refKey, context) : ref;
    const before = out.length;
    await expand(preset, refKey, context, out, depth + 1);
    // A preset extended inside an object with `files` applies only to those files.
    if (files || ignores) {
      for (let i = before; i < out.length; i++) {
        out[i] = { ...out[i]!, ...(files ? { files } : {}), ...(ignores ? { ignores } : {}) };
      }
    }
  }
  if (item.extends !== undefined && !Array.isArray(item.extends)) {
    throw new ConfigError(context.file, `${key}.extends`, 'must be a list of preset names, e.g. ["recommended"].');
  }

  const rules = new Map<string, { severity: SeverityName; options?: unknown }>();
  const policies = declaredPolicies(item.policies, context.policies);
  for (const policy of policies) rules.set(policy.id, { severity: policy.severity });
  if (item.rules !== undefined) {
    if (!isObject(item.rules)) throw new ConfigError(context.file, `${key}.rules`, 'must be an object of rule-id: severity.');
    for (const [ruleId, setting] of Object.entries(item.rules)) {
      const settingKey = `${key}.rules.${ruleId}`;
      const engineId = reservedId(ruleId);
      if (engineId) {
        rules.set(ruleId, parseReservedSetting(engineId, setting, settingKey, context.file));
        continue;
      }
      const rule = context.rules.get(ruleId);
      if (!rule) {
        const hint = closest(ruleId, [...context.rules.keys(), ...RESERVED_IDS.map((entry) => entry.id)]);
        throw new ConfigError(context.file, settingKey, `unknown rule "${ruleId}"${didYouMean(hint, 'clause')} \`otalint rules\` lists them all.`);
      }
      const parsed = parseSetting(setting, settingKey, context.file);
      if (parsed.options !== undefined) await context.validateOptions(rule, parsed.options, settingKey);
      rules.set(ruleId, parsed);
    }
  }

  const suppressions = parseSuppressions(item.suppressions, `${key}.suppressions`, context);
  const unsuppressible = parseUnsuppressible(item.unsuppressible, `${key}.unsuppressible`, context);
  const device = item.device === undefined ? undefined : parseDevice(item.device, `${key}.device`, context.file);
  const firmware = item.firmware === undefined ? undefined : parseFirmwareMap(item.firmware, `${key}.firmware`, context.file, context.baseDir);
  const certificates =
    item.certificates === undefined ? undefined : parseCertificateMap(item.certificates, `${key}.certificates`, context.file, context.baseDir);

  const sources = parseSources(item.sources, `${key}.sources`, context.file);

  const onlyIgnores = ignores !== undefined && Object.keys(item).every((name) => name === 'ignores' || name === 'name');
  out.push({
    origin: `${context.file}${typeof item.name === 'string' ? ` (${item.name})` : ` ${key}`}`,
    ...(files ? { files } : {}),
    ...(ignores ? { ignores } : {}),
    globalIgnore: onlyIgnores,
    rules,
    suppressions,
    unsuppressible,
    policies,
    ...(device ? { device } : {}),
    ...(firmware ? { firmware } : {}),
    ...(certificates ? { certificates } : {}),
    ...(sources ? { sources } : {}),
  });
}

/** `sources: { "<kind id>": false }`: which source kinds folder expansion reads (named files are always read). */
function parseSources(value: unknown, key: string, file: string): Record<string, boolean> | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value) || !Object.values(value).every((setting) => typeof setting === 'boolean')) {
    throw new ConfigError(file, key, 'must be an object of source kind id: true | false, e.g. { "markdown": false }.');
  }
  return value as Record<string, boolean>;
}

function resolvePreset(ref: string, key: string, context: NormalizeContext): unknown {
  const slash = ref.indexOf('/');
  const namespace = slash === -1 ? BUILTIN_NAMESPACE : ref.slice(0, slash);
  const name = slash === -1 ? ref : ref.slice(slash + 1);
  const plugin = namespace === BUILTIN_NAMESPACE ? context.builtins : context.plugins.get(namespace);
  if (!plugin) throw new ConfigError(context.file, key, `"${ref}" names plugin "${namespace}", which no config object declares under "plugins".`);
  const preset = plugin.configs?.[name];
  if (!preset) {
    const names = Object.keys(plugin.configs ?? {});
    const hint = closest(name, names);
    const qualified = (n: string) => (namespace === BUILTIN_NAMESPACE ? n : `${namespace}/${n}`);
    throw new ConfigError(
      context.file,
      key,
      `unknown preset "${ref}"${didYouMean(hint && qualified(hint), 'clause')} Available: ${names.map(qualified).join(', ') || 'none'}.`,
    );
  }
  return preset;
}

/**
 * A setting of an id the engine reports itself: a severity or `off`, where the id's docs say it
 * may be set; for the others, a refusal that says why (they are the run's failure, or the file's).
 */
function parseReservedSetting(entry: ReservedId, setting: unknown, key: string, file: string): { severity: SeverityName } {
  if (entry.configurable !== true)
    throw new ConfigError(file, key, `"${entry.id}" is reported by otalint itself and cannot be set: ${entry.configurable.refused}`);
  const parsed = parseSetting(setting, key, file);
  if (parsed.options !== undefined) throw new ConfigError(file, key, `"${entry.id}" takes no options; set only its severity (off, info, warn, error).`);
  return { severity: parsed.severity };
}

function parseSetting(setting: unknown, key: string, file: string): { severity: SeverityName; options?: unknown } {
  const [written, options, ...rest] = Array.isArray(setting) ? setting : [setting];
  const severity = (SEVERITY_NAMES as readonly unknown[]).includes(written)
    ? (written as SeverityName)
    : typeof written === 'string' || typeof written === 'number'
      ? SEVERITY_ALIASES[String(written)]
      : undefined;
  if (severity === undefined || rest.length > 0) {
    throw new ConfigError(
      file,
      key,
      `${JSON.stringify(setting)} is not a rule setting; use one of ${SEVERITY_NAMES.map((s) => `"${s}"`).join(', ')} (or 0, 1, 2, "warning"), or ["warn", { options }].`,
    );
  }
  return Array.isArray(setting) && setting.length > 1 ? { severity, options } : { severity };
}

function stringList(value: unknown, key: string, file: string): readonly string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((entry) => typeof entry === 'string' && entry.length > 0)) {
    throw new ConfigError(file, key, `must be a list of glob strings, got ${describe(value)}.`);
  }
  return value;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
