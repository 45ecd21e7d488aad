import { abortCriteriaEntries, defineRule, duplicatesBy, isString } from '@otalint/core';

/** A criterion's failure type, when it is a string (made once, not a function per request). */
const failureType = (criteria: Record<string, unknown>): string | undefined => (isString(criteria.failureType) ? criteria.failureType : undefined);

export default defineRule({
  meta: {
    id: 'abort-duplicate-failure-type',
    description: 'Each `failureType` appears in at most one abort criterion.',
    category: 'abort',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    messages: {
      duplicate:
        '`failureType` {{value}} already has a criterion at `abortCriteriaList[{{first}}]`; criteria are evaluated in order, so one shadows the other. Keep one criterion per failure type.',
    },
  },
  defaultOptions: {},
  check(context) {
    const groups = duplicatesBy(abortCriteriaEntries(context.request), failureType);
    for (const [first, ...repeats] of groups) {
      for (const repeat of repeats) {
        context.report({ path: [...repeat.path, 'failureType'], messageId: 'duplicate', data: { value: repeat.value.failureType, first: first!.path[2] } });
      }
    }
  },
});
