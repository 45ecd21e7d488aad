// A policy from config as an ordinary rule: severities, suppressions, baselines, fingerprints,
// SARIF and `otalint rules` treat it like any other, with no special case downstream.
import type { JsonPath } from '../diagnostic.js';
import { defineRule, type AnyRule } from '../rules/define-rule.js';
import { MODEL_SCHEMA } from '../schema/model-check.js';
import { describeValue, displayPath, toPath, type SchemaNode } from '../schema/model-format.js';
import { describeSchemaErrors, shortJson, type SchemaError } from '../schema/schema-problems.js';
import { getAtPath } from '../util/json-pointer.js';
import { containsUnknown, isUnknown } from '../value/unknown.js';
import { failuresAreLocal, type PolicyValidator } from './compile.js';
import { matchGiven } from './given.js';

/** A policy as checked from config. */
export interface PolicyDefinition {
  /** `<namespace>/<name>`: never a built-in rule's id. */
  readonly id: string;
  readonly severity: 'error' | 'warn' | 'info';
  readonly given: string;
  readonly then: unknown;
  readonly message?: string;
  readonly description?: string;
  readonly docsUrl?: string;
}

/** What a policy's `message` may say about each failure. */
export const MESSAGE_PLACEHOLDERS = ['value', 'path', 'reason'] as const;

export interface CompiledPolicy {
  readonly definition: PolicyDefinition;
  readonly segments: readonly string[];
  readonly validate: PolicyValidator;
  /** Where it is declared (`.otalintrc.json [0].policies[1]`), for `otalint rules`. */
  readonly origin: string;
}

export function policyRule({ definition, segments, validate, origin }: CompiledPolicy): AnyRule {
  const local = failuresAreLocal(definition.then);
  const wording = {
    requestSchema: MODEL_SCHEMA,
    schemaFor: (error: SchemaError) => error.parentSchema as SchemaNode | undefined,
    membersOf: (error: SchemaError) => Object.keys((error.parentSchema as SchemaNode | undefined)?.properties ?? {}),
  };
  const rule = defineRule({
    meta: {
      id: definition.id.slice(definition.id.indexOf('/') + 1),
      description:
        definition.description ??
        definition.message ??
        `${definition.given === '' ? 'The request' : `\`${definition.given}\``} satisfies ${shortJson(definition.then)}.`,
      category: 'policy',
      defaultSeverity: definition.severity === 'warn' ? 'warning' : definition.severity,
      certainty: 'documented',
      messages: { failed: '{{message}}' },
      hasSuggestions: true,
      unknownValues: 'checked',
    },
    defaultOptions: {},
    docs: policyDocs(definition, origin),
    check(context) {
      for (const match of matchGiven(context.request, segments)) {
        if (isUnknown(match.value) || (!local && containsUnknown(match.value))) continue;
        if (validate(match.value)) continue;
        const errors = (validate.errors ?? []).filter((error) => !local || isCertain(match.value, error));
        const problems = describeSchemaErrors(
          match.value,
          errors,
          { ...wording, format: context.format, sourceText: (path) => context.sourceText(path) },
          match.path,
        );
        for (const problem of problems) {
          const message = definition.message === undefined ? problem.message : fill(definition.message, context.request, problem.path, problem.message);
          context.report({
            path: problem.path,
            target: problem.target,
            messageId: 'failed',
            data: { message },
            ...(problem.suggestions
              ? {
                  suggestions: problem.suggestions.map((suggestion) => ({
                    messageId: 'failed',
                    data: { message: suggestion.message },
                    edits: suggestion.edits,
                  })),
                }
              : {}),
          });
        }
      }
    },
  });
  return { ...rule, docsUrl: definition.docsUrl ?? '' };
}

/** Keywords about an object's members, a list's length or a key that is there: not the values inside. */
const SHAPE_KEYWORDS = new Set([
  'type',
  'required',
  'dependentRequired',
  'minProperties',
  'maxProperties',
  'minItems',
  'maxItems',
  'additionalProperties',
  'propertyNames',
]);

/**
 * Whether a failure stands whatever the unknown parts of the value turn out to be. The engine
 * already drops every report through an unknown value or on an open container (known-ground.ts);
 * left are failures judged on a whole value that holds something unknown (`const`, `contains`, `not`).
 */
function isCertain(root: unknown, error: SchemaError): boolean {
  if (SHAPE_KEYWORDS.has(error.keyword) || error.propertyName !== undefined) return true;
  return !containsUnknown(getAtPath(root, toPath(root, error.instancePath)));
}

function fill(template: string, request: unknown, path: JsonPath, reason: string): string {
  const data: Record<(typeof MESSAGE_PLACEHOLDERS)[number], string> = {
    value: describeValue(getAtPath(request, path)),
    path: displayPath(path) || 'the request',
    reason,
  };
  return template.replace(/\{\{\s*(value|path|reason)\s*\}\}/g, (_, name: keyof typeof data) => data[name]);
}

function policyDocs(definition: PolicyDefinition, origin: string): string {
  const lines = [
    '## Policy',
    '',
    `Declared in ${origin}. Every value at \`${definition.given === '' ? '""' : definition.given}\`${definition.given === '' ? ' (the whole request)' : ''} must satisfy this JSON Schema:`,
    '',
    '```json',
    JSON.stringify(definition.then, null, 2),
    '```',
  ];
  if (definition.message !== undefined) lines.push('', `Message: ${definition.message}`);
  return `${lines.join('\n')}\n`;
}
