import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/presigned-url-expiry-range.js';

const message = (value: number) =>
  `\`awsJobPresignedUrlConfig.expiresInSec\` is ${value}; it must be between 60 and 3600 seconds (the default for OTA is 1800). Use a value in that range or remove it.`;

testRule(rule, {
  valid: [
    { name: 'lower limit', request: { awsJobPresignedUrlConfig: { expiresInSec: 60 } } },
    { name: 'upper limit', request: { awsJobPresignedUrlConfig: { expiresInSec: 3600 } } },
    { name: 'default', request: { awsJobPresignedUrlConfig: { expiresInSec: 1800 } } },
    { name: 'absent', request: { awsJobPresignedUrlConfig: {} } },
    { name: "wrong type is the model check's", request: { awsJobPresignedUrlConfig: { expiresInSec: '5' } } },
  ],
  invalid: [
    {
      name: 'one below',
      code: '{"awsJobPresignedUrlConfig": {"expiresInSec": 59}}',
      errors: [{ message: message(59), line: 1, column: 47, endLine: 1, endColumn: 49, path: '/awsJobPresignedUrlConfig/expiresInSec' }],
    },
    {
      name: 'one above',
      code: '{"awsJobPresignedUrlConfig": {"expiresInSec": 3601}}',
      errors: [{ message: message(3601), line: 1, column: 47, endLine: 1, endColumn: 51 }],
    },
    { name: 'YAML', code: 'awsJobPresignedUrlConfig:\n  expiresInSec: 5\n', errors: [{ message: message(5), line: 2, column: 17, endLine: 2, endColumn: 18 }] },
  ],
});
