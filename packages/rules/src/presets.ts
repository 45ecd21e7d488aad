import type { AnyRule, ConfigObject, PresetName, RuleSetting, Severity } from '@otalint/core';

export type BuiltinPreset = PresetName | 'all';
export const BUILTIN_PRESETS: readonly BuiltinPreset[] = ['recommended', 'strict', 'freertos', 'all'];

/** The engine's model check: part of every preset, whatever its metadata says. */
const EVERY_PRESET = new Set(['aws-api-model']);

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/**
 * Whether a preset turns a rule on. `strict` and `freertos` build on `recommended`, so a rule's
 * metadata names only the preset where it starts.
 */
export function inPreset(rule: AnyRule, preset: BuiltinPreset): boolean {
  if (preset === 'all' || EVERY_PRESET.has(rule.meta.id)) return true;
  const tags = rule.meta.presets ?? [];
  return tags.includes(preset) || (preset !== 'recommended' && tags.includes('recommended'));
}

/** The severity a preset gives a rule. `all` is the strictest: never weaker than any other preset. */
export function severityIn(rule: AnyRule, preset: BuiltinPreset): Severity {
  const { defaultSeverity, strictSeverity = defaultSeverity, freertosSeverity = defaultSeverity } = rule.meta;
  if (preset === 'strict') return strictSeverity;
  if (preset === 'freertos') return freertosSeverity;
  if (preset === 'all') return [defaultSeverity, strictSeverity, freertosSeverity].reduce((a, b) => (RANK[b] > RANK[a] ? b : a));
  return defaultSeverity;
}

function settingOf(severity: Severity): RuleSetting {
  return severity === 'warning' ? 'warn' : severity;
}

/** The built-in presets, generated from rule metadata. */
export function buildPresets(rules: readonly AnyRule[]): Record<BuiltinPreset, ConfigObject> {
  const preset = (name: BuiltinPreset): ConfigObject => ({
    name: `otalint/${name}`,
    rules: Object.fromEntries(rules.filter((rule) => inPreset(rule, name)).map((rule) => [rule.meta.id, settingOf(severityIn(rule, name))])),
  });
  return { recommended: preset('recommended'), strict: preset('strict'), freertos: preset('freertos'), all: preset('all') };
}
