import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/signer-platform.js';
import { json, withFile } from './support/json.js';
import { rangeOf } from './support/position.js';

const PLATFORMS = '"AmazonFreeRTOS-Default", "AmazonFreeRTOS-TI-CC3220SF", "AWSIoTDeviceManagement-SHA256-ECDSA"';
const notOta = (platform: string, didYouMean = '') =>
  `\`platform\` "${platform}" is not an AWS Signer platform for OTA updates; devices cannot verify what it signs. Use one of ${PLATFORMS}.${didYouMean}`;
const onPlatform = (platform: unknown) => withFile({ codeSigning: { startSigningJobParameter: { signingProfileParameter: { platform } } } });

const lambda = json(onPlatform('AWSLambda-SHA384-ECDSA'));
const typo = json(onPlatform('AmazonFreeRTOS-default'));
const yaml = 'files:\n  - codeSigning:\n      startSigningJobParameter:\n        signingProfileParameter:\n          platform: Notation-OCI-SHA384-ECDSA\n';
const use = (p: string) => `Use "${p}".`;

testRule(rule, {
  valid: [
    { name: 'FreeRTOS default', request: onPlatform('AmazonFreeRTOS-Default') },
    { name: 'TI CC3220SF', request: onPlatform('AmazonFreeRTOS-TI-CC3220SF') },
    { name: 'IoT Device Management', request: onPlatform('AWSIoTDeviceManagement-SHA256-ECDSA') },
    { name: 'no platform', request: withFile({ codeSigning: { startSigningJobParameter: { signingProfileParameter: {} } } }) },
    { name: "a wrong type is the model check's", request: onPlatform(['AmazonFreeRTOS-Default']) },
  ],
  invalid: [
    {
      name: 'Lambda platform',
      code: lambda,
      errors: [
        {
          message: notOta('AWSLambda-SHA384-ECDSA'),
          ...rangeOf(lambda, '"AWSLambda-SHA384-ECDSA"'),
          path: '/files/0/codeSigning/startSigningJobParameter/signingProfileParameter/platform',
          suggestions: [use('AmazonFreeRTOS-Default'), use('AmazonFreeRTOS-TI-CC3220SF'), use('AWSIoTDeviceManagement-SHA256-ECDSA')],
        },
      ],
    },
    {
      name: 'wrong case: did you mean, suggested first',
      code: typo,
      errors: [
        {
          message: notOta('AmazonFreeRTOS-default', ' Did you mean "AmazonFreeRTOS-Default"?'),
          ...rangeOf(typo, '"AmazonFreeRTOS-default"'),
          suggestions: [use('AmazonFreeRTOS-Default'), use('AmazonFreeRTOS-TI-CC3220SF'), use('AWSIoTDeviceManagement-SHA256-ECDSA')],
        },
      ],
    },
    { name: 'YAML, Notation', code: yaml, errors: [{ message: notOta('Notation-OCI-SHA384-ECDSA'), ...rangeOf(yaml, 'Notation-OCI-SHA384-ECDSA') }] },
  ],
});
