import { parseArgs, type ParseArgsConfig } from 'node:util';

type Spec = NonNullable<ParseArgsConfig['options']>;
type Parsed<T extends Spec> = ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>>;
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
} as const satisfies ParseArgsConfig['options'];

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

/** `--rule id:severity`, repeatable. */
export function parseRuleFlags(values: readonly string[] | undefined): Record<string, string> {
  const rules: Record<string, string> = {};
  for (const value of values ?? []) {
    const colon = value.lastIndexOf(':');
    if (colon <= 0) throw new UsageError(`--rule takes id:severity (e.g. --rule role-arn:warn), got "${value}".`);
    rules[value.slice(0, colon)] = value.slice(colon + 1);
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
