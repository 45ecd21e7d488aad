import { defineRangeRule } from '@otalint/core';

export default defineRangeRule({
  path: 'awsJobPresignedUrlConfig.expiresInSec',
  meta: {
    id: 'presigned-url-expiry-range',
    description: '`awsJobPresignedUrlConfig.expiresInSec` is between 60 and 3600 seconds.',
    category: 'ranges',
    defaultSeverity: 'error',
    certainty: 'documented',
    presets: ['recommended'],
  },
  min: 60,
  max: 3600,
  unit: 'seconds',
  note: '(the default for OTA is 1800)',
  fix: 'Use a value in that range or remove it.',
});
