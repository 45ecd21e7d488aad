import { definePrecisionRule } from '@otalint/core';

export default definePrecisionRule({
  path: 'awsJobExecutionsRolloutConfig.exponentialRate.incrementFactor',
  meta: {
    id: 'increment-factor-precision',
    description: '`exponentialRate.incrementFactor` has at most one digit after the decimal point.',
    category: 'ranges',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
  },
  places: 1,
  example: ['1.5', '1.55'],
});
