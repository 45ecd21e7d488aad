import { testRule } from '@otalint/core/testing';
import { PARTITIONS } from '@otalint/core';
import rule from '../src/rules/signing-certificate-arn.js';
import { json, withFile } from './support/json.js';
import { rangeOf } from './support/position.js';

const SHAPE = 'arn:<partition>:acm:<region>:<account>:certificate/<id>';
const notAcm = (arn: string, problem: string) =>
  `\`certificateArn\` "${arn}" is not an ACM certificate ARN: ${problem}. AWS Signer needs the code-signing certificate imported into ACM: ${SHAPE}.`;
const withArn = (certificateArn: unknown) =>
  withFile({ codeSigning: { startSigningJobParameter: { signingProfileParameter: { certificateArn, platform: 'AmazonFreeRTOS-Default' } } } });
const ID = '0a1b2c3d-4e5f-6789-abcd-ef0123456789';

const bad: Array<[string, string, string]> = [
  ['IoT device certificate', 'arn:aws:iot:us-east-1:123456789012:cert/6e6b1d5c2f', 'it is an AWS IoT device certificate'],
  ['not an ARN', 'my-signing-cert', 'it is not an ARN (arn:<partition>:<service>:<region>:<account>:<resource>)'],
  ['IAM server certificate', 'arn:aws:iam::123456789012:server-certificate/ota', 'the service is "iam"; it must be "acm"'],
  ['unknown partition', `arn:amazon:acm:us-east-1:123456789012:certificate/${ID}`, `the partition "amazon" is not one of ${PARTITIONS.join(', ')}`],
  ['empty region', `arn:aws:acm::123456789012:certificate/${ID}`, 'the region field is empty; it must name a region such as us-east-1'],
  ['bad region', `arn:aws:acm:useast1:123456789012:certificate/${ID}`, 'the region "useast1" is not a region name such as us-east-1'],
  ['short account', `arn:aws:acm:us-east-1:12345678901:certificate/${ID}`, 'the account "12345678901" must be 12 digits'],
  ['no certificate id', 'arn:aws:acm:us-east-1:123456789012:certificate/', 'the resource "certificate/" is not certificate/<id>'],
];
const yaml =
  'files:\n  - codeSigning:\n      startSigningJobParameter:\n        signingProfileParameter:\n          certificateArn: arn:aws:iot:eu-west-1:123456789012:cert/abc\n';

testRule(rule, {
  valid: [
    ...PARTITIONS.map((partition) => ({ name: `partition ${partition}`, request: withArn(`arn:${partition}:acm:us-east-1:123456789012:certificate/${ID}`) })),
    { name: 'GovCloud region', request: withArn(`arn:aws-us-gov:acm:us-gov-west-1:123456789012:certificate/${ID}`) },
    { name: 'no certificateArn (an existing profile)', request: withFile({ codeSigning: { startSigningJobParameter: { signingProfileName: 'ota' } } }) },
    { name: "a wrong type is the model check's", request: withArn(42) },
  ],
  invalid: [
    ...bad.map(([name, arn, problem]) => {
      const code = json(withArn(arn));
      return {
        name,
        code,
        errors: [
          {
            message: notAcm(arn, problem),
            ...rangeOf(code, JSON.stringify(arn)),
            path: '/files/0/codeSigning/startSigningJobParameter/signingProfileParameter/certificateArn',
          },
        ],
      };
    }),
    {
      name: 'YAML',
      code: yaml,
      errors: [
        {
          message: notAcm('arn:aws:iot:eu-west-1:123456789012:cert/abc', 'it is an AWS IoT device certificate'),
          ...rangeOf(yaml, 'arn:aws:iot:eu-west-1:123456789012:cert/abc'),
        },
      ],
    },
  ],
});
