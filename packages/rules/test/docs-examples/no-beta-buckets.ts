import { defineRule, isString, objectsAt } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'no-beta-buckets', // kebab-case, stable forever
    description: 'S3 sources do not use beta buckets.',
    category: 'files',
    defaultSeverity: 'warning',
    certainty: 'inferred', // documented | observed | inferred
    unknownValues: 'checked', // this rule never takes a value known only at run time for a wrong one
    messages: {
      beta: '`{{field}}` is "{{bucket}}", a beta bucket; use one of {{allowed}}.',
    },
    optionsSchema: {
      // JSON Schema, checked when config loads
      type: 'object',
      properties: { allow: { type: 'array', items: { type: 'string' } } },
      additionalProperties: false,
    },
  },
  defaultOptions: { allow: [] as string[] },
  check({ request, options, report }) {
    // Every s3Location that is an object, wherever `files` is a list of objects; nothing otherwise.
    for (const s3 of objectsAt(request, 'files[].fileLocation.s3Location')) {
      const bucket = s3.value.bucket;
      // isString is false for a wrong type and for a value known only at run time (a variable in code).
      if (isString(bucket) && bucket.includes('beta') && !options.allow.includes(bucket)) {
        report({
          path: [...s3.path, 'bucket'],
          messageId: 'beta',
          data: { field: 'bucket', bucket, allowed: options.allow.join(', ') || 'a release bucket' },
        });
      }
    }
  },
});
