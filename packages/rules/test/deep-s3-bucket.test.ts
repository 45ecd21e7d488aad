import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-s3-bucket.js';
import { memoryAccount } from './support/account.js';
import { s3Request } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const code = s3Request({ bucket: 'afr-ota-fw', key: 'fw.bin', version: 'v1' });
const at = rangeOfValue(code, 'bucket');

testAccountRule(rule, {
  valid: [
    { name: 'a versioned bucket', code, account: memoryAccount({ buckets: { 'afr-ota-fw': 'Enabled' } }) },
    { name: 'a malformed bucket name is not looked up', code: s3Request({ bucket: 'Bad_Bucket', key: 'k' }), account: memoryAccount({}) },
  ],
  invalid: [
    {
      name: 'no such bucket',
      code,
      account: memoryAccount({}),
      errors: [
        {
          message: 'S3 bucket "afr-ota-fw" does not exist (NoSuchBucket: The specified resource does not exist). Create it, or correct the bucket name.',
          ...at,
        },
      ],
    },
    {
      name: 'never versioned',
      code,
      account: memoryAccount({ buckets: { 'afr-ota-fw': 'Never' } }),
      errors: [
        {
          message:
            'S3 bucket "afr-ota-fw" has never had versioning enabled; OTA updates read firmware from a versioned bucket. Enable it: aws s3api put-bucket-versioning --bucket afr-ota-fw --versioning-configuration Status=Enabled.',
          ...at,
          path: '/files/0/fileLocation/s3Location/bucket',
        },
      ],
    },
    {
      name: 'suspended',
      code,
      account: memoryAccount({ buckets: { 'afr-ota-fw': 'Suspended' } }),
      errors: [
        {
          message:
            'S3 bucket "afr-ota-fw" has versioning suspended; OTA updates read firmware from a versioned bucket. Enable it: aws s3api put-bucket-versioning --bucket afr-ota-fw --versioning-configuration Status=Enabled.',
          ...at,
        },
      ],
    },
    {
      name: 'access denied: an info finding naming the permission',
      code,
      account: memoryAccount({ denied: ['s3:GetBucketVersioning'] }),
      errors: [
        {
          message:
            'Could not check that S3 bucket "afr-ota-fw" exists and is versioned: AccessDenied: User is not authorized to perform: s3:GetBucketVersioning; the credentials need s3:GetBucketVersioning.',
          severity: 'info',
          ...at,
        },
      ],
    },
  ],
});
