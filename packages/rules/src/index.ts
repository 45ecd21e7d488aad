import { awsApiModel, type AnyRule, type ConfigObject, type Plugin, type RuleSetting } from '@otalint/core';

export const rules: Record<string, AnyRule> = {
  [awsApiModel.meta.id]: awsApiModel,
};

const bySeverity = (keep: (rule: AnyRule) => boolean) =>
  Object.fromEntries(Object.values(rules).filter(keep).map((rule) => [rule.meta.id, rule.meta.defaultSeverity === 'warning' ? 'warn' : rule.meta.defaultSeverity]));

export const configs: Record<string, ConfigObject> = {
  recommended: { name: 'otalint/recommended', rules: bySeverity(() => true) as Record<string, RuleSetting> },
  all: { name: 'otalint/all', rules: bySeverity(() => true) as Record<string, RuleSetting> },
};

export const plugin: Plugin = { meta: { name: 'otalint', version: '0.1.0' }, rules, configs };
export default plugin;
