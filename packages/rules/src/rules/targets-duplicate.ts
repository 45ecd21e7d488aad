import { defineRule, duplicatesBy, targetEntries } from '@otalint/core';

/** A target is its own key (made once, not a function per request). */
const itself = (target: string): string => target;

export default defineRule({
  meta: {
    id: 'targets-duplicate',
    description: 'No target is listed twice.',
    category: 'targets',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    hasSuggestions: true,
    messages: {
      duplicate: 'Target "{{value}}" is already listed at `targets[{{first}}]`; remove the repeat.',
      remove: 'Remove this repeat of "{{value}}".',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const [first, ...repeats] of duplicatesBy(targetEntries(context.request), itself)) {
      for (const repeat of repeats) {
        const data = { value: repeat.value, first: first!.path[1] };
        context.report({
          path: repeat.path,
          messageId: 'duplicate',
          data,
          suggestions: [{ messageId: 'remove', data, edits: [{ kind: 'remove', path: repeat.path }] }],
        });
      }
    }
  },
});
