import { defineRule, isAbsent, isPresent, objectAt } from '@otalint/core';

export default defineRule({
  meta: {
    id: 'rollout-maximum-placement',
    description: '`maximumPerMinute` sits in `awsJobExecutionsRolloutConfig`, not inside `exponentialRate`.',
    category: 'rollout',
    unknownValues: 'checked',
    needs: ['awsJobExecutionsRolloutConfig.exponentialRate.maximumPerMinute'],
    defaultSeverity: 'error',
    certainty: 'observed',
    presets: ['recommended'],
    messages: {
      nested:
        '`maximumPerMinute` is inside `exponentialRate`, as one AWS docs page shows by mistake: the AWS CLI rejects it there ("Unknown parameter") and the SDK drops it. {{advice}}',
    },
  },
  defaultOptions: {},
  check(context) {
    const rollout = objectAt(context.request, 'awsJobExecutionsRolloutConfig');
    const exponentialRate = objectAt(context.request, 'awsJobExecutionsRolloutConfig.exponentialRate');
    if (!rollout || !exponentialRate || !isPresent(exponentialRate.value, 'maximumPerMinute')) return;
    const advice = isPresent(rollout.value, 'maximumPerMinute')
      ? '`awsJobExecutionsRolloutConfig.maximumPerMinute` is already set: remove this one.'
      : isAbsent(rollout.value, 'maximumPerMinute')
        ? 'Move it up one level, into `awsJobExecutionsRolloutConfig`, beside `exponentialRate`.'
        : 'Keep one `maximumPerMinute`, in `awsJobExecutionsRolloutConfig` beside `exponentialRate`.';
    context.report({
      path: [...exponentialRate.path, 'maximumPerMinute'],
      target: 'key',
      messageId: 'nested',
      data: { advice },
      supersedes: 'aws-api-model',
    });
  },
});
