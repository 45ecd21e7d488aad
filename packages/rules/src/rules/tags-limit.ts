import { defineListLimitRule } from '@otalint/core';

export default defineListLimitRule({
  path: 'tags',
  max: 50,
  meta: {
    id: 'tags-limit',
    description: '`tags` holds at most 50 tags.',
    category: 'tags',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
  },
  message: '`tags` holds {{count}} tags; an AWS resource takes at most {{max}}. Remove {{excess}}.',
});
