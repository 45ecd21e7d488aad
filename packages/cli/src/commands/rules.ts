import { closest, type AnyRule, type ConfigObject, type Plugin, type Severity } from '@otalint/core';
import { RESERVED_IDS, type ReservedId } from '@otalint/core/engine';
import { plugin as builtins } from '@otalint/rules';
import { readDocsPage } from '../docs-page.js';
import { EXIT, UsageError } from '../exit-codes.js';
import { createLinter } from '../lint-run.js';
import { parseCommandLine } from '../options.js';
import type { CommandIO } from './types.js';

export const RULES_HELP = `Usage: otalint rules [ID] [options]

Without an id, lists every rule: its id, its severity in each built-in preset, whether
--fix can fix it, its description and its documentation page. Rules of the plugins your
config declares are listed too, as <namespace>/<rule-id>, and so are its policies (with
their definition when explained). Then the problems otalint reports
itself (syntax-error, duplicate-key, ...), and whether config may set them.
With an id, explains that rule or problem: what it checks, why, and examples.

Options:
  -f, --format NAME   text (default) or json
  -c, --config FILE   Use this config file (for plugin rules and policies) instead of looking for one
  -h, --help          Show this help`;

const SPEC = {
  format: { type: 'string', short: 'f' },
  config: { type: 'string', short: 'c' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type PresetSeverity = Severity | 'off';

/** One entry of `otalint rules`: a rule, or an id otalint reports itself. */
export interface RuleListing {
  readonly id: string;
  /** `rule`: a rule (built-in or a plugin's); `engine`: a problem otalint reports itself. */
  readonly kind: 'rule' | 'engine';
  readonly description: string;
  readonly category: string;
  /** How sure the rule's facts are (rules only). */
  readonly certainty?: string;
  readonly defaultSeverity: Severity;
  readonly fixable: boolean;
  readonly hasSuggestions: boolean;
  readonly docsUrl: string;
  /** Severity in each built-in preset; "off" when the preset leaves the rule out. */
  readonly presets: Readonly<Record<string, PresetSeverity>>;
  readonly options?: unknown;
  /** Whether config (`rules`, --rule) may set it; engine ids that may not say why. */
  readonly configurable: true | { readonly refused: string };
  /** Whether a suppression, a disable comment or a baseline may waive its findings. */
  readonly suppressible: boolean;
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
  const presets = presetSeverities(builtins);
  const presetNames = Object.keys(presets);
  const rules = [...linter.config.rules].map(([id, rule]) => describeRule(id, rule, presets));
  const engine = RESERVED_IDS.map((entry) => describeReserved(entry, presetNames));

  const wanted = positionals[0];
  if (wanted === undefined) {
    io.stdout(format === 'json' ? `${JSON.stringify({ presets: presetNames, rules, engine }, null, 2)}\n` : rulesTable(rules, engine, presetNames));
    return EXIT.ok;
  }

  const explained = [...rules, ...engine].find((listing) => listing.id === wanted);
  if (!explained) {
    const hint = closest(
      wanted,
      [...rules, ...engine].map((listing) => listing.id),
    );
    throw new UsageError(`Unknown rule "${wanted}"${hint ? `; did you mean "${hint}"` : ''}. \`otalint rules\` lists them all.`);
  }
  // A rule made from config (a policy) carries its docs: its definition and where it is declared.
  const docs = linter.config.rules.get(wanted)?.docs ?? (await readDocsPage(explained.id, explained.kind === 'engine'));
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
    kind: 'rule',
    description: meta.description,
    category: meta.category,
    certainty: meta.certainty,
    defaultSeverity: meta.defaultSeverity,
    fixable: meta.fixable === true,
    hasSuggestions: meta.hasSuggestions === true,
    docsUrl: rule.docsUrl,
    presets: Object.fromEntries(Object.entries(presets).map(([name, severities]) => [name, severities.get(id) ?? 'off'])),
    ...(meta.optionsSchema ? { options: meta.optionsSchema } : {}),
    configurable: true,
    suppressible: true,
  };
}

/** An id otalint reports itself: on whatever the preset, at its default severity. */
function describeReserved(entry: ReservedId, presetNames: readonly string[]): RuleListing {
  return {
    id: entry.id,
    kind: 'engine',
    description: entry.description,
    category: 'engine',
    defaultSeverity: entry.defaultSeverity,
    fixable: entry.fixable,
    hasSuggestions: false,
    docsUrl: entry.docsUrl,
    presets: Object.fromEntries(presetNames.map((name) => [name, entry.defaultSeverity])),
    configurable: entry.configurable,
    suppressible: entry.suppressible,
  };
}

const SHORT: Record<PresetSeverity, string> = { error: 'error', warning: 'warn', info: 'info', off: '-' };

function rulesTable(rules: readonly RuleListing[], engine: readonly RuleListing[], presetNames: readonly string[]): string {
  const ruleRows = rules.map((rule) => [
    rule.id,
    ...presetNames.map((name) => SHORT[rule.presets[name] ?? 'off']),
    rule.fixable ? 'yes' : '',
    rule.description,
  ]);
  const engineRows = engine.map((entry) => [
    entry.id,
    SHORT[entry.defaultSeverity],
    entry.configurable === true ? 'yes' : 'no',
    entry.fixable ? 'yes' : '',
    entry.description,
  ]);
  let out = table(['rule', ...presetNames, 'fix', 'description'], ruleRows, rules);
  out += '\nReported by otalint itself, whatever the preset ("set": whether config `rules` and --rule may set it):\n';
  out += table(['id', 'severity', 'set', 'fix', 'description'], engineRows, engine);
  out += `\n${rules.length} rule${rules.length === 1 ? '' : 's'} and ${engine.length} problems otalint reports itself. "-": not in that preset. \`otalint rules <id>\` explains one.\n`;
  return out;
}

/** Columns padded to their widest cell (the last one is free), each row's docs URL under it. */
function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, listings: readonly RuleListing[]): string {
  const widths = header.slice(0, -1).map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => (column < widths.length ? cell.padEnd(widths[column]!) : cell)).join('  ');
  let out = `${line(header)}\n`;
  for (const [index, row] of rows.entries()) {
    const docsUrl = listings[index]!.docsUrl;
    out += `${line(row)}\n${docsUrl ? `${' '.repeat(widths[0]! + 2)}${docsUrl}\n` : ''}`;
  }
  return out;
}

