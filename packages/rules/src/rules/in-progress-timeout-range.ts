import { compareToRange, defineRule, isObject } from '@otalint/core';

const RANGE = { min: 1, max: 10080 } as const;

export default defineRule({
  meta: {
    id: 'in-progress-timeout-range',
    description: '`awsJobTimeoutConfig.inProgressTimeoutInMinutes` is between 1 and 10080 minutes (7 days).',
    category: 'ranges',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      outOfRange:
        '`awsJobTimeoutConfig.inProgressTimeoutInMinutes` is {{value}}; it must be between 1 and 10080 minutes (7 days), and it cannot be changed after the update is created. Use a value in that range.',
    },
  },
  defaultOptions: {},
  check(context) {
    const config = context.request.awsJobTimeoutConfig;
    if (!isObject(config)) return;
    const position = compareToRange(config.inProgressTimeoutInMinutes, RANGE);
    if (position === 'below' || position === 'above') {
      context.report({
        path: ['awsJobTimeoutConfig', 'inProgressTimeoutInMinutes'],
        messageId: 'outOfRange',
        data: { value: config.inProgressTimeoutInMinutes },
      });
    }
  },
});
