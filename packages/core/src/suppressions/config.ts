import { ConfigError } from '../config/types.js';
import { closest, didYouMean } from '../util/did-you-mean.js';
import { isObject } from '../util/guards.js';
import { SUPPRESSIBLE_RESERVED_IDS } from '../reserved-ids.js';
import type { Suppression } from './types.js';

const ENTRY_KEYS = ['files', 'path', 'rule', 'reason', 'expires'] as const;

export interface SuppressionConfigContext {
  /** The config file's display name, for errors and origins. */
  readonly file: string;
  readonly rules: ReadonlyMap<string, unknown>;
}

/** Check a config object's `suppressions` list. Throws ConfigError naming the key and what is allowed. */
export function parseSuppressions(raw: unknown, key: string, context: SuppressionConfigContext): Suppression[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    throw new ConfigError(context.file, key, 'must be a list of { files, path, rule, reason, expires? } objects.');
  }
  return raw.map((entry, index) => parseEntry(entry, `${key}[${index}]`, context));
}

/** Check a config object's `unsuppressible` list: rule ids no suppression, comment or baseline may hide. */
export function parseUnsuppressible(raw: unknown, key: string, context: SuppressionConfigContext): string[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || !raw.every((id) => typeof id === 'string')) {
    throw new ConfigError(context.file, key, 'must be a list of rule ids, e.g. ["aws-api-model"].');
  }
  raw.forEach((id: string, index) => checkRuleId(id, `${key}[${index}]`, context));
  return raw as string[];
}

function parseEntry(entry: unknown, key: string, context: SuppressionConfigContext): Suppression {
  if (!isObject(entry)) throw new ConfigError(context.file, key, 'must be an object { files, path, rule, reason, expires? }.');
  const fields = entry;
  for (const name of Object.keys(fields)) {
    if (!(ENTRY_KEYS as readonly string[]).includes(name)) {
      const hint = closest(name, ENTRY_KEYS);
      throw new ConfigError(context.file, `${key}.${name}`, `unknown key${didYouMean(hint, 'clause')} Allowed: ${ENTRY_KEYS.join(', ')}.`);
    }
  }

  const files = typeof fields.files === 'string' ? [fields.files] : fields.files;
  if (!Array.isArray(files) || files.length === 0 || !files.every((glob) => typeof glob === 'string' && glob.length > 0)) {
    throw new ConfigError(context.file, `${key}.files`, 'is required: a glob or a list of globs (relative to the config file) naming the request files.');
  }
  const path = fields.path;
  if (typeof path !== 'string' || (path !== '' && !path.startsWith('/'))) {
    throw new ConfigError(
      context.file,
      `${key}.path`,
      `is required: a JSON pointer such as "/files/0/codeSigning" ("" for the whole file), got ${JSON.stringify(path)}.`,
    );
  }
  if (typeof fields.rule !== 'string') throw new ConfigError(context.file, `${key}.rule`, 'is required: the id of the rule to suppress.');
  checkRuleId(fields.rule, `${key}.rule`, context);
  if (typeof fields.reason !== 'string' || fields.reason.trim() === '') {
    throw new ConfigError(context.file, `${key}.reason`, 'is required: say why the finding is acceptable, for the next reader.');
  }
  const expires = fields.expires;
  if (expires !== undefined && !isIsoDate(expires)) {
    throw new ConfigError(
      context.file,
      `${key}.expires`,
      `must be a date written YYYY-MM-DD (the last day the suppression applies), got ${JSON.stringify(expires)}.`,
    );
  }
  return {
    origin: `${context.file} ${key}`,
    configFile: context.file,
    configPath: keyToPath(key),
    files: files as string[],
    path,
    rule: fields.rule,
    reason: fields.reason.trim(),
    ...(expires === undefined ? {} : { expires: expires as string }),
  };
}

function checkRuleId(id: string, key: string, context: SuppressionConfigContext): void {
  if (context.rules.has(id) || SUPPRESSIBLE_RESERVED_IDS.includes(id)) return;
  const hint = closest(id, [...context.rules.keys(), ...SUPPRESSIBLE_RESERVED_IDS]);
  throw new ConfigError(context.file, key, `unknown or unsuppressible rule "${id}"${didYouMean(hint, 'clause')} \`otalint rules\` lists them all.`);
}

export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** `[0].extends[1].suppressions[2]` → [0, 'extends', 1, 'suppressions', 2]. */
function keyToPath(key: string): Array<string | number> {
  return [...key.matchAll(/\[(\d+)\]|\.?([^.[\]]+)/g)].map((match) => (match[1] !== undefined ? Number(match[1]) : match[2]!));
}
