import { defineRule, isFiniteNumber, isObject } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'rollout-base-rate-above-maximum',
    description: '`exponentialRate.baseRatePerMinute` is not above `maximumPerMinute`.',
    category: 'rollout',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'inferred',
    presets: ['strict'],
    messages: {
      aboveMaximum:
        '`baseRatePerMinute` is {{base}}, above `maximumPerMinute` {{maximum}}: the exponential rollout would start faster than the constant cap allows. Lower `baseRatePerMinute` to at most {{maximum}} or raise `maximumPerMinute`.',
    },
  },
  defaultOptions: {},
  check(context) {
    const rollout = context.request.awsJobExecutionsRolloutConfig;
    if (!isObject(rollout) || !isObject(rollout.exponentialRate)) return;
    const maximum = rollout.maximumPerMinute;
    const base = rollout.exponentialRate.baseRatePerMinute;
    if (isFiniteNumber(maximum) && isFiniteNumber(base) && base > maximum) {
      context.report({ path: ['awsJobExecutionsRolloutConfig', 'exponentialRate', 'baseRatePerMinute'], messageId: 'aboveMaximum', data: { base, maximum } });
    }
  },
});
