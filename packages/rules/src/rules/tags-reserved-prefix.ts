import { defineRule, isString, tagEntries } from '@otalint/core';

/** A tag's members, and how messages name them. */
const MEMBERS = [
  ['Key', 'key'],
  ['Value', 'value'],
] as const;
/** `aws:` in any case, tested without a lower-cased copy of every key and value. */
const RESERVED = /^aws:/i;

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
      for (const [member, part] of MEMBERS) {
        const value = tag.value[member];
        if (isString(value) && RESERVED.test(value)) context.report({ path: [...tag.path, member], messageId: 'reserved', data: { part, value } });
      }
    }
  },
});
