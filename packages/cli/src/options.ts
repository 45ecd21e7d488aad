import { parseArgs, type ParseArgsConfig } from 'node:util';

type Spec = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Spec> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;
import { closest, type RuleSetting } from '@otalint/core';
import { UsageError } from './exit-codes.js';

/** Options every command that lints understands (lint, submit). */
export const LINT_OPTION_SPEC = {
  config: { type: 'string', short: 'c' },
  rule: { type: 'string', multiple: true },
  format: { type: 'string', short: 'f', multiple: true },
  'output-file': { type: 'string', short: 'o' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'no-ignore': { type: 'boolean' },
  'ignore-pattern': { type: 'string', multiple: true },
  'no-error-on-unmatched-pattern': { type: 'boolean' },
  firmware: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

/** The discovery flags every command that lints takes (ESLint's names). */
export function discoveryOptions(values: {
  'no-ignore'?: boolean | undefined;
  'ignore-pattern'?: string[] | undefined;
  'no-error-on-unmatched-pattern'?: boolean | undefined;
}): { noIgnore: boolean; ignorePatterns: string[]; allowUnmatched: boolean } {
  return {
    noIgnore: values['no-ignore'] === true,
    ignorePatterns: values['ignore-pattern'] ?? [],
    allowUnmatched: values['no-error-on-unmatched-pattern'] === true,
  };
}

/**
 * Parse a command's arguments strictly. A mistake is a usage error in our words: an unknown
 * option names the nearest known one (`--formt` → did you mean --format?), and points at the
 * command's own help.
 */
export function parseCommandLine<T extends Spec>(args: readonly string[], options: T, command?: string): Parsed<T> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(
      `${explainParseError(error as NodeJS.ErrnoException, options)} Run \`otalint ${command ? `${command} ` : ''}--help\` for the options.`,
    );
  }
}

function explainParseError(error: NodeJS.ErrnoException, spec: Spec): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1] ?? '';
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const hint = nearestOption(quoted, spec);
    return `Unknown option ${quoted}${hint ? `; did you mean ${hint}?` : '.'}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    // node names the option as '-f, --format <value>' or '--quiet'.
    const name = /--[\w-]+/.exec(quoted)?.[0] ?? quoted;
    if (/argument missing/.test(error.message)) return `${name} needs a value.`;
    if (/does not take an argument/.test(error.message)) return `${name} takes no value.`;
  }
  return error.message.replace(/\. To specify a positional argument.*$/s, '.');
}

/**
 * The known option nearest to a misspelt one (`--formt` → `--format`, `-F` → `-f`), or the one
 * a shortened name begins (`--endpoint` → `--endpoint-url`).
 */
function nearestOption(written: string, spec: Spec): string | undefined {
  if (written.startsWith('--')) {
    const typed = written.slice(2);
    const names = Object.keys(spec);
    const begun = typed.length >= 3 ? names.filter((name) => name.startsWith(typed)) : [];
    const name = closest(typed, names) ?? (begun.length === 1 ? begun[0] : undefined);
    return name && `--${name}`;
  }
  const shorts = Object.values(spec).flatMap((option) => (option.short ? [option.short] : []));
  const short = closest(written.slice(1), shorts);
  return short && `-${short}`;
}

export function colorFlag(values: { color?: boolean | undefined; 'no-color'?: boolean | undefined }): boolean | undefined {
  if (values['no-color']) return false;
  if (values.color) return true;
  return undefined;
}

export function parseMaxWarnings(value: string | undefined): number {
  if (value === undefined) return Number.POSITIVE_INFINITY;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings takes a whole number, got "${value}".`);
  return Number(value);
}

/**
 * `--rule`, repeatable, in ESLint's forms: `id:severity` (`off`, `info`, `warn`, `error`, `0`,
 * `1`, `2`, `warning`) or `id: <JSON>` (`'id: ["error", { "max": 40 }]'`). The config loader
 * checks the rule id, the severity and the options, as it does for config files.
 */
export function parseRuleFlags(values: readonly string[] | undefined): Record<string, RuleSetting> {
  // No prototype: `--rule __proto__:off` must reach the config check as a rule id (and be refused
  // as unknown), not set this object's prototype and vanish.
  const rules = Object.create(null) as Record<string, RuleSetting>;
  for (const value of values ?? []) {
    const json = /^\s*([^\s:]+)\s*:\s*([[{"\d].*)$/s.exec(value);
    if (json && /^[[{"]/.test(json[2]!.trim())) {
      try {
        rules[json[1]!] = JSON.parse(json[2]!) as RuleSetting;
      } catch (error) {
        throw new UsageError(`--rule ${json[1]}: the setting is not valid JSON (${(error as Error).message}): ${json[2]}`);
      }
      continue;
    }
    const colon = value.lastIndexOf(':');
    if (colon <= 0) throw new UsageError(`--rule takes id:severity (e.g. --rule role-arn-format:warn) or 'id: ["error", {options}]', got "${value}".`);
    const severity = value.slice(colon + 1).trim();
    rules[value.slice(0, colon).trim()] = (/^\d+$/.test(severity) ? Number(severity) : severity) as RuleSetting;
  }
  return rules;
}

export interface FormatTarget {
  readonly name: string;
  /** undefined: standard output. */
  readonly file: string | undefined;
}

/** `--format name` or `--format name:file`, repeatable; --output-file applies to a bare one. */
export function parseFormats(values: readonly string[] | undefined, outputFile: string | undefined): FormatTarget[] {
  const targets = (values?.length ? values : ['stylish']).map((value) => {
    const colon = value.indexOf(':');
    return colon === -1 ? { name: value, file: undefined } : { name: value.slice(0, colon), file: value.slice(colon + 1) };
  });
  const toStdout = targets.filter((t) => t.file === undefined);
  if (toStdout.length > 1) throw new UsageError('Only one --format can write to standard output; give the others a file: --format sarif:report.sarif.');
  if (outputFile !== undefined) {
    if (toStdout.length === 0) throw new UsageError('--output-file needs a --format without its own file.');
    return targets.map((t) => (t.file === undefined ? { ...t, file: outputFile } : t));
  }
  return targets;
}
