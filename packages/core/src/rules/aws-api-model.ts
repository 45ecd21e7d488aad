import { checkAgainstModel, MODEL_VERSION } from '../schema/model-check.js';
import { defineRule } from './define-rule.js';

/**
 * The AWS API model check as an ordinary rule, so it can be configured like any other. It reads
 * the schema generated from botocore (see scripts/generate-schema.mjs).
 */
export const awsApiModel = defineRule({
  meta: {
    id: 'aws-api-model',
    description: `The request matches the AWS IoT API model (botocore ${MODEL_VERSION.botocore}): required members, types, lengths, ranges, patterns, enums and known keys.`,
    category: 'model',
    unknownValues: 'checked',
    defaultSeverity: 'error',
    certainty: 'documented',
    messages: { problem: '{{message}}' },
    hasSuggestions: true,
  },
  defaultOptions: {},
  check(context) {
    // The context has the format and the source text the wording asks for: nothing is made for a valid request.
    for (const problem of checkAgainstModel(context.request, context)) {
      context.report({
        path: problem.path,
        target: problem.target,
        messageId: 'problem',
        data: { message: problem.message },
        ...(problem.suggestions
          ? {
              suggestions: problem.suggestions.map((suggestion) => ({
                messageId: 'problem' as const,
                data: { message: suggestion.message },
                edits: suggestion.edits,
              })),
            }
          : {}),
      });
    }
  },
});
