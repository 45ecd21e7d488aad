import { testRule } from '@otalint/core/testing';
import rule from '../src/rules/s3-object-version.js';
import { json, withFile } from './support/json.js';
import { rangeOf, rangeOfValue } from './support/position.js';

const missing = (key: string) =>
  `\`s3Location\` has no \`version\`; OTA updates expect a versioned bucket, and without a version a later upload to ${key} changes what this update sends. Enable versioning on the bucket and add the object's version id (\`aws s3api head-object\` prints it as VersionId).`;
const at = (s3Location: unknown, codeSigning?: unknown) => withFile({ fileLocation: { s3Location }, ...(codeSigning ? { codeSigning } : {}) });

const noVersion = json(at({ bucket: 'afr-ota', key: 'fw/v2.bin' }, { awsSignerJobId: 'j' }));
const noKey = json(at({ bucket: 'afr-ota' }));
const yaml = 'files:\n  - fileLocation:\n      s3Location: {bucket: afr-ota, key: fw.bin}\n';

testRule(rule, {
  valid: [
    { name: 'versioned', request: at({ bucket: 'afr-ota', key: 'fw.bin', version: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY' }) },
    { name: 'a stream', request: withFile({ fileLocation: { stream: { streamId: 's', fileId: 0 } } }) },
    {
      name: 'a signing job: signing-job-locations reports the missing version as an error',
      request: at({ bucket: 'afr-ota', key: 'fw.bin' }, { startSigningJobParameter: {} }),
    },
    { name: "a wrong-typed version is the model check's", request: at({ bucket: 'afr-ota', key: 'fw.bin', version: 3 }) },
  ],
  invalid: [
    {
      name: 'no version',
      code: noVersion,
      errors: [{ message: missing('"fw/v2.bin"'), ...rangeOfValue(noVersion, 's3Location'), path: '/files/0/fileLocation/s3Location/version' }],
    },
    { name: 'no key either', code: noKey, errors: [{ message: missing('the same key'), ...rangeOfValue(noKey, 's3Location') }] },
    { name: 'YAML', code: yaml, errors: [{ message: missing('"fw.bin"'), ...rangeOf(yaml, '{bucket: afr-ota, key: fw.bin}') }] },
  ],
});
