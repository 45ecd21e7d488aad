import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-signing-profile.js';
import { memoryAccount } from './support/account.js';
import { requestText, THING } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const signing = (start: Record<string, unknown>) =>
  requestText({
    targets: [THING],
    files: [{ fileLocation: { s3Location: { bucket: 'afr-ota-fw', key: 'fw.bin', version: 'v1' } }, codeSigning: { startSigningJobParameter: start } }],
  });
const byName = signing({ signingProfileName: 'ota_profile' });
const withParameter = signing({
  signingProfileName: 'new_profile',
  signingProfileParameter: {
    certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
    platform: 'AmazonFreeRTOS-Default',
    certificatePathOnDevice: 'cert',
  },
});
const at = rangeOfValue(byName, 'signingProfileName');

testAccountRule(rule, {
  valid: [
    { name: 'an active profile', code: byName, account: memoryAccount({ profiles: { ota_profile: { status: 'Active' } } }) },
    { name: 'a new profile the update creates', code: withParameter, account: memoryAccount({}) },
    {
      name: 'Python: signingProfileParameter known only at run time may create it',
      code: `import boto3
boto3.client("iot").create_ota_update(
    otaUpdateId="fw-1",
    targets=["${THING}"],
    files=[{"codeSigning": {"startSigningJobParameter": {"signingProfileName": "new_profile", "signingProfileParameter": profile}}}],
)
`,
      format: 'python',
      account: memoryAccount({}),
    },
  ],
  invalid: [
    {
      name: 'no such profile, and no parameters to create it',
      code: byName,
      account: memoryAccount({}),
      errors: [
        {
          message:
            'Signing profile "ota_profile" does not exist in us-east-1 (ResourceNotFoundException: The specified resource does not exist). Name an existing profile, or add `signingProfileParameter` (certificateArn, platform, certificatePathOnDevice) so the update creates it.',
          ...at,
          path: '/files/0/codeSigning/startSigningJobParameter/signingProfileName',
        },
      ],
    },
    {
      name: 'a canceled profile',
      code: byName,
      account: memoryAccount({ profiles: { ota_profile: { status: 'Canceled' } } }),
      errors: [
        {
          message: 'Signing profile "ota_profile" is Canceled; AWS Signer signs only with active profiles. Name an active profile, or create a new one.',
          ...at,
        },
      ],
    },
    {
      name: 'access denied',
      code: byName,
      account: memoryAccount({ denied: ['signer:GetSigningProfile'] }),
      errors: [
        {
          message:
            'Could not check that signing profile "ota_profile" exists and is active: AccessDenied: User is not authorized to perform: signer:GetSigningProfile; the credentials need signer:GetSigningProfile.',
          severity: 'info',
          ...at,
        },
      ],
    },
  ],
});
