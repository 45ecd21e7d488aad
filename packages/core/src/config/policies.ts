import { compilePolicySchema } from '../policies/compile.js';
import { parseGiven } from '../policies/given.js';
import { MESSAGE_PLACEHOLDERS, policyRule, type PolicyDefinition } from '../policies/policy-rule.js';
import type { AnyRule } from '../rules/define-rule.js';
import { closest, didYouMean } from '../util/did-you-mean.js';
import { isObject } from '../util/guards.js';
import { ConfigError } from './types.js';

const POLICY_KEYS = ['id', 'severity', 'message', 'description', 'docsUrl', 'given', 'then'] as const;
const SEVERITIES: Readonly<Record<string, PolicyDefinition['severity']>> = { error: 'error', warn: 'warn', warning: 'warn', info: 'info' };
/** A namespace as plugins have them, then a rule name (kebab-case, as defineRule wants). */
const POLICY_ID = /^([A-Za-z0-9@][A-Za-z0-9@._-]*)\/([a-z][a-z0-9]*(?:-[a-z0-9]+)*)$/;

/** The policies a config defines, by id: each became a rule in `rules`. */
export type PolicyRegistry = Map<string, { readonly entry: object; readonly key: string; readonly definition: PolicyDefinition }>;

export interface PolicyContext {
  /** The config file's display name. */
  readonly file: string;
  readonly rules: Map<string, AnyRule>;
  readonly policies: PolicyRegistry;
  /** The namespace of the built-in rules, which no policy may take. */
  readonly reservedNamespace: string;
}

/**
 * Check a config object's `policies`, compile each once and add it to the known rules under its
 * id. The same entry met twice (a preset extended in two places) is one policy.
 */
export async function definePolicies(raw: unknown, key: string, context: PolicyContext): Promise<void> {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) throw new ConfigError(context.file, key, 'must be a list of policies: [{ "id": "acme/max-rate", "given": "/…", "then": { … } }].');
  for (const [index, entry] of raw.entries()) await definePolicy(entry, `${key}[${index}]`, context);
}

/** The policies a config object declares, as defined by `definePolicies`. */
export function declaredPolicies(raw: unknown, policies: PolicyRegistry): PolicyDefinition[] {
  return Array.isArray(raw) ? raw.map((entry: { id: string }) => policies.get(entry.id)!.definition) : [];
}

async function definePolicy(entry: unknown, key: string, context: PolicyContext): Promise<void> {
  if (!isObject(entry)) throw new ConfigError(context.file, key, 'must be a policy object { "id", "given", "then", "severity"?, "message"? }.');
  const fields = entry as Record<string, unknown>;
  const id = fields.id;
  const match = typeof id === 'string' ? POLICY_ID.exec(id) : null;
  if (!match || typeof id !== 'string') {
    throw new ConfigError(
      context.file,
      `${key}.id`,
      `a policy needs an id "<namespace>/<name>" such as "acme/abort-required" (a kebab-case name), so it never clashes with a built-in rule; got ${JSON.stringify(id)}.`,
    );
  }
  const problem = (at: string, detail: string) => new ConfigError(context.file, `${key}${at}`, `policy "${id}": ${detail}`);
  if (match[1] === context.reservedNamespace)
    throw problem('.id', `"${context.reservedNamespace}" is reserved for the built-in rules; use your own namespace.`);
  const seen = context.policies.get(id);
  if (seen?.entry === entry) return;
  if (seen) throw problem('.id', `declared twice (also at ${seen.key}); give each policy its own id.`);
  if (context.rules.has(id)) throw problem('.id', "a plugin's rule has this id; give the policy another name.");

  for (const name of Object.keys(fields)) {
    if (!(POLICY_KEYS as readonly string[]).includes(name)) {
      const hint = closest(name, POLICY_KEYS);
      throw problem(`.${name}`, `unknown key${didYouMean(hint, 'clause')} Allowed: ${POLICY_KEYS.join(', ')}.`);
    }
  }
  const written = fields.severity;
  const severity = written === undefined ? 'error' : typeof written === 'string' && Object.hasOwn(SEVERITIES, written) ? SEVERITIES[written] : undefined;
  if (severity === undefined) {
    throw problem(
      '.severity',
      `${JSON.stringify(written)} is not a policy severity; use "error" (the default), "warn" or "info" (turn a policy off with rules: { "${id}": "off" }).`,
    );
  }
  const message = optionalText(fields.message, () => problem('.message', 'must be a non-empty string.'));
  const unknownPlaceholder = [...(message ?? '').matchAll(/\{\{\s*([^}\s]*)\s*\}\}/g)]
    .map((found) => found[1]!)
    .find((name) => !(MESSAGE_PLACEHOLDERS as readonly string[]).includes(name));
  if (unknownPlaceholder !== undefined) {
    throw problem(
      '.message',
      `unknown placeholder {{${unknownPlaceholder}}}; a message may use ${MESSAGE_PLACEHOLDERS.map((name) => `{{${name}}}`).join(', ')}.`,
    );
  }
  const description = optionalText(fields.description, () => problem('.description', 'must be a non-empty string.'));
  const docsUrl = optionalText(fields.docsUrl, () => problem('.docsUrl', 'must be a URL such as "https://wiki.example.com/ota-policy".'));
  if (docsUrl !== undefined && !URL.canParse(docsUrl))
    throw problem('.docsUrl', `${JSON.stringify(docsUrl)} is not a URL (e.g. "https://wiki.example.com/ota-policy").`);

  if (!('given' in fields)) throw problem('', 'has no "given": the JSON pointer of the values to check ("" for the whole request).');
  const given = parseGiven(fields.given);
  if ('problem' in given) throw problem('.given', given.problem);
  if (!('then' in fields)) throw problem('', 'has no "then": the JSON Schema each value at "given" must satisfy.');
  const compiled = await compilePolicySchema(fields.then);
  if ('problem' in compiled) throw problem('.then', compiled.problem);

  const definition: PolicyDefinition = {
    id,
    severity,
    given: fields.given as string,
    then: fields.then,
    ...(message === undefined ? {} : { message }),
    ...(description === undefined ? {} : { description }),
    ...(docsUrl === undefined ? {} : { docsUrl }),
  };
  context.rules.set(id, policyRule({ definition, segments: given.segments, validate: compiled.validate, origin: `${context.file} at ${key}` }));
  context.policies.set(id, { entry, key, definition });
}

function optionalText(value: unknown, problem: () => ConfigError): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw problem();
  return value;
}
