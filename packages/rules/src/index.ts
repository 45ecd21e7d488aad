import { readFileSync } from 'node:fs';
import { awsApiModel, type AnyRule, type ConfigObject, type Plugin } from '@otalint/core';
import { generatedRules } from './index.generated.js';
import { buildPresets } from './presets.js';

export { BUILTIN_PRESETS, inPreset, severityIn, type BuiltinPreset } from './presets.js';

/** Every built-in rule by id: the engine's model check, then the catalogue in id order. */
export const rules: Record<string, AnyRule> = Object.fromEntries([awsApiModel, ...generatedRules].map((rule) => [rule.meta.id, rule]));

export const configs: Record<string, ConfigObject> = buildPresets(Object.values(rules));

let version: string | undefined;

export const plugin: Plugin = {
  meta: {
    name: 'otalint',
    /**
     * The package's own version: caches key on it, and the release sets it in package.json only.
     * Read on first use: in the bundled CLI, finding this package's folder costs a resolution
     * that a run without --cache never needs.
     */
    get version() {
      return (version ??= (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }).version);
    },
  },
  rules,
  configs,
};
export default plugin;
