import path from 'node:path';
import type { DeviceProfile } from '@otalint/core/engine';
import { EXIT, UsageError } from '../exit-codes.js';
import { createLinter } from '../lint-run.js';
import { relativeTo } from '../paths.js';
import { parseCommandLine, parseRuleFlags } from '../options.js';
import type { CommandIO } from './types.js';

export const PRINT_CONFIG_HELP = `Usage: otalint print-config FILE [options]

Prints, as JSON, the configuration otalint uses for FILE (which need not exist): the config
file found, whether FILE is ignored, every rule set for it with its severity and its
options (the rule's defaults merged with yours), and the device profile the rules read.

Options:
  -c, --config FILE      Use this config file instead of looking for one
      --rule ID:SEVERITY Set a rule's severity, as lint does; repeatable
  -h, --help             Show this help`;

const SPEC = {
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export interface PrintedConfig {
  readonly filePath: string;
  /** Relative to the working directory; null: no config file, the built-in `recommended`. */
  readonly configFile: string | null;
  readonly ignored: boolean;
  /** The source kind that reads the file (`json`, `yaml`, `shell`, ...). */
  readonly kind: string;
  /** By rule id, sorted; "off" rules are listed too, so an override that silences a rule shows. */
  readonly rules: Record<string, { severity: string; options?: unknown }>;
  /** The device profile the rules read (config `device`). */
  readonly device: DeviceProfile;
}

export async function printConfigCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseCommandLine(args, SPEC, 'print-config');
  if (values.help) {
    io.stdout(`${PRINT_CONFIG_HELP}\n`);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('`otalint print-config` takes one file: `otalint print-config requests/update.json`.');
  const filePath = relativeTo(io.cwd, positionals[0]!);
  const linter = await createLinter({
    cwd: io.cwd,
    configFile: values.config,
    rules: parseRuleFlags(values.rule),
    debug: values.debug === true,
  });
  const absolute = path.resolve(io.cwd, filePath);
  const active = new Map(linter.config.rulesFor(absolute).map((rule) => [rule.id, rule]));
  const rules: PrintedConfig['rules'] = {};
  const settings = [...linter.config.settingsFor(absolute)].sort(([a], [b]) => a.localeCompare(b));
  for (const [id, setting] of settings) {
    const options = active.get(id)?.options;
    rules[id] = { severity: setting.severity, ...(options !== undefined && !isEmpty(options) ? { options } : {}) };
  }
  const printed: PrintedConfig = {
    filePath,
    configFile: linter.config.configFile ? relativeTo(io.cwd, linter.config.configFile) : null,
    ignored: linter.isIgnored(filePath),
    kind: linter.sourceKinds.kindFor(filePath).id,
    rules,
    device: linter.config.deviceFor(absolute),
  };
  io.stdout(`${JSON.stringify(printed, null, 2)}\n`);
  return EXIT.ok;
}

function isEmpty(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.keys(value).length === 0;
}
