import { defineRule } from '@otalint/core';

const LIMIT = 50;

export default defineRule({
  meta: {
    id: 'tags-limit',
    description: '`tags` holds at most 50 tags.',
    category: 'tags',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      tooMany: '`tags` holds {{count}} tags; an AWS resource takes at most 50. Remove {{excess}}.',
    },
  },
  defaultOptions: {},
  check(context) {
    const { tags } = context.request;
    if (Array.isArray(tags) && tags.length > LIMIT)
      context.report({ path: ['tags'], messageId: 'tooMany', data: { count: tags.length, excess: tags.length - LIMIT } });
  },
});
