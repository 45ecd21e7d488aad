import { createRequire } from 'node:module';
import { configs as presets } from '@otalint/rules';
import typescriptParser from '@typescript-eslint/parser';
import type { TSESLint } from '@typescript-eslint/utils';
import { eslintRules } from './rules.js';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** The files otalint reads SDK calls from, as its command line does. */
export const CODE_FILES = ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx'];

type PresetName = 'recommended' | 'strict' | 'freertos' | 'all';

const plugin = {
  meta: { name: 'eslint-plugin-otalint', version },
  rules: eslintRules,
  configs: {} as Record<PresetName, TSESLint.FlatConfig.Config>,
};

/**
 * otalint's presets as flat-config objects: the rules at the preset's severities (ESLint has no
 * `info`: those are warnings), the plugin, and typescript-eslint's parser, which reads the
 * JavaScript files as well, exactly as the command line does.
 */
function preset(name: PresetName): TSESLint.FlatConfig.Config {
  const rules = Object.fromEntries(
    Object.entries(presets[name]?.rules ?? {})
      .filter(([id]) => id in eslintRules)
      .map(([id, setting]) => {
        const severity = Array.isArray(setting) ? setting[0] : setting;
        return [`otalint/${id}`, severity === 'error' || severity === 2 ? 'error' : severity === 'off' || severity === 0 ? 'off' : 'warn'];
      }),
  ) as TSESLint.FlatConfig.Rules;
  return {
    name: `otalint/${name}`,
    files: CODE_FILES,
    plugins: { otalint: plugin as unknown as TSESLint.FlatConfig.Plugin },
    languageOptions: { parser: typescriptParser },
    rules,
  };
}

for (const name of ['recommended', 'strict', 'freertos', 'all'] as const) plugin.configs[name] = preset(name);

export default plugin;
