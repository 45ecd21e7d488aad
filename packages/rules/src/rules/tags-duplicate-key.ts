import { defineRule, duplicatesBy, isString, tagEntries } from '@otalint/core';

/** A tag's key, when it is a string (made once, not a function per request). */
const tagKey = (tag: Record<string, unknown>): string | undefined => (isString(tag.Key) ? tag.Key : undefined);

export default defineRule({
  meta: {
    id: 'tags-duplicate-key',
    description: 'Each tag key appears once.',
    category: 'tags',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      duplicate: 'Tag key "{{key}}" is already used at `tags[{{first}}]`; one value would silently overwrite the other. Keep one tag per key.',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const [first, ...repeats] of duplicatesBy(tagEntries(context.request), tagKey)) {
      for (const repeat of repeats)
        context.report({ path: [...repeat.path, 'Key'], messageId: 'duplicate', data: { key: repeat.value.Key, first: first!.path[1] } });
    }
  },
});
