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
const yamlOn = (platform: string) =>
  `files:\n  - codeSigning:\n      startSigningJobParameter:\n        signingProfileParameter:\n          platform: ${platform}\n`;
const yaml = yamlOn('Notation-OCI-SHA384-ECDSA');
const OTA_PLATFORMS = ['AmazonFreeRTOS-Default', 'AmazonFreeRTOS-TI-CC3220SF', 'AWSIoTDeviceManagement-SHA256-ECDSA'];
/** The three suggestions, each a request file that names one OTA platform, written as `written` writes it. */
const useEach = (written: (platform: string) => string) => OTA_PLATFORMS.map((p) => ({ message: `Use "${p}".`, output: written(p) }));

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
          suggestions: useEach((p) => json(onPlatform(p))),
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
          suggestions: useEach((p) => json(onPlatform(p))),
        },
      ],
    },
    {
      name: 'YAML, Notation',
      code: yaml,
      errors: [{ message: notOta('Notation-OCI-SHA384-ECDSA'), ...rangeOf(yaml, 'Notation-OCI-SHA384-ECDSA'), suggestions: useEach(yamlOn) }],
    },
  ],
});
