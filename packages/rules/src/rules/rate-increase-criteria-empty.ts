import { defineRule, isObject } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'rate-increase-criteria-empty',
    description: '`exponentialRate.rateIncreaseCriteria` names a threshold: `numberOfNotifiedThings` or `numberOfSucceededThings`.',
    category: 'rollout',
    defaultSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    messages: {
      empty:
        '`rateIncreaseCriteria` names no threshold, so the rate never increases: set `numberOfNotifiedThings` or `numberOfSucceededThings` (at least 1) to say when to raise it.',
    },
  },
  defaultOptions: {},
  check(context) {
    const rollout = context.request.awsJobExecutionsRolloutConfig;
    if (!isObject(rollout) || !isObject(rollout.exponentialRate)) return;
    const criteria = rollout.exponentialRate.rateIncreaseCriteria;
    if (isObject(criteria) && !('numberOfNotifiedThings' in criteria) && !('numberOfSucceededThings' in criteria)) {
      context.report({ path: ['awsJobExecutionsRolloutConfig', 'exponentialRate', 'rateIncreaseCriteria'], messageId: 'empty' });
    }
  },
});
