import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/s3-bucket-name.js';
import { json, withFile } from './support/json.js';
import { rangeOf } from './support/position.js';

const outside = (role: string, bucket: string, actions: string, prefixes = '"afr-ota*"') =>
  `The ${role} bucket "${bucket}" is not named ${prefixes}; the AmazonFreeRTOSOTAUpdate managed policy reaches only those, so the OTA role needs its own S3 permissions on "${bucket}" (${actions}), or the update fails after it is created.`;
const READ = 's3:GetObject, s3:GetObjectVersion';
const WRITE = 's3:PutObject';
const request = (source: string, destination?: string) =>
  withFile({
    fileLocation: { s3Location: { bucket: source, key: 'fw.bin', version: '1' } },
    ...(destination ? { codeSigning: { startSigningJobParameter: { destination: { s3Destination: { bucket: destination } } } } } : {}),
  });

const both = json(request('firmware-releases', 'signed-firmware'));
const custom = json(request('afr-ota-fw'));
const yaml = 'files:\n  - fileLocation:\n      s3Location: {bucket: my-fw, key: fw.bin, version: "1"}\n';

testRule(rule, {
  valid: [
    { name: 'afr-ota buckets', request: request('afr-ota-firmware', 'afr-ota-signed') },
    { name: 'exactly afr-ota', request: request('afr-ota') },
    { name: 'another prefix from the options', request: request('acme-ota-firmware'), options: { prefixes: ['acme-ota'] } },
    { name: 'a stream', request: withFile({ fileLocation: { stream: { streamId: 's', fileId: 0 } } }) },
  ],
  invalid: [
    {
      name: 'source and signing destination',
      code: both,
      errors: [
        { message: outside('source', 'firmware-releases', READ), ...rangeOf(both, '"firmware-releases"'), path: '/files/0/fileLocation/s3Location/bucket' },
        {
          message: outside('signing destination', 'signed-firmware', WRITE),
          ...rangeOf(both, '"signed-firmware"'),
          path: '/files/0/codeSigning/startSigningJobParameter/destination/s3Destination/bucket',
        },
      ],
    },
    {
      name: 'prefixes from the options replace the default',
      code: custom,
      options: { prefixes: ['acme-ota', 'fw-'] },
      errors: [{ message: outside('source', 'afr-ota-fw', READ, '"acme-ota*" or "fw-*"'), ...rangeOf(custom, '"afr-ota-fw"') }],
    },
    { name: 'YAML', code: yaml, errors: [{ message: outside('source', 'my-fw', READ), ...rangeOf(yaml, 'my-fw') }] },
  ],
});
