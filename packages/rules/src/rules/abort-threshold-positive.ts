import { abortCriteriaEntries, defineRule, isFiniteNumber } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'abort-threshold-positive',
    description: '`abortCriteriaList[].thresholdPercentage` is greater than 0.',
    category: 'abort',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'inferred',
    presets: ['strict'],
    messages: {
      notPositive:
        '`thresholdPercentage` is {{value}}; a failure threshold must be greater than 0 (up to 100) percent of executed things. Set the percentage of failures that should stop the rollout, e.g. 10.',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const criteria of abortCriteriaEntries(context.request)) {
      const value = criteria.value.thresholdPercentage;
      if (isFiniteNumber(value) && value <= 0) context.report({ path: [...criteria.path, 'thresholdPercentage'], messageId: 'notPositive', data: { value } });
    }
  },
});
