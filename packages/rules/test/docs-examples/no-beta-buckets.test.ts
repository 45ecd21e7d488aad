import { testRule } from '@otalint/core/testing';
import rule from './no-beta-buckets.js';

testRule(rule, {
  valid: [
    { request: { files: [{ fileLocation: { s3Location: { bucket: 'afr-ota' } } }] } },
    { name: 'a file may hold anything', request: { files: 'fw.bin' } },
    { name: 'allowed by an option', request: { files: [{ fileLocation: { s3Location: { bucket: 'beta-1' } } }] }, options: { allow: ['beta-1'] } },
  ],
  invalid: [
    {
      code: '{"files": [{"fileLocation": {"s3Location": {"bucket": "beta-1"}}}]}',
      errors: [{ message: '`bucket` is "beta-1", a beta bucket; use one of a release bucket.', line: 1, column: 55, endLine: 1, endColumn: 63 }],
    },
  ],
});
