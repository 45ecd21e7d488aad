import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-signing-destination-bucket.js';
import { memoryAccount } from './support/account.js';
import { requestText, ROLE, THING } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const code = requestText({
  targets: [THING],
  files: [
    {
      fileLocation: { s3Location: { bucket: 'afr-ota-src', key: 'fw.bin', version: 'v1' } },
      codeSigning: { startSigningJobParameter: { signingProfileName: 'ota_profile', destination: { s3Destination: { bucket: 'afr-ota-signed' } } } },
    },
  ],
  roleArn: ROLE,
});
const at = rangeOfValue(code, 'bucket', 2);

testAccountRule(rule, {
  valid: [{ name: 'the destination exists', code, account: memoryAccount({ buckets: { 'afr-ota-signed': 'Never' } }) }],
  invalid: [
    {
      name: 'no such destination bucket',
      code,
      account: memoryAccount({ buckets: { 'afr-ota-src': 'Enabled' } }),
      errors: [
        {
          message:
            'S3 bucket "afr-ota-signed" does not exist (NoSuchBucket: The specified resource does not exist), so AWS Signer cannot write the signed image there. Create it, or name an existing bucket.',
          ...at,
          path: '/files/0/codeSigning/startSigningJobParameter/destination/s3Destination/bucket',
        },
      ],
    },
    {
      name: 'access denied',
      code,
      account: memoryAccount({ denied: ['s3:GetBucketVersioning'] }),
      errors: [
        {
          message:
            'Could not check that S3 bucket "afr-ota-signed" exists: AccessDenied: User is not authorized to perform: s3:GetBucketVersioning; the credentials need s3:GetBucketVersioning.',
          severity: 'info',
          ...at,
        },
      ],
    },
  ],
});
