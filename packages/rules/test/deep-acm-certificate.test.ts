import { testAccountRule } from '@otalint/core/testing';
import rule from '../src/rules/deep-acm-certificate.js';
import { memoryAccount } from './support/account.js';
import { requestText, THING } from './support/deep-requests.js';
import { rangeOfValue } from './support/position.js';

const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';
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
const at = rangeOfValue(code, 'certificateArn');
const future = new Date(Date.now() + 365 * 86_400_000);

testAccountRule(rule, {
  valid: [{ name: 'issued, valid for a year', code, account: memoryAccount({ certificates: { [CERT]: { status: 'ISSUED', notAfter: future } } }) }],
  invalid: [
    {
      name: 'no such certificate',
      code,
      account: memoryAccount({}),
      errors: [
        {
          message: `ACM certificate ${CERT} does not exist (ResourceNotFoundException: The specified resource does not exist). Import the signing certificate into ACM in eu-west-1 (aws acm import-certificate), or correct the ARN.`,
          ...at,
          path: '/files/0/codeSigning/startSigningJobParameter/signingProfileParameter/certificateArn',
        },
      ],
    },
    {
      name: 'expired',
      code,
      account: memoryAccount({ certificates: { [CERT]: { status: 'ISSUED', notAfter: new Date('2024-03-01T00:00:00Z') } } }),
      errors: [
        { message: `ACM certificate ${CERT} expired on 2024-03-01; AWS Signer will not sign with it. Import a renewed certificate and use its ARN.`, ...at },
      ],
    },
    {
      name: 'revoked',
      code,
      account: memoryAccount({ certificates: { [CERT]: { status: 'REVOKED', notAfter: future } } }),
      errors: [{ message: `ACM certificate ${CERT} is REVOKED, not ISSUED; AWS Signer signs only with an issued certificate.`, ...at }],
    },
    {
      name: 'access denied',
      code,
      account: memoryAccount({ denied: ['acm:DescribeCertificate'] }),
      errors: [
        {
          message: `Could not check that ACM certificate ${CERT} exists and is valid: AccessDenied: User is not authorized to perform: acm:DescribeCertificate; the credentials need acm:DescribeCertificate.`,
          severity: 'info',
          ...at,
        },
      ],
    },
  ],
});
