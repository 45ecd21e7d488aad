import { parseArgs, type ParseArgsConfig } from 'node:util';

type Spec = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Spec> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;
import type { RuleSetting } from '@otalint/core';
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

export function parseCommandLine<T extends Spec>(args: readonly string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, '.');
    throw new UsageError(`${message} Run \`otalint --help\` for the options.`);
  }
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
  const rules: Record<string, RuleSetting> = {};
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
