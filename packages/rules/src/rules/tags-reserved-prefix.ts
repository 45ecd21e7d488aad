import { defineRule, isString, tagEntries } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'tags-reserved-prefix',
    description: 'No tag key or value starts with the reserved prefix `aws:`.',
    category: 'tags',
    unknownValues: 'checked',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      reserved: 'Tag {{part}} "{{value}}" starts with "aws:", which AWS reserves for its own tags (in any letter case). Choose another {{part}}.',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const tag of tagEntries(context.request)) {
      for (const [member, part] of [
        ['Key', 'key'],
        ['Value', 'value'],
      ] as const) {
        const value = tag.value[member];
        if (isString(value) && value.toLowerCase().startsWith('aws:'))
          context.report({ path: [...tag.path, member], messageId: 'reserved', data: { part, value } });
      }
    }
  },
});
