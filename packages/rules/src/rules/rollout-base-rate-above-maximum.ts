import { childObject, defineRule, isFiniteNumber, objectAt } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'rollout-base-rate-above-maximum',
    description: '`exponentialRate.baseRatePerMinute` is not above `maximumPerMinute`.',
    category: 'rollout',
    unknownValues: 'checked',
    needs: ['awsJobExecutionsRolloutConfig.maximumPerMinute'],
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    messages: {
      aboveMaximum:
        '`baseRatePerMinute` is {{base}}, above `maximumPerMinute` {{maximum}}: the exponential rollout would start faster than the constant cap allows. Lower `baseRatePerMinute` to at most {{maximum}} or raise `maximumPerMinute`.',
    },
  },
  defaultOptions: {},
  check(context) {
    const rollout = objectAt(context.request, 'awsJobExecutionsRolloutConfig');
    const exponentialRate = rollout && childObject(rollout, 'exponentialRate');
    if (!rollout || !exponentialRate) return;
    const maximum = rollout.value.maximumPerMinute;
    const base = exponentialRate.value.baseRatePerMinute;
    if (isFiniteNumber(maximum) && isFiniteNumber(base) && base > maximum) {
      context.report({ path: [...exponentialRate.path, 'baseRatePerMinute'], messageId: 'aboveMaximum', data: { base, maximum } });
    }
  },
});
