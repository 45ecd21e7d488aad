import { defineRule, isObject } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'rollout-constant-and-exponential',
    description: 'A rollout sets a constant rate (`maximumPerMinute`) or an `exponentialRate`, not both.',
    category: 'rollout',
    defaultSeverity: 'info',
    certainty: 'inferred',
    presets: ['strict'],
    messages: {
      both: 'The rollout sets both `maximumPerMinute` and `exponentialRate`; how the two combine is not documented. Keep one, or confirm on a test fleet that the result is what you want.',
    },
  },
  defaultOptions: {},
  check(context) {
    const rollout = context.request.awsJobExecutionsRolloutConfig;
    if (isObject(rollout) && 'maximumPerMinute' in rollout && isObject(rollout.exponentialRate)) {
      context.report({ path: ['awsJobExecutionsRolloutConfig', 'exponentialRate'], target: 'key', messageId: 'both' });
    }
  },
});
