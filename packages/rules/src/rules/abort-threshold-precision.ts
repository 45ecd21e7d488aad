import { abortCriteriaEntries, decimalPlaces, defineRule, isFiniteNumber, roundingNeighbours } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'abort-threshold-precision',
    description: '`abortCriteriaList[].thresholdPercentage` has at most two digits after the decimal point.',
    category: 'abort',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    hasSuggestions: true,
    messages: {
      tooPrecise: '`thresholdPercentage` is {{value}}; it may have at most two digits after the decimal point (10.99, not 10.999). Use {{down}} or {{up}}.',
      useValue: 'Use {{value}}.',
    },
  },
  defaultOptions: {},
  check(context) {
    for (const criteria of abortCriteriaEntries(context.request)) {
      const value = criteria.value.thresholdPercentage;
      if (!isFiniteNumber(value) || decimalPlaces(value) <= 2) continue;
      const path = [...criteria.path, 'thresholdPercentage'];
      const [down, up] = roundingNeighbours(value, 2);
      context.report({
        path,
        messageId: 'tooPrecise',
        data: { value, down, up },
        suggestions: [down, up].map((choice) => ({
          messageId: 'useValue' as const,
          data: { value: choice },
          edits: [{ kind: 'replace' as const, path, value: choice }],
        })),
      });
    }
  },
});
