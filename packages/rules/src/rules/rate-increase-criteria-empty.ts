import { defineRule, isAbsent, objectAt } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'rate-increase-criteria-empty',
    description: '`exponentialRate.rateIncreaseCriteria` names a threshold: `numberOfNotifiedThings` or `numberOfSucceededThings`.',
    category: 'rollout',
    unknownValues: 'checked',
    defaultSeverity: 'warning',
    strictSeverity: 'error',
    certainty: 'inferred',
    presets: ['recommended'],
    messages: {
      empty:
        '`rateIncreaseCriteria` names no threshold, so the rate never increases: set `numberOfNotifiedThings` or `numberOfSucceededThings` (at least 1) to say when to raise it.',
    },
  },
  defaultOptions: {},
  check(context) {
    const criteria = objectAt(context.request, 'awsJobExecutionsRolloutConfig.exponentialRate.rateIncreaseCriteria');
    if (criteria && isAbsent(criteria.value, 'numberOfNotifiedThings') && isAbsent(criteria.value, 'numberOfSucceededThings')) {
      context.report({ path: criteria.path, messageId: 'empty' });
    }
  },
});
