import { defineRangeRule } from '@otalint/core';

export default defineRangeRule({
  path: 'awsJobExecutionsRolloutConfig.exponentialRate.incrementFactor',
  meta: {
    id: 'increment-factor-range',
    description: '`exponentialRate.incrementFactor` is between 1.1 and 5.0.',
    category: 'ranges',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
  },
  min: 1.1,
  max: 5,
  decimals: 1,
  note: '(the factor the rollout rate grows by)',
});
