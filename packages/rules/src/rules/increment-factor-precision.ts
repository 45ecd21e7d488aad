import { decimalPlaces, defineRule, isFiniteNumber, isObject, roundingNeighbours } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'increment-factor-precision',
    description: '`exponentialRate.incrementFactor` has at most one digit after the decimal point.',
    category: 'ranges',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    hasSuggestions: true,
    messages: {
      tooPrecise:
        '`exponentialRate.incrementFactor` is {{value}}; it may have at most one digit after the decimal point (1.5, not 1.55). Use {{down}} or {{up}}.',
      useValue: 'Use {{value}}.',
    },
  },
  defaultOptions: {},
  check(context) {
    const rollout = context.request.awsJobExecutionsRolloutConfig;
    if (!isObject(rollout) || !isObject(rollout.exponentialRate)) return;
    const value = rollout.exponentialRate.incrementFactor;
    if (!isFiniteNumber(value) || decimalPlaces(value) <= 1) return;
    const path = ['awsJobExecutionsRolloutConfig', 'exponentialRate', 'incrementFactor'];
    const [down, up] = roundingNeighbours(value, 1);
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
  },
});
