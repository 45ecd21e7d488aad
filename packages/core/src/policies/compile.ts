// A policy's `then`: a JSON Schema (draft 2020-12) compiled once, when the config loads. Ajv's
// compiler is imported only when a config holds a policy, so a plain lint run never pays for it;
// the meta-schema check is precompiled (generated/validate-json-schema.ts), since compiling the
// meta-schema would cost more than all of a config's policies.
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { SchemaError } from '../schema/schema-problems.js';
import { closest, didYouMean } from '../util/did-you-mean.js';

export interface PolicyValidator {
  (value: unknown): boolean;
  errors?: SchemaError[] | null | undefined;
}

const DRAFT_2020_12 = 'https://json-schema.org/draft/2020-12/schema';

/**
 * References and ids would tie a policy to schemas outside it (and to other policies: ids are
 * global to a compiler); a policy is one fragment, checked on its own.
 */
const NOT_IN_POLICIES = ['$ref', '$dynamicRef', '$id', '$anchor', '$dynamicAnchor'];

/** Draft 2020-12 keywords, for "did you mean" on a misspelt one. */
// prettier-ignore
const KEYWORDS = [
  'type', 'enum', 'const', 'required', 'properties', 'additionalProperties', 'patternProperties', 'propertyNames', 'dependentRequired',
  'dependentSchemas', 'minProperties', 'maxProperties', 'items', 'prefixItems', 'contains', 'minContains', 'maxContains', 'minItems', 'maxItems',
  'uniqueItems', 'minLength', 'maxLength', 'pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'unevaluatedProperties', 'unevaluatedItems', '$defs', '$comment', '$schema',
  'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly',
];

let compiler: Promise<Ajv2020> | undefined;

function ajv(): Promise<Ajv2020> {
  compiler ??= import('ajv/dist/2020.js').then(
    ({ Ajv2020 }) =>
      // strictSchema catches misspelt keywords; strictRequired would reject `required` without
      // `properties`, the most common policy there is.
      new Ajv2020({
        allErrors: true,
        verbose: true,
        strictSchema: true,
        strictTypes: false,
        strictTuples: false,
        strictRequired: false,
        // Checked against the precompiled meta-schema validator instead.
        validateSchema: false,
        meta: false,
      }),
  );
  return compiler;
}

/** Compile a policy's schema, or say in one sentence what is wrong with it. */
export async function compilePolicySchema(schema: unknown): Promise<{ validate: PolicyValidator } | { problem: string }> {
  if (typeof schema !== 'boolean' && (schema === null || typeof schema !== 'object' || Array.isArray(schema))) {
    return { problem: `must be a JSON Schema (draft 2020-12) object such as { "maximum": 100 }, got ${JSON.stringify(schema) ?? String(schema)}.` };
  }
  const banned = findKeyword(schema, NOT_IN_POLICIES);
  if (banned) return { problem: `${banned} is not allowed in a policy: write the schema inline (${banned} would reach outside the policy).` };
  const declared = (schema as { $schema?: unknown }).$schema;
  if (declared !== undefined && declared !== DRAFT_2020_12) {
    return { problem: `policies are JSON Schema draft 2020-12: remove "$schema" or set it to "${DRAFT_2020_12}" (got ${JSON.stringify(declared)}).` };
  }

  const { validateJsonSchema } = await import('../schema/generated/validate-json-schema.js');
  if (!validateJsonSchema(schema)) {
    const error = validateJsonSchema.errors?.[0];
    const where = error?.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'the schema';
    const allowed = error?.params && 'allowedValues' in error.params ? ` (${(error.params.allowedValues as unknown[]).join(', ')})` : '';
    return { problem: `is not a valid JSON Schema: ${where} ${error?.message ?? 'is invalid'}${allowed}.` };
  }
  const compiler = await ajv();
  try {
    return { validate: compiler.compile(withoutDeclaredDraft(schema as object | boolean)) as PolicyValidator };
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /unknown keyword: "([^"]+)"/.exec(message)?.[1];
    if (unknown !== undefined) {
      const hint = closest(unknown, KEYWORDS);
      return { problem: `unknown JSON Schema keyword "${unknown}"${didYouMean(hint, 'clause')}` };
    }
    const format = /unknown format "([^"]+)"/.exec(message)?.[1];
    if (format !== undefined) return { problem: `"format": "${format}" is not supported in policies; use "pattern".` };
    return { problem: `cannot be compiled: ${message}.` };
  }
}

/** Without the meta-schemas loaded, ajv cannot resolve a `$schema` (checked above): leave it out. */
function withoutDeclaredDraft(schema: object | boolean): object | boolean {
  if (typeof schema === 'boolean' || !('$schema' in schema)) return schema;
  const copy: Record<string, unknown> = { ...schema };
  delete copy.$schema;
  return copy;
}

/** The first of `names` used as a key anywhere in the schema. */
function findKeyword(schema: unknown, names: readonly string[]): string | undefined {
  const stack: unknown[] = [schema];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || typeof node !== 'object') continue;
    for (const [key, value] of Object.entries(node)) {
      if (names.includes(key)) return key;
      stack.push(value);
    }
  }
  return undefined;
}

/**
 * Keywords whose failures at one place depend on values elsewhere (a condition, a choice between
 * branches, positions in a list). A policy that uses one is checked only on a fully known value.
 */
const CROSS_VALUE_KEYWORDS = ['if', 'then', 'else', 'anyOf', 'oneOf', 'dependentSchemas', 'unevaluatedProperties', 'unevaluatedItems', 'prefixItems'];

/** Whether each failure of this schema is about the value ajv reports it at, and nothing else. */
export function failuresAreLocal(schema: unknown): boolean {
  return findKeyword(schema, CROSS_VALUE_KEYWORDS) === undefined;
}