function explainText(listing: RuleListing, docs: string | undefined): string {
  const lines = [`${listing.id}: ${listing.description}`, ''];
  if (listing.kind === 'engine') {
    lines.push(
      `  reported   by otalint itself, whatever the preset`,
      `  severity   ${listing.defaultSeverity}; ${listing.configurable === true ? 'config `rules` and --rule may set it (off, info, warn, error)' : `config cannot set it: ${listing.configurable.refused}`}`,
      `  waivable   ${listing.suppressible ? 'yes: a disable comment, a config suppression or a baseline' : 'no: no suppression, comment or baseline hides it'}`,
    );
  } else {
    const presets = Object.entries(listing.presets)
      .map(([name, severity]) => `${name} ${SHORT[severity]}`)
      .join(', ');
    lines.push(`  category   ${listing.category} (certainty: ${listing.certainty})`, `  severity   ${listing.defaultSeverity} by default; presets: ${presets}`);
  }
  lines.push(`  fixable    ${listing.fixable ? 'yes, with --fix' : 'no'}${listing.hasSuggestions ? '; suggests edits' : ''}`);
  if (listing.docsUrl) lines.push(`  docs       ${listing.docsUrl}`);
  if (listing.options !== undefined) lines.push(`  options    ${JSON.stringify(listing.options)}`);
  // The page's own title and summary repeat the header above: show from its first section on.
  const body = docs?.slice(Math.max(0, docs.search(/^## /m))).trim();
  return `${lines.join('\n')}\n${body ? `\n${body}\n` : ''}`;
}
