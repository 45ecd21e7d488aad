import { awsApiModel, type AnyRule, type ConfigObject, type Plugin } from '@otalint/core';
import { generatedRules } from './index.generated.js';
import { buildPresets } from './presets.js';

export { BUILTIN_PRESETS, inPreset, severityIn, type BuiltinPreset } from './presets.js';

/** Every built-in rule by id: the engine's model check, then the catalogue in id order. */
export const rules: Record<string, AnyRule> = Object.fromEntries([awsApiModel, ...generatedRules].map((rule) => [rule.meta.id, rule]));

export const configs: Record<string, ConfigObject> = buildPresets(Object.values(rules));

export const plugin: Plugin = { meta: { name: 'otalint', version: '0.1.0' }, rules, configs };
export default plugin;
