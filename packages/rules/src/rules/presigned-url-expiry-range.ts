import { compareToRange, defineRule, isObject } from '@otalint/core';

const RANGE = { min: 60, max: 3600 } as const;

export default defineRule({
  meta: {
    id: 'presigned-url-expiry-range',
    description: '`awsJobPresignedUrlConfig.expiresInSec` is between 60 and 3600 seconds.',
    category: 'ranges',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
    messages: {
      outOfRange:
        '`awsJobPresignedUrlConfig.expiresInSec` is {{value}}; it must be between 60 and 3600 seconds (the default for OTA is 1800). Use a value in that range or remove it.',
    },
  },
  defaultOptions: {},
  check(context) {
    const config = context.request.awsJobPresignedUrlConfig;
    if (!isObject(config)) return;
    const position = compareToRange(config.expiresInSec, RANGE);
    if (position === 'below' || position === 'above') {
      context.report({ path: ['awsJobPresignedUrlConfig', 'expiresInSec'], messageId: 'outOfRange', data: { value: config.expiresInSec } });
    }
  },
});
