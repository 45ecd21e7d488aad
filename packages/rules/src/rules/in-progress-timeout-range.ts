import { defineRangeRule } from '@otalint/core';

export default defineRangeRule({
  path: 'awsJobTimeoutConfig.inProgressTimeoutInMinutes',
  meta: {
    id: 'in-progress-timeout-range',
    description: '`awsJobTimeoutConfig.inProgressTimeoutInMinutes` is between 1 and 10080 minutes (7 days).',
    category: 'ranges',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
  },
  min: 1,
  max: 10080,
  unit: 'minutes',
  note: '(7 days), and it cannot be changed after the update is created',
});
