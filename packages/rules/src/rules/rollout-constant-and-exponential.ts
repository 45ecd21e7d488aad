import { defineRule, isPresent, objectAt } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'rollout-constant-and-exponential',
    description: 'A rollout sets a constant rate (`maximumPerMinute`) or an `exponentialRate`, not both.',
    category: 'rollout',
    unknownValues: 'checked',
    needs: ['awsJobExecutionsRolloutConfig.maximumPerMinute'],
    defaultSeverity: 'info',
    certainty: 'inferred',
    presets: ['strict'],
    messages: {
      both: 'The rollout sets both `maximumPerMinute` and `exponentialRate`; how the two combine is not documented. Keep one, or confirm on a test fleet that the result is what you want.',
    },
  },
  defaultOptions: {},
  check(context) {
    const rollout = objectAt(context.request, 'awsJobExecutionsRolloutConfig');
    const exponentialRate = objectAt(context.request, 'awsJobExecutionsRolloutConfig.exponentialRate');
    if (rollout && exponentialRate && isPresent(rollout.value, 'maximumPerMinute'))
      context.report({ path: exponentialRate.path, target: 'key', messageId: 'both' });
  },
});
