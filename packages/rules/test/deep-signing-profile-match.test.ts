import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-signing-profile-match.js';
import { memoryAccount } from './support/account.js';
import { requestText, THING } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc';
const OTHER_CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/old';
const code = requestText({
  targets: [THING],
  files: [
    {
      fileLocation: { s3Location: { bucket: 'afr-ota-fw', key: 'fw.bin', version: 'v1' } },
      codeSigning: {
        startSigningJobParameter: {
          signingProfileName: 'ota_profile',
          signingProfileParameter: { certificateArn: CERT, platform: 'AmazonFreeRTOS-Default', certificatePathOnDevice: 'cert' },
        },
      },
    },
  ],
});

testAccountRule(rule, {
  valid: [
    {
      name: 'the profile matches',
      code,
      account: memoryAccount({ profiles: { ota_profile: { status: 'Active', platformId: 'AmazonFreeRTOS-Default', certificateArn: CERT } } }),
    },
    { name: 'a new profile', code, account: memoryAccount({}) },
  ],
  invalid: [
    {
      name: 'another platform and certificate',
      code,
      account: memoryAccount({ profiles: { ota_profile: { status: 'Active', platformId: 'AmazonFreeRTOS-TI-CC3220SF', certificateArn: OTHER_CERT } } }),
      errors: [
        {
          message: `Signing profile "ota_profile" already exists with certificate ${OTHER_CERT}, not ${CERT}; devices would verify against the wrong certificate. Use the profile's certificate, or a new profile name.`,
          ...rangeOfValue(code, 'certificateArn'),
          path: '/files/0/codeSigning/startSigningJobParameter/signingProfileParameter/certificateArn',
        },
        {
          message:
            'Signing profile "ota_profile" already exists with platform "AmazonFreeRTOS-TI-CC3220SF", not "AmazonFreeRTOS-Default"; the existing profile is what signs, so devices get a "AmazonFreeRTOS-TI-CC3220SF" signature. Use the profile\'s platform, or a new profile name.',
          ...rangeOfValue(code, 'platform'),
        },
      ],
    },
  ],
});
