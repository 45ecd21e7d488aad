import { compareToRange, defineRule, isObject } from '@otalint/core';

const RANGE = { min: 1.1, max: 5 } as const;

export default defineRule({
  meta: {
    id: 'increment-factor-range',
    description: '`exponentialRate.incrementFactor` is between 1.1 and 5.0.',
    category: 'ranges',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      outOfRange:
        '`exponentialRate.incrementFactor` is {{value}}; it must be between 1.1 and 5.0 (the factor the rollout rate grows by). Use a value in that range.',
    },
  },
  defaultOptions: {},
  check(context) {
    const rollout = context.request.awsJobExecutionsRolloutConfig;
    if (!isObject(rollout) || !isObject(rollout.exponentialRate)) return;
    const value = rollout.exponentialRate.incrementFactor;
    const position = compareToRange(value, RANGE);
    if (position === 'below' || position === 'above') {
      context.report({ path: ['awsJobExecutionsRolloutConfig', 'exponentialRate', 'incrementFactor'], messageId: 'outOfRange', data: { value } });
    }
  },
});
