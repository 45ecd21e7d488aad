import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { closest, type AnyRule, type ConfigObject, type Plugin, type Severity } from '@otalint/core';
import { plugin as builtins } from '@otalint/rules';
import { EXIT, UsageError } from '../exit-codes.js';
import { createLinter } from '../lint-run.js';
import { parseCommandLine } from '../options.js';
import type { CommandIO } from './types.js';

export const RULES_HELP = `Usage: otalint rules [RULE-ID] [options]

Without an id, lists every rule: its id, its severity in each built-in preset, whether
--fix can fix it, its description and its documentation page. Rules of the plugins your
config declares are listed too, as <namespace>/<rule-id>.
With an id, explains that rule: what it checks, why, and examples.

Options:
  -f, --format NAME   text (default) or json
  -c, --config FILE   Use this config file (for plugin rules) instead of looking for one
  -h, --help          Show this help`;

const SPEC = {
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type PresetSeverity = Severity | 'off';

export interface RuleListing {
  readonly id: string;
  readonly description: string;
  readonly category: string;
  readonly certainty: string;
  readonly defaultSeverity: Severity;
  readonly fixable: boolean;
  readonly hasSuggestions: boolean;
  readonly docsUrl: string;
  /** Severity in each built-in preset; "off" when the preset leaves the rule out. */
  readonly presets: Readonly<Record<string, PresetSeverity>>;
  readonly options?: unknown;
}

export async function rulesCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandLine(args, SPEC, 'rules');
  if (values.help) {
    io.stdout(`${RULES_HELP}\n`);
    return EXIT.ok;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`Unknown format "${format}" for \`otalint rules\`; use text or json.`);
  if (positionals.length > 1) throw new UsageError('`otalint rules` explains one rule at a time: `otalint rules <rule-id>`.');

  const linter = await createLinter({ cwd: io.cwd, configFile: values.config, debug: values.debug === true });
  const known = linter.config.rules;
  const presets = presetSeverities(builtins);
  const listing = (id: string, rule: AnyRule) => describeRule(id, rule, presets);

  const wanted = positionals[0];
  if (wanted === undefined) {
    const all = [...known].map(([id, rule]) => listing(id, rule));
    io.stdout(format === 'json' ? `${JSON.stringify({ presets: Object.keys(presets), rules: all }, null, 2)}\n` : rulesTable(all, Object.keys(presets)));
    return EXIT.ok;
  }

  const rule = known.get(wanted);
  if (!rule) {
    const hint = closest(wanted, known.keys());
    throw new UsageError(`Unknown rule "${wanted}"${hint ? `; did you mean "${hint}"` : ''}. \`otalint rules\` lists them all.`);
  }
  const docs = wanted.includes('/') ? undefined : await readRuleDocs(wanted);
  const explained = listing(wanted, rule);
  io.stdout(format === 'json' ? `${JSON.stringify({ ...explained, ...(docs ? { docs } : {}) }, null, 2)}\n` : explainText(explained, docs));
  return EXIT.ok;
}

/**
 * Each preset of a plugin as rule id → severity, following `extends` of the plugin's own presets.
 * A preset object scoped with `files` still counts: the listing says what a preset can turn on.
 */
export function presetSeverities(plugin: Plugin): Record<string, Map<string, PresetSeverity>> {
  const out: Record<string, Map<string, PresetSeverity>> = {};
  const flatten = (preset: ConfigObject | readonly ConfigObject[] | string, into: Map<string, PresetSeverity>, depth: number): void => {
    if (depth > 10) return;
    if (typeof preset === 'string') {
      const named = plugin.configs?.[preset.replace(/^otalint\//, '')];
      if (named) flatten(named, into, depth + 1);
      return;
    }
    if (Array.isArray(preset)) {
      for (const item of preset) flatten(item, into, depth + 1);
      return;
    }
    const object = preset as ConfigObject;
    for (const ref of object.extends ?? []) flatten(ref, into, depth + 1);
    for (const [id, setting] of Object.entries(object.rules ?? {})) {
      const name = Array.isArray(setting) ? setting[0] : setting;
      into.set(id, name === 'warn' ? 'warning' : (name as PresetSeverity));
    }
  };
  for (const [name, preset] of Object.entries(plugin.configs ?? {})) {
    const severities = new Map<string, PresetSeverity>();
    flatten(preset, severities, 0);
    out[name] = severities;
  }
  return out;
}

function describeRule(id: string, rule: AnyRule, presets: Record<string, Map<string, PresetSeverity>>): RuleListing {
  const meta = rule.meta;
  return {
    id,
    description: meta.description,
    category: meta.category,
    certainty: meta.certainty,
    defaultSeverity: meta.defaultSeverity,
    fixable: meta.fixable === true,
    hasSuggestions: meta.hasSuggestions === true,
    docsUrl: rule.docsUrl,
    presets: Object.fromEntries(Object.entries(presets).map(([name, severities]) => [name, severities.get(id) ?? 'off'])),
    ...(meta.optionsSchema ? { options: meta.optionsSchema } : {}),
  };
}

/** The rule's docs page, shipped in @otalint/rules/docs/<id>.md; undefined when absent. */
export async function readRuleDocs(id: string): Promise<string | undefined> {
  try {
    const manifest = createRequire(import.meta.url).resolve('@otalint/rules/package.json');
    return await readFile(path.join(path.dirname(manifest), 'docs', `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

const SHORT: Record<PresetSeverity, string> = { error: 'error', warning: 'warn', info: 'info', off: '-' };

function rulesTable(rules: readonly RuleListing[], presetNames: readonly string[]): string {
  const header = ['rule', ...presetNames, 'fix', 'description'];
  const rows = rules.map((rule) => [rule.id, ...presetNames.map((name) => SHORT[rule.presets[name] ?? 'off']), rule.fixable ? 'yes' : '', rule.description]);
  const widths = header.slice(0, -1).map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column < widths.length ? cell.padEnd(widths[column]!) : cell)).join('  ');
  let out = `${line(header)}\n`;
  for (const [index, row] of rows.entries()) out += `${line(row)}\n${' '.repeat(widths[0]! + 2)}${rules[index]!.docsUrl}\n`;
  out += `\n${rules.length} rule${rules.length === 1 ? '' : 's'}. "-": not in that preset. \`otalint rules <rule-id>\` explains one.\n`;
  return out;
}

function explainText(rule: RuleListing, docs: string | undefined): string {
  const presets = Object.entries(rule.presets)
    .map(([name, severity]) => `${name} ${SHORT[severity]}`)
    .join(', ');
  const lines = [
    `${rule.id}: ${rule.description}`,
    '',
    `  category   ${rule.category} (certainty: ${rule.certainty})`,
    `  severity   ${rule.defaultSeverity} by default; presets: ${presets}`,
    `  fixable    ${rule.fixable ? 'yes, with --fix' : 'no'}${rule.hasSuggestions ? '; suggests edits' : ''}`,
    `  docs       ${rule.docsUrl}`,
  ];
  if (rule.options !== undefined) lines.push(`  options    ${JSON.stringify(rule.options)}`);
  // The page's own title and summary repeat the header above: show from its first section on.
  const body = docs?.slice(Math.max(0, docs.search(/^## /m))).trim();
  return `${lines.join('\n')}\n${body ? `\n${body}\n` : ''}`;
}
